import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteIncidentStore } from '../../electron/hub/sla/incident-store.js';
import { openIncident } from '../../shared/sla/incident.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteActionLog } from '../../electron/hub/acks/action-log.js';
import type { TechnicianAction } from '../../shared/alerts/technician-action.js';
import { openStore, type Store } from '../../electron/hub/store/open-store.js';
import { DEFAULT_RETENTION, Retention } from '../../electron/hub/store/retention.js';
import { WriteStatements } from '../../electron/hub/store/write-statements.js';
import type { SiteEvent } from '../../shared/protocol/events.js';
import { FakeClock } from '../support/fake-clock.js';
import { alert } from '../support/fleet-fixtures.js';
import { waitFor } from '../support/wait.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let dir = '';
let store: Store;
let sql: WriteStatements;
const clock = new FakeClock(Date.UTC(2026, 11, 1, 12));
const now = clock.now();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'noc-retention-'));
  store = await openStore(join(dir, 'noc.sqlite'));
  sql = new WriteStatements(store.raw);
  sql.putSite({ id: 'a', name: 'A', customer: 'C', hello: null }, now);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string, where = '1') =>
  Number(store.raw.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get()?.n);

let seq = 0;
function sampleAt(at: number): void {
  const event: SiteEvent = {
    seq: ++seq,
    at,
    type: 'metric.sample',
    deviceId: 'd',
    values: { cpu: 1 },
  };
  sql.putDeviceEvent('a', 's', event, 'd');
}

function alertAt(id: string, at: number, cleared: boolean): void {
  const raised = { ...alert(id, 'd'), title: `Disk ${id}`, raisedAt: at, updatedAt: at };
  sql.putAlert('a', raised, 'FS01');
  const doc = JSON.stringify({ seq: ++seq, at, type: 'alert.raise', alert: raised });
  sql.putAlertEvent({
    siteId: 'a',
    stream: 's',
    seq,
    at,
    type: 'alert.raise',
    alertId: id,
    source: 'site',
    doc,
  });
  if (cleared) sql.clearAlert('a', id, at + 1);
}

