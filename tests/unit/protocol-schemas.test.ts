import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../shared/protocol/errors.js';
import { EventBatch, Hello, Snapshot, SyncReply } from '../../shared/protocol/messages.js';
import { SiteEvent } from '../../shared/protocol/events.js';

const device = {
  id: 'srv-001',
  name: 'File server',
  kind: 'server',
  status: 'up',
  parentId: 'sw-01',
  metrics: { cpu: 12.5, disk: 71 },
  security: {
    edr: 'protected',
    antivirus: 'protected',
    pendingCriticalPatches: 2,
    lastBackupAt: 1_700_000_000_000,
  },
  updatedAt: 1_700_000_000_000,
};

function problem(
  schema: { safeParse(v: unknown): { success: boolean; error?: unknown } },
  v: unknown,
) {
  const result = schema.safeParse(v);
  expect(result.success).toBe(false);
  return describeIssues(result.error as Parameters<typeof describeIssues>[0]);
}

describe('site protocol schemas', () => {
  it('accept a well-formed batch of every event type', () => {
    const batch = {
      stream: 'a1',
      events: [
        { seq: 1, at: 1, type: 'device.upsert', device },
        { seq: 2, at: 2, type: 'metric.sample', deviceId: 'srv-001', values: { cpu: 90 } },
        {
          seq: 3,
          at: 3,
          type: 'alert.raise',
          alert: {
            id: 'srv-001:cpu:1',
            deviceId: 'srv-001',
            check: 'cpu',
            severity: 'average',
            title: 'CPU high',
            detail: '',
            raisedAt: 3,
            updatedAt: 3,
            ack: null,
          },
        },
        { seq: 4, at: 4, type: 'alert.clear', alertId: 'srv-001:cpu:1' },
        { seq: 5, at: 5, type: 'device.remove', deviceId: 'srv-001' },
      ],
    };
    expect(EventBatch.parse(batch).events).toHaveLength(5);
  });

  it('reject bad values naming the field', () => {
    const badStatus = { seq: 1, at: 1, type: 'device.upsert', device: { ...device, status: 'ok' } };
    expect(problem(EventBatch, { stream: 's', events: [badStatus] })).toMatch(
      /^events\[0\]\.device\.status: Invalid option/,
    );
    expect(problem(SiteEvent, { seq: 0, at: 1, type: 'alert.clear', alertId: 'x' })).toMatch(
      /^seq: Too small/,
    );
    expect(
      problem(SiteEvent, {
        seq: 1,
        at: 1,
        type: 'metric.sample',
        deviceId: 'd',
        values: { cpu: 140 },
      }),
    ).toMatch(/^values\.cpu: Too big/);
    expect(problem(SiteEvent, { seq: 1, at: 1, type: 'device.explode', deviceId: 'd' })).toMatch(
      /^type: Invalid discriminator value/,
    );
  });

  it('reject unknown fields, so a typo at a site is seen rather than ignored', () => {
    expect(
      problem(Snapshot, { stream: 's', seq: 0, at: 0, devices: [], alerts: [], extra: 1 }),
    ).toMatch(/Unrecognized key: "extra"/);
  });

  it('reject empty and oversized batches and a hello without identity', () => {
    expect(problem(EventBatch, { stream: 's', events: [] })).toMatch(/^events: Too small/);
    expect(problem(Hello, { name: 'x' })).toMatch(/^siteId: Invalid input/);
  });

  it('parse each sync reply mode', () => {
    expect(SyncReply.parse({ mode: 'replay', replayed: 3, seq: 9 }).mode).toBe('replay');
    expect(SyncReply.parse({ mode: 'snapshot', seq: 9 }).mode).toBe('snapshot');
    expect(SyncReply.safeParse({ mode: 'replay' }).success).toBe(false);
  });
});
