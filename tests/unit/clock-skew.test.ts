import { describe, expect, it } from 'vitest';
import { DEFAULT_RECONNECT } from '../../electron/hub/config/hub-options.js';
import {
  CLOCK_AHEAD_CLEARS_AFTER_MS,
  ClockSkewMonitor,
} from '../../electron/hub/fleet/clock-skew.js';
import { Hub } from '../../electron/hub/hub.js';
import { Publisher } from '../../electron/hub/publisher/publisher.js';
import { appInfo } from '../../electron/hub/runtime.js';
import { DEFAULT_CLOCK_SKEW_MS } from '../../shared/fleet/clock-skew.js';
import type { Alert } from '../../shared/protocol/alert.js';
import type { Device } from '../../shared/protocol/device.js';
import type { SiteEvent } from '../../shared/protocol/events.js';
import type { Snapshot } from '../../shared/protocol/messages.js';
import { FakeClock } from '../support/fake-clock.js';
import { memoryRuntime } from '../support/memory-runtime.js';

const HOUR = 3_600_000;
const SKEW = 5 * 60_000;
const clock = new FakeClock();
const NOW = clock.now();
/** Ahead of the hub by more than the skew, and by exactly the skew (allowed). */
const AHEAD = NOW + 3 * HOUR;
const AT_SKEW = NOW + SKEW;
/** The year 10,000, as a site with a broken clock might stamp an alert. */
const YEAR_10000 = Date.UTC(10_000, 0, 1);

function device(id: string, updatedAt: number, lastBackupAt: number | null = null): Device {
  return {
    id,
    name: id,
    kind: 'server',
    status: 'up',
    parentId: null,
    metrics: {},
    security:
      lastBackupAt === null
        ? null
        : { edr: 'protected', antivirus: 'protected', pendingCriticalPatches: 0, lastBackupAt },
    updatedAt,
  };
}

function alert(id: string, at: number, ackAt: number | null = null): Alert {
  return {
    id,
    deviceId: null,
    check: 'ping',
    severity: 'high',
    title: id,
    detail: '',
    raisedAt: at,
    updatedAt: at,
    ack: ackAt === null ? null : { ackId: 'k', technician: 't', comment: '', at: ackAt },
  };
}

function snapshot(at: number, devices: Device[], alerts: Alert[]): Snapshot {
  return { stream: 's', seq: 0, at, devices, alerts };
}