describe('retention', () => {
  it('deletes what each policy no longer keeps, in chunks, and keeps everything newer and every open alert', async () => {
    sql.transaction(() => {
      for (let i = 0; i < 4_500; i++) sampleAt(now - 49 * HOUR - i); // 4,500 past 48 h: 3 chunks
      for (let i = 0; i < 10; i++) sampleAt(now - 47 * HOUR);
      const key = { siteId: 'a', deviceId: 'd', metric: 'cpu' };
      const bucket = (start: number) => ({ start, count: 1, sum: 1, min: 1, max: 1 });
      sql.addRollup('minute', key, bucket(now - 31 * DAY));
      sql.addRollup('minute', key, bucket(now - 29 * DAY));
      sql.addRollup('hour', key, bucket(now - 401 * DAY));
      sql.addRollup('hour', key, bucket(now - 399 * DAY));
      alertAt('old-cleared', now - 401 * DAY, true);
      alertAt('old-open', now - 401 * DAY, false);
      alertAt('new-cleared', now - 10 * DAY, true);
    });
    // Technicians' actions: old and new notes; an old settled, an old pending and a new one.
    const log = new SqliteActionLog(store.raw);
    const act = (ackId: string, at: number, delivery: TechnicianAction['delivery']) => {
      const action: TechnicianAction = {
        ackId,
        siteId: 'a',
        alertId: 'old-open',
        kind: 'ack',
        technician: 'Dana',
        comment: '',
        sticky: true,
        expiresAt: null,
        severity: 'high',
        requestedAt: at,
        delivery,
        reason: null,
        attempts: 0,
        settledAt: null,
        hubHandled: null,
        withdraws: null,
        lapseNotedAt: null,
      };
      const what = 'ack.requested' as const;
      const note = { siteId: 'a', alertId: 'old-open', at, what, actor: 'Dana' };
      log.record(action, { ...note, source: 'technician', comment: '', ackId, detail: null });
    };
    act('k-old', now - 401 * DAY, 'confirmed');
    act('k-old-pending', now - 402 * DAY, 'pending');
    act('k-new', now - DAY, 'confirmed');

    // SLA incidents: one resolved 401 days ago goes with its timeline; an open one, however old,
    // and one resolved yesterday stay.
    const incidents = new SqliteIncidentStore(store.raw);
    const incident = (id: string, openedAt: number, resolvedAt: number | null) => {
      const opened = openIncident({
        id,
        siteId: 'a',
        customer: 'C',
        alertId: `alert-${id}`,
        deviceId: null,
        check: 'ping',
        title: 'down',
        priority: 'P2',
        targets: { responseMinutes: 30, resolutionMinutes: 480, allHours: false },
        at: openedAt,
      });
      const event = {
        incidentId: id,
        at: resolvedAt ?? openedAt,
        what: 'opened',
        actor: 'hub',
        detail: '',
      };
      incidents.saveAll([{ incident: { ...opened, resolvedAt }, events: [event] }]);
    };
    incident('i-old', now - 402 * DAY, now - 401 * DAY);
    incident('i-old-open', now - 402 * DAY, null);
    incident('i-new', now - 2 * DAY, now - DAY);

    const steps: number[] = [];
    const retention = new Retention(store.raw, DEFAULT_RETENTION, clock, (next) => {
      steps.push(count('device_events'));
      setImmediate(next);
    });
    await retention.runNow();
    expect(count('device_events')).toBe(10);
    // The event loop ran between chunks: the raw table shrank 500 rows at a time.
    const shrinking = steps.filter((left, k) => k === 0 || left !== steps[k - 1]);
    expect(shrinking.slice(0, 3)).toEqual([4_010, 3_510, 3_010]);
    expect(count('metric_minutes')).toBe(1);
    expect(count('metric_hours')).toBe(1);
    // Timelines older than 400 days go (also the open alert's raise entry); the open alert stays.
    expect(count('alert_events')).toBe(1);
    const alerts = store.raw.prepare('SELECT id FROM alerts ORDER BY id').all();
    expect(alerts.map((row) => row.id)).toEqual(['new-cleared', 'old-open']);
    // The full-text index follows: the deleted alert is not found any more.
    const found = (word: string) =>
      store.raw.prepare('SELECT count(*) AS n FROM alerts_fts WHERE alerts_fts MATCH ?').get(word)
        ?.n;
    expect(found('"old-cleared"')).toBe(0);
    expect(found('"new-cleared"')).toBe(1);
    expect(retention.statistics).toEqual({
      lastRunAt: now,
      lastError: null,
      deleted: {
        device_events: 4_500,
        metric_minutes: 1,
        metric_hours: 1,
        alert_events: 2,
        alerts: 1,
        alert_actions: 2,
        incident_events: 1,
        incidents: 1,
        ack_outbox: 1,
      },
    });
    const kept = store.raw.prepare('SELECT id FROM incidents ORDER BY id').all();
    expect(kept.map((row) => row.id)).toEqual(['i-new', 'i-old-open']);
    // A compliance report reads the incidents opened in its period.
    expect(incidents.openedBetween(now - 3 * DAY, now, 10).map((i) => i.id)).toEqual(['i-new']);
    expect(incidents.openedBetween(now - 403 * DAY, now, 10).map((i) => i.id)).toEqual([
      'i-old-open',
      'i-new',
    ]);
    // The old open incident keeps its whole timeline.
    const timelines = store.raw
      .prepare('SELECT incident_id FROM incident_events ORDER BY incident_id')
      .all();
    expect(timelines.map((row) => row.incident_id)).toEqual(['i-new', 'i-old-open']);
    // And it reads back as its timeline (the SLA board's), oldest first; the deleted one's is gone.
    expect(incidents.timeline('i-new', 10)).toEqual([
      { incidentId: 'i-new', at: now - DAY, what: 'opened', actor: 'hub', detail: '' },
    ]);
    expect(incidents.timeline('i-old', 10)).toEqual([]);
    // A pending acknowledgement is never deleted, however old: its site has not answered yet.
    const outbox = store.raw.prepare('SELECT ack_id FROM ack_outbox ORDER BY ack_id').all();
    expect(outbox.map((row) => row.ack_id)).toEqual(['k-new', 'k-old-pending']);
    retention.dispose();
  });

  it('runs by itself on its timer, and leaves no timer once disposed', async () => {
    sampleAt(now - 49 * HOUR);
    const retention = new Retention(store.raw, { ...DEFAULT_RETENTION, rawEventsMs: HOUR }, clock);
    retention.start();
    expect(retention.openResources).toBe(1);
    clock.advance(30_000);
    await waitFor('the old sample deleted', () => count('device_events') === 0);
    expect(retention.statistics.deleted).toMatchObject({ device_events: 1 });
    retention.dispose();
    expect(retention.openResources).toBe(0);
  });
});
