import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROACTIVE, ProactiveWatch } from '../../electron/hub/alerts/proactive-watch.js';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { openHubStore } from '../../electron/hub/store/hub-store.js';
import { diskFullId } from '../../shared/alerts/hub-alerts.js';
import { StoreWriter } from '../../electron/hub/store/store-writer.js';
import { siteModelFromSnapshot } from '../../shared/site-model/site-model.js';
import { FakeClock } from '../support/fake-clock.js';
import { device } from '../support/fleet-fixtures.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'noc-trend-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the store’s trend history (proactive warnings after a restart)', () => {
  it('gives a device metric’s closed hours as means at their middle, from the window’s first whole hour', async () => {
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 10, 0, 0));
    const t0 = clock.now();
    const file = join(dir, 'noc.sqlite');
    const first = await openHubStore(file, ['a'], () => clock.now());
    const model = siteModelFromSnapshot({ devices: [device('d1')], alerts: [] });
    const writer = new StoreWriter(first.statements, () => model, { clock, tickMs: 200 });
    writer.site({ id: 'a', name: 'A', customer: 'C', hello: null });
    writer.snapshot('a', { stream: 's', seq: 1, at: t0, devices: [device('d1')], alerts: [] }, t0);
    let seq = 1;
    for (const [offset, memory] of [
      [10 * MIN, 10],
      [40 * MIN, 20],
      [HOUR + 10 * MIN, 30],
      [2 * HOUR + 5 * MIN, 40],
    ] as const) {
      clock.advance(t0 + offset - clock.now());
      const event = {
        seq: ++seq,
        at: t0 + offset,
        type: 'metric.sample' as const,
        deviceId: 'd1',
        values: { memory, disk: 50 },
      };
      writer.events('a', 's', [event], clock.now());
      clock.advance(200);
      await writer.idle();
    }
    writer.dispose();
    await first.store.close();

    clock.advance(t0 + 2 * HOUR + 30 * MIN - clock.now());
    const second = await openHubStore(file, ['a'], () => clock.now());
    const history = second.trendHistory;
    // The hour still open (10:00 + 2 h) is left out: the hub's own reading comes after.
    expect(history.hourly('a', 'd1', 'memory', t0 - 24 * HOUR)).toEqual([
      { at: t0 + 30 * MIN, value: 15 },
      { at: t0 + 90 * MIN, value: 30 },
    ]);
    // A window starting mid-hour takes the next whole hour on.
    expect(history.hourly('a', 'd1', 'memory', t0 + 10 * MIN)).toEqual([
      { at: t0 + 90 * MIN, value: 30 },
    ]);
    expect(history.hourly('a', 'd1', 'disk', t0)).toHaveLength(2);
    expect(history.hourly('a', 'other', 'disk', t0)).toEqual([]);
    await second.store.close();
  });
});

describe('a restarted hub’s proactive warning, from a real store', () => {
  it('warns at its first round from the stored hours, before any reading of its own', async () => {
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0, 0));
    const opened = await openHubStore(join(dir, 'noc.sqlite'), ['a'], () => clock.now());
    opened.statements.putSite({ id: 'a', name: 'A', customer: 'C', hello: null }, clock.now());
    // Twelve closed hours of a disk filling 0.5 % an hour to 85.5 %, as the last run stored them.
    const insert = opened.store.raw.prepare(
      `INSERT INTO metric_hours (site_id, device_id, metric, start, count, sum, min, max)
       VALUES ('a', 'fs1', 'disk', ?, 60, ?, ?, ?)`,
    );
    for (let h = 12; h >= 1; h--) {
      const mean = 86 - 0.5 * h;
      insert.run(clock.now() - h * HOUR, mean * 60, mean, mean);
    }
    const fleet = new FleetState([{ id: 'a', customer: 'C' }], { clock });
    fleet.replaceSite('a', {
      stream: 's',
      seq: 1,
      at: clock.now(),
      devices: [{ ...device('fs1'), name: 'FS01', metrics: { disk: 86 } }],
      alerts: [],
    });
    const watch = new ProactiveWatch(fleet, clock, DEFAULT_PROACTIVE, opened.trendHistory);
    watch.start();
    // The first round comes a minute after start (the sites' snapshots first), not 15 minutes.
    clock.advance(60_000);
    expect(fleet.hubAlert('a', diskFullId('fs1'))?.title).toBe(
      'Disk on FS01 predicted full in 28 h',
    );
    watch.dispose();
    await opened.store.close();
  });
});
