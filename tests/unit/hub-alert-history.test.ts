import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/protocol/alert.js';
import type { Snapshot } from '../../shared/protocol/messages.js';
import { siteModelFromSnapshot, type SiteModel } from '../../shared/site-model/site-model.js';
import { SITE_UNREACHABLE_ID, diskFullId } from '../../shared/alerts/hub-alerts.js';
import { HistoryQueries } from '../../electron/hub/store/history-queries.js';
import { RESTART_NOTE, closeHubAlerts } from '../../electron/hub/store/hub-alert-history.js';
import { loadCache } from '../../electron/hub/store/load-cache.js';
import { openStore, type Store } from '../../electron/hub/store/open-store.js';
import { StoreWriter } from '../../electron/hub/store/store-writer.js';
import { WriteStatements } from '../../electron/hub/store/write-statements.js';
import { FakeClock } from '../support/fake-clock.js';
import { alert, device } from '../support/fleet-fixtures.js';

/**
 * The hub's own alerts (a site unreachable, a disk predicted full) in the store's alert history
 * (issue 10: "a timeline entry in the store for every change"): raised, changed and cleared with
 * entries of source 'hub'; never cleared by a site's snapshot; closed at a restart.
 */

const TICK = 200;
let dir = '';
let store: Store;
let clock: FakeClock;
let models: Map<string, SiteModel>;
let writer: StoreWriter;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'noc-hub-alerts-'));
  store = await openStore(join(dir, 'noc.sqlite'));
  clock = new FakeClock(1_000_000);
  models = new Map();
  writer = new StoreWriter(new WriteStatements(store.raw), (id) => models.get(id), {
    clock,
    tickMs: TICK,
  });
  writer.site({ id: 'a', name: 'Site A', customer: 'Acme', hello: null });
});