describe('ClockSkewMonitor', () => {
  it('uses the shared default skew of five minutes', () => {
    expect(DEFAULT_CLOCK_SKEW_MS).toBe(5 * 60_000);
    expect(new ClockSkewMonitor(clock).skewMs).toBe(DEFAULT_CLOCK_SKEW_MS);
  });

  it('counts every timestamp of a snapshot further ahead than the skew, and none within it', () => {
    const monitor = new ClockSkewMonitor(clock, SKEW);
    const within = snapshot(
      AT_SKEW,
      [device('d1', AT_SKEW, NOW - HOUR), device('d2', NOW - 1)],
      [alert('a1', NOW, AT_SKEW)],
    );
    expect(monitor.checkSnapshot('site', within)).toBe(false);
    expect(monitor.count('site')).toBe(0);

    // snapshot.at, a device's updatedAt and its backup, an alert's raisedAt, updatedAt and ack.at.
    const ahead = snapshot(
      AHEAD,
      [device('d1', AHEAD, AHEAD + HOUR), device('d2', NOW)],
      [alert('a1', YEAR_10000, YEAR_10000), alert('a2', NOW)],
    );
    expect(monitor.checkSnapshot('site', ahead)).toBe(true);
    expect(monitor.count('site')).toBe(6);
    // A counter: the same snapshot again (a resync) counts again, but the site was already
    // ahead, so nothing asks for a refresh; other sites are untouched.
    expect(monitor.checkSnapshot('site', ahead)).toBe(false);
    expect(monitor.count('site')).toBe(12);
    expect(monitor.count('other')).toBe(0);
  });

  it('counts each event time and the times inside events, by the hub clock of the batch', () => {
    const monitor = new ClockSkewMonitor(clock, SKEW);
    const events: SiteEvent[] = [
      { seq: 1, at: AHEAD, type: 'device.upsert', device: device('d1', AHEAD, AHEAD) },
      { seq: 2, at: NOW, type: 'alert.raise', alert: alert('a1', YEAR_10000) },
      { seq: 3, at: NOW, type: 'alert.update', alert: alert('a1', NOW, AHEAD) },
      { seq: 4, at: AHEAD, type: 'metric.sample', deviceId: 'd1', values: { cpu: 1 } },
      { seq: 5, at: AHEAD, type: 'device.remove', deviceId: 'd1' },
      { seq: 6, at: AT_SKEW, type: 'alert.clear', alertId: 'a1' },
    ];
    expect(monitor.checkEvents('site', events)).toBe(true);
    // 3 (upsert: at, updatedAt, backup) + 2 (raise) + 1 (ack) + 1 (sample) + 1 (remove).
    expect(monitor.count('site')).toBe(8);

    // Time moves on: what was 3 h ahead is now within the skew, and no longer counted.
    const later = new FakeClock(AHEAD - SKEW);
    const following = new ClockSkewMonitor(later, SKEW);
    expect(following.checkEvents('site', events.slice(3))).toBe(false);
    expect(following.count('site')).toBe(0);
  });

  it('counts nothing with a skew large enough to cover the times', () => {
    const monitor = new ClockSkewMonitor(clock, 4 * HOUR);
    const events: SiteEvent[] = [
      { seq: 1, at: AHEAD, type: 'device.upsert', device: device('d1', AHEAD) },
    ];
    expect(monitor.checkEvents('site', events)).toBe(false);
    expect(monitor.count('site')).toBe(0);
  });

  it('tells the board the skew the hub judges by (app.info), the default when none is set', () => {
    for (const clockSkewMs of [60_000, undefined]) {
      const hub = new Hub(
        {
          staleAfterMs: 1000,
          downAfterMs: 3000,
          reconnect: DEFAULT_RECONNECT,
          sites: [],
          ...(clockSkewMs === undefined ? {} : { clockSkewMs }),
        },
        { clock },
      );
      const publisher = new Publisher(hub.fleet, clock);
      const runtime = memoryRuntime(hub, publisher);
      expect(appInfo(runtime, 'browser', null).clockSkewMs).toBe(
        clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS,
      );
      // No share configured here: the board gets the default roll-up share.
      expect(appInfo(runtime, 'browser', null).siteDownShare).toBe(0.25);
      publisher.dispose();
      hub.dispose();
    }
  });
});

describe('"clock ahead" follows what the site sends now', () => {
  it('is set by a batch ahead, kept while times alternate, and cleared a minute after the last one ahead (a refresh only when set or cleared)', () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 1));
    const monitor = new ClockSkewMonitor(clock, 60_000);
    const sample = (at: number): SiteEvent => ({
      seq: 1,
      at,
      type: 'metric.sample',
      deviceId: 'd',
      values: { cpu: 1 },
    });
    expect(monitor.aheadSince('s')).toBeNull();
    const since = clock.now();
    expect(monitor.checkEvents('s', [sample(clock.now() + 3 * 3_600_000)])).toBe(true);
    expect(monitor.aheadSince('s')).toBe(since);
    // A right one right after does not clear it (no flapping)…
    clock.advance(10_000);
    expect(monitor.checkEvents('s', [sample(clock.now())])).toBe(false);
    expect(monitor.aheadSince('s')).toBe(since);
    // …another one ahead keeps the same start, and asks for no refresh (only the count moved)…
    clock.advance(30_000);
    expect(monitor.checkEvents('s', [sample(clock.now() + 3 * 3_600_000)])).toBe(false);
    expect(monitor.aheadSince('s')).toBe(since);
    // …and a right one a minute after the last one ahead clears it; the count stays.
    clock.advance(CLOCK_AHEAD_CLEARS_AFTER_MS);
    expect(monitor.checkEvents('s', [sample(clock.now())])).toBe(true);
    expect(monitor.aheadSince('s')).toBeNull();
    expect(monitor.count('s')).toBe(2);
  });
});