afterEach(async () => {
  writer.dispose();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function written(): Promise<void> {
  clock.advance(TICK);
  await writer.idle();
}

const snapshot = (seq: number, alerts: Alert[]): Snapshot => ({
  stream: 's1',
  seq,
  at: 1000,
  devices: [device('d1'), device('fs01')],
  alerts,
});

function applySnapshot(snap: Snapshot): void {
  models.set('a', siteModelFromSnapshot(snap));
  writer.snapshot('a', snap, clock.now());
}

const unreachable = (over: Partial<Alert> = {}): Alert => ({
  id: SITE_UNREACHABLE_ID,
  deviceId: null,
  check: 'hub:reachability',
  severity: 'disaster',
  title: 'Site A unreachable',
  detail: 'No data for 60 s',
  raisedAt: 1_000_000,
  updatedAt: 1_000_000,
  ack: null,
  ...over,
});

function entries(id: string) {
  return store.raw
    .prepare(
      'SELECT type, source, stream, seq, at FROM alert_events WHERE alert_id = ? ORDER BY row_id',
    )
    .all(id)
    .map((row) => ({ ...row }));
}

const row = (id: string) =>
  store.raw
    .prepare('SELECT severity, title, raised_at, cleared_at, device_name FROM alerts WHERE id = ?')
    .get(id);

describe("the hub's own alerts in the alert history", () => {
  it('stores a raise, a change and a clear, each once, with entries from the hub', async () => {
    applySnapshot(snapshot(10, [alert('x1', 'd1')]));
    writer.hubAlert('a', SITE_UNREACHABLE_ID, unreachable(), clock.now());
    await written();
    // The same alert again (a fleet change that left it as it was): nothing new.
    writer.hubAlert('a', SITE_UNREACHABLE_ID, unreachable(), clock.now());
    await written();
    const acked = unreachable({
      ack: {
        ackId: 'ack-1',
        technician: 'Ola',
        comment: 'calling the ISP',
        at: 1_000_500,
        sticky: true,
      },
    });
    writer.hubAlert('a', SITE_UNREACHABLE_ID, acked, 1_000_500);
    await written();
    writer.hubAlert('a', SITE_UNREACHABLE_ID, null, 1_090_000);
    writer.hubAlert('a', SITE_UNREACHABLE_ID, null, 1_095_000);
    await written();
    expect(entries(SITE_UNREACHABLE_ID)).toEqual([
      { type: 'alert.raise', source: 'hub', stream: 'hub', seq: 0, at: 1_000_000 },
      { type: 'alert.update', source: 'hub', stream: 'hub', seq: 0, at: 1_000_500 },
      { type: 'alert.clear', source: 'hub', stream: 'hub', seq: 0, at: 1_090_000 },
    ]);
    expect(row(SITE_UNREACHABLE_ID)).toMatchObject({
      severity: 'disaster',
      title: 'Site A unreachable',
      cleared_at: 1_090_000,
    });

    // The history view finds it, and its timeline says the hub saw it.
    const history = new HistoryQueries(store.db);
    const timeline = await history.timeline({ siteId: 'a', alertId: SITE_UNREACHABLE_ID });
    expect(
      timeline.entries.map((e) => [e.type, e.source, e.seq, e.actor, e.title, e.ackBy]),
    ).toEqual([
      ['alert.raise', 'hub', null, 'hub', 'Site A unreachable', null],
      ['alert.update', 'hub', null, 'hub', 'Site A unreachable', 'Ola'],
      ['alert.clear', 'hub', null, 'hub', null, null],
    ]);
  });

  it("names the device of a device's warning, and a site's snapshot never clears it", async () => {
    applySnapshot(snapshot(10, [alert('x1', 'd1')]));
    const disk: Alert = {
      ...unreachable(),
      id: diskFullId('fs01'),
      deviceId: 'fs01',
      check: 'hub:forecast:disk',
      severity: 'warning',
      title: 'Disk on fs01 predicted full in 37 h',
    };
    writer.hubAlert('a', disk.id, disk, clock.now());
    await written();
    // The site's next snapshot has none of the hub's alerts, and no longer x1.
    applySnapshot(snapshot(20, []));
    await written();
    expect(row(disk.id)).toMatchObject({ cleared_at: null, device_name: 'Device fs01' });
    expect(row('x1')).toMatchObject({ cleared_at: 1000 });
    expect(entries(disk.id).map((e) => e.type)).toEqual(['alert.raise']);
    // What a restart restores for the site is the site's own, not the hub's.
    expect(
      loadCache(store.raw, ['a'])
        .get('a')
        ?.alerts.map((a) => a.id),
    ).toEqual([]);
  });

  it('closes what was open at a restart, saying why, and raises it again as new', async () => {
    applySnapshot(snapshot(10, []));
    writer.hubAlert('a', SITE_UNREACHABLE_ID, unreachable(), clock.now());
    await written();
    expect(closeHubAlerts(store.raw, 2_000_000)).toBe(1);
    expect(closeHubAlerts(store.raw, 2_000_001)).toBe(0);
    expect(row(SITE_UNREACHABLE_ID)).toMatchObject({ cleared_at: 2_000_000 });
    const history = new HistoryQueries(store.db);
    const closed = await history.timeline({ siteId: 'a', alertId: SITE_UNREACHABLE_ID });
    expect(closed.entries.at(-1)).toMatchObject({
      type: 'alert.clear',
      source: 'hub',
      at: 2_000_000,
      detail: RESTART_NOTE,
    });
    // The restarted hub's watcher sees the site still unreachable: raised again.
    const again = unreachable({ raisedAt: 2_000_100, updatedAt: 2_000_100 });
    writer.hubAlert('a', SITE_UNREACHABLE_ID, again, 2_000_100);
    await written();
    expect(entries(SITE_UNREACHABLE_ID).map((e) => e.type)).toEqual([
      'alert.raise',
      'alert.clear',
      'alert.raise',
    ]);
    expect(row(SITE_UNREACHABLE_ID)).toMatchObject({ cleared_at: null, raised_at: 2_000_100 });
  });

  it("stores no site's alert on one of the hub's ids, from an event or a snapshot", async () => {
    applySnapshot(snapshot(10, []));
    writer.hubAlert('a', SITE_UNREACHABLE_ID, unreachable(), clock.now());
    await written();
    // A hostile site: its own "hub:" alert in a snapshot, then a clear of the hub's.
    const forged = { ...alert(SITE_UNREACHABLE_ID, 'd1'), title: 'All fine, ignore' };
    applySnapshot(snapshot(20, [forged]));
    writer.events(
      'a',
      's1',
      [{ seq: 21, at: 2000, type: 'alert.clear', alertId: SITE_UNREACHABLE_ID }],
      clock.now(),
    );
    await written();
    expect(row(SITE_UNREACHABLE_ID)).toMatchObject({
      title: 'Site A unreachable',
      cleared_at: null,
    });
    expect(entries(SITE_UNREACHABLE_ID).map((e) => [e.type, e.source])).toEqual([
      ['alert.raise', 'hub'],
    ]);
  });

  it("follows a warning's changing figures in its row, not in its timeline", async () => {
    applySnapshot(snapshot(10, []));
    await written();
    const disk = (detail: string): Alert => ({
      ...unreachable(),
      id: diskFullId('fs01'),
      deviceId: 'fs01',
      severity: 'warning',
      title: 'Disk on fs01 predicted full in 37 h',
      detail,
    });
    writer.hubAlert('a', diskFullId('fs01'), disk('81 % full, over the last 6 h'), 1_000_000);
    writer.hubAlert('a', diskFullId('fs01'), disk('82 % full, over the last 6 h'), 1_900_000);
    writer.hubAlert('a', diskFullId('fs01'), disk('83 % full, over the last 6 h'), 2_800_000);
    expect(writer.statistics.backlog).toBe(3);
    await written();
    expect(writer.statistics.backlog).toBe(0);
    expect(entries(diskFullId('fs01')).map((e) => e.type)).toEqual(['alert.raise']);
    const detail = store.raw
      .prepare('SELECT detail FROM alerts WHERE id = ?')
      .get(diskFullId('fs01'));
    expect(detail).toEqual({ detail: '83 % full, over the last 6 h' });
    // Worse: a new title is a change the timeline tells.
    writer.hubAlert(
      'a',
      diskFullId('fs01'),
      { ...disk('90 % full'), title: 'Disk on fs01 predicted full in 5 h' },
      3_700_000,
    );
    await written();
    expect(entries(diskFullId('fs01')).map((e) => e.type)).toEqual(['alert.raise', 'alert.update']);
  });
});
