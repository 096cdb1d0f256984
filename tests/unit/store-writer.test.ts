import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SiteEvent } from '../../shared/protocol/events.js';
import type { Hello, Snapshot } from '../../shared/protocol/messages.js';
import {
  applySiteEvent,
  emptySiteModel,
  siteModelFromSnapshot,
  type SiteModel,
} from '../../shared/site-model/site-model.js';
import { loadCache } from '../../electron/hub/store/load-cache.js';
import { openStore, type Store } from '../../electron/hub/store/open-store.js';
import { StoreWriter, type StoreWriterOptions } from '../../electron/hub/store/store-writer.js';
import { WriteStatements } from '../../electron/hub/store/write-statements.js';
import { FakeClock } from '../support/fake-clock.js';
import { alert, device } from '../support/fleet-fixtures.js';

const TICK = 200;
let dir = '';
let store: Store;
let clock: FakeClock;
let models: Map<string, SiteModel>;
let writer: StoreWriter;

const HELLO: Hello = {
  siteId: 'a',
  name: 'Site A',
  customer: 'Acme',
  timeZone: 'Europe/Berlin',
  protocolVersion: '1.0',
  agentVersion: '1',
  stream: 's1',
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'noc-writer-'));
  store = await openStore(join(dir, 'noc.sqlite'));
  clock = new FakeClock();
  models = new Map();
});

afterEach(async () => {
  writer.dispose();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function makeWriter(options: Partial<StoreWriterOptions> = {}): StoreWriter {
  writer = new StoreWriter(new WriteStatements(store.raw), (id) => models.get(id), {
    clock,
    tickMs: TICK,
    ...options,
  });
  writer.site({ id: 'a', name: 'Site A', customer: 'Acme', hello: HELLO });
  return writer;
}

/** What the hub does: apply to its model, then hand to the writer. */
function applySnapshot(snapshot: Snapshot): void {
  models.set('a', siteModelFromSnapshot(snapshot));
  writer.snapshot('a', snapshot, clock.now());
}

function applyEvents(events: SiteEvent[], stream = 's1'): void {
  const model = models.get('a') ?? emptySiteModel();
  models.set('a', model);
  for (const event of events) applySiteEvent(model, event);
  writer.events('a', stream, events, clock.now());
}

/** Counts the writer's transactions that fail from now on. */
function countFailures(): () => number {
  let failed = 0;
  const sql = (writer as unknown as { sql: WriteStatements }).sql;
  const transaction = sql.transaction.bind(sql);
  sql.transaction = <T>(work: () => T): T => {
    try {
      return transaction(work);
    } catch (error) {
      failed++;
      throw error;
    }
  };
  return () => failed;
}

async function written(): Promise<void> {
  clock.advance(TICK);
  await writer.idle();
}

const snapshot = (seq: number, over: Partial<Snapshot> = {}): Snapshot => ({
  stream: 's1',
  seq,
  at: 1000,
  devices: [device('d1'), device('d2')],
  alerts: [alert('x1', 'd1')],
  ...over,
});

let seq = 10;
const sampleOf = (id: string, cpu: number, at = 5000): SiteEvent => ({
  seq: ++seq,
  at,
  type: 'metric.sample',
  deviceId: id,
  values: { cpu },
});

function journal(): { seq: number; type: string }[] {
  const rows = store.raw
    .prepare(
      `SELECT seq, type FROM device_events UNION ALL
       SELECT seq, type FROM alert_events WHERE source = 'site' ORDER BY seq`,
    )
    .all();
  return rows.map((row) => ({ seq: Number(row.seq), type: String(row.type) }));
}

const position = () =>
  store.raw.prepare('SELECT stream, last_seq, data_at FROM site_streams').get();

describe('the store writer', () => {
  beforeEach(() => {
    seq = 10;
  });

  it('stores a snapshot and the events after it, and the cache reads back what the hub held', async () => {
    makeWriter();
    applySnapshot(snapshot(10));
    const raise = { ...alert('x2', 'd2'), title: 'Disk full' };
    applyEvents([
      sampleOf('d1', 55),
      { seq: ++seq, at: 6000, type: 'alert.raise', alert: raise },
      { seq: ++seq, at: 7000, type: 'alert.clear', alertId: 'x1' },
      { seq: ++seq, at: 8000, type: 'device.remove', deviceId: 'd2' },
    ]);
    await written();
    expect(journal().map((row) => row.seq)).toEqual([11, 12, 13, 14]);
    expect(position()).toEqual({ stream: 's1', last_seq: 14, data_at: clock.now() - TICK });
    const cached = loadCache(store.raw, ['a', 'b']);
    expect([...cached.keys()]).toEqual(['a']);
    const site = cached.get('a');
    expect(site?.hello).toEqual(HELLO);
    expect(site?.devices.map((d) => [d.id, d.metrics.cpu])).toEqual([['d1', 55]]);
    expect(site?.alerts.map((a) => a.id)).toEqual(['x2']);
    expect(site?.unreadable).toBe(0);
    const cleared = store.raw.prepare("SELECT cleared_at FROM alerts WHERE id = 'x1'").get();
    expect(cleared).toEqual({ cleared_at: 7000 });
    expect(writer.statistics).toMatchObject({ backlog: 0, eventsWritten: 4, lastError: null });
  });

  it('writes in slices, each leaving the stored position on the last stored event', async () => {
    const seen: { position: number; last: number }[] = [];
    makeWriter({
      sliceRows: 3,
      yieldToLoop: (next) => {
        const rows = journal();
        const at = position();
        seen.push({ position: Number(at?.last_seq), last: rows.at(-1)?.seq ?? 0 });
        setImmediate(next);
      },
    });
    applySnapshot(snapshot(10, { devices: [], alerts: [] }));
    applyEvents([
      { seq: ++seq, at: 1, type: 'device.upsert', device: device('d1') },
      ...Array.from({ length: 10 }, () => sampleOf('d1', 1)),
    ]);
    await written();
    expect(seen.length).toBeGreaterThan(3);
    for (const step of seen.filter((s) => s.last > 10)) expect(step.position).toBe(step.last);
    expect(journal()).toHaveLength(11);
  });

  it('stores each seq once: a replay of what it holds is skipped and counted', async () => {
    makeWriter();
    applySnapshot(snapshot(10));
    const events = [sampleOf('d1', 1), sampleOf('d2', 2)];
    applyEvents(events);
    await written();
    applyEvents(events);
    await written();
    expect(journal()).toHaveLength(2);
    expect(writer.statistics).toMatchObject({ eventsWritten: 2, duplicatesSkipped: 2 });
  });

  it('reconciles a snapshot with the alerts it had: gone ones cleared, new ones raised', async () => {
    makeWriter();
    applySnapshot(snapshot(10));
    await written();
    applySnapshot(snapshot(20, { at: 9000, alerts: [alert('x3', 'd2')] }));
    await written();
    const timeline = store.raw
      .prepare('SELECT alert_id, type, seq, source FROM alert_events ORDER BY row_id')
      .all()
      .map((row) => ({ ...row }));
    expect(timeline).toEqual([
      { alert_id: 'x1', type: 'alert.raise', seq: 10, source: 'snapshot' },
      { alert_id: 'x3', type: 'alert.raise', seq: 20, source: 'snapshot' },
      { alert_id: 'x1', type: 'alert.clear', seq: 20, source: 'snapshot' },
    ]);
    expect(
      loadCache(store.raw, ['a'])
        .get('a')
        ?.alerts.map((a) => a.id),
    ).toEqual(['x3']);
  });

  it('keeps nothing of a failed slice and writes it all on the retry', async () => {
    makeWriter();
    applySnapshot(snapshot(10));
    await written();
    store.raw.exec(`CREATE TEMP TRIGGER fail BEFORE INSERT ON device_events
      BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    applyEvents([sampleOf('d1', 1), sampleOf('d1', 2)]);
    clock.advance(TICK);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writer.statistics.lastError).toMatch(/disk on fire/);
    expect(writer.statistics.backlog).toBe(2);
    expect(position()).toMatchObject({ last_seq: 10 });
    store.raw.exec('DROP TRIGGER fail');
    clock.advance(TICK * 5);
    await writer.idle();
    expect(journal().map((row) => row.seq)).toEqual([11, 12]);
    expect(writer.statistics).toMatchObject({ lastError: null, backlog: 0, eventsWritten: 2 });
  });

  it('on a full disk says so, keeps what waits, and writes it all once there is room', async () => {
    makeWriter();
    applySnapshot(snapshot(10));
    await written();
    // The file may not grow: SQLite answers as it does on a full disk (SQLITE_FULL).
    const pages = Number(store.raw.prepare('PRAGMA page_count').get()?.page_count);
    store.raw.exec(`PRAGMA max_page_count = ${pages}`);
    const many = Array.from({ length: 400 }, (_, i) => sampleOf(i % 2 === 0 ? 'd1' : 'd2', i));
    applyEvents(many);
    clock.advance(TICK);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writer.statistics.lastError).toMatch(
      /^the disk holding the store is full \(database or disk is full\): free some space/,
    );
    expect(writer.statistics).toMatchObject({ backlog: 400, eventsDropped: 0 });
    // Several retries later, still nothing dropped.
    for (let i = 0; i < 4; i++) {
      clock.advance(TICK * 5);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(writer.statistics).toMatchObject({ backlog: 400, eventsDropped: 0 });
    store.raw.exec('PRAGMA max_page_count = 1073741823');
    clock.advance(TICK * 5);
    await writer.idle();
    expect(journal()).toHaveLength(400);
    expect(writer.statistics).toMatchObject({ lastError: null, backlog: 0, eventsWritten: 400 });
  });

  it('rolls samples up by minute and hour once the minute has closed', async () => {
    makeWriter({ rollupGraceMs: 1000 });
    applySnapshot(snapshot(10));
    const minute = Math.floor(clock.now() / 60_000) * 60_000;
    applyEvents([
      sampleOf('d1', 10, minute + 1000),
      sampleOf('d1', 30, minute + 2000),
      sampleOf('d1', 20, minute + 59_000),
    ]);
    await written();
    const rollups = () =>
      store.raw
        .prepare(
          'SELECT start, count, sum, min, max FROM metric_minutes UNION ALL SELECT start, count, sum, min, max FROM metric_hours',
        )
        .all()
        .map((row) => ({ ...row }));
    expect(rollups()).toEqual([]);
    clock.advance(2 * 60_000);
    await writer.idle();
    const hour = Math.floor(minute / 3_600_000) * 3_600_000;
    expect(rollups()).toEqual([
      { start: minute, count: 3, sum: 60, min: 10, max: 30 },
      { start: hour, count: 3, sum: 60, min: 10, max: 30 },
    ]);
    // A late sample for the same minute adds into it.
    applyEvents([sampleOf('d1', 70, minute + 3000)]);
    await written();
    writer.dispose();
    expect(rollups()[0]).toEqual({ start: minute, count: 4, sum: 130, min: 10, max: 70 });
  });

  it('bounds its backlog: the oldest events go, and the site keeps no position until a later snapshot', async () => {
    makeWriter({ maxBacklog: 3 });
    applySnapshot(snapshot(10, { devices: [], alerts: [] }));
    await written();
    applyEvents([sampleOf('d1', 1), sampleOf('d1', 2)]);
    applyEvents([sampleOf('d1', 3), sampleOf('d1', 4)]);
    expect(writer.statistics).toMatchObject({ backlog: 2, eventsDropped: 2 });
    await written();
    expect(journal().map((row) => row.seq)).toEqual([13, 14]);
    // No position: a restart asks for a snapshot. A replay from 10 would write 11 and 12 after
    // the newer rows 13 and 14 had set the site's state.
    expect(position()).toBeUndefined();
    applySnapshot(snapshot(30, { devices: [], alerts: [] }));
    await written();
    expect(position()).toMatchObject({ last_seq: 30 });
  });

  it('is not repaired by a snapshot queued before the events it lost', async () => {
    makeWriter({ maxBacklog: 3 });
    applySnapshot(snapshot(10, { devices: [], alerts: [] }));
    applyEvents([sampleOf('d1', 1), sampleOf('d1', 2)]);
    applyEvents([sampleOf('d1', 3), sampleOf('d1', 4)]); // over the bound: 11 and 12 go
    expect(writer.statistics.eventsDropped).toBe(2);
    await written();
    expect(position()).toBeUndefined();
  });

  it('stores times with fractions (a precise site clock) in whole milliseconds', async () => {
    makeWriter();
    applySnapshot(snapshot(10));
    applyEvents([{ ...sampleOf('d1', 1), at: 5000.25 }]);
    await written();
    expect(writer.statistics).toMatchObject({ lastError: null, eventsWritten: 1 });
    expect(store.raw.prepare('SELECT at FROM device_events').get()).toEqual({ at: 5000 });
  });

  it('drops only the one row that keeps failing, and writes the rest', async () => {
    makeWriter();
    applySnapshot(snapshot(10));
    await written();
    store.raw.exec(`CREATE TEMP TRIGGER poison BEFORE INSERT ON device_events
      WHEN new.doc LIKE '%"cpu":66%' BEGIN SELECT RAISE(ABORT, 'refused row'); END`);
    // The bad row 31st of 60: found by single-row slices after the full slice failed 3 times.
    const failures = countFailures();
    const events = Array.from({ length: 60 }, (_, i) => sampleOf('d1', i === 30 ? 66 : 1));
    applyEvents(events);
    for (let round = 0; round < 40 && writer.statistics.backlog > 0; round++) {
      clock.advance(TICK * 5);
      for (let turn = 0; turn < 40; turn++) await new Promise((resolve) => setImmediate(resolve));
    }
    await writer.idle();
    // Three failures of the whole slice, then three of the bad row alone: no more.
    expect(failures()).toBe(6);
    const seqs = events.map((event) => event.seq);
    expect(journal().map((row) => row.seq)).toEqual(seqs.filter((_, i) => i !== 30));
    expect(writer.statistics).toMatchObject({ eventsDropped: 1, eventsWritten: 59, backlog: 0 });
    // The site lost an event: no position until a snapshot.
    expect(position()).toBeUndefined();
  });

  it('leaves out only the alert of a snapshot that keeps failing, and stores no position', async () => {
    makeWriter();
    store.raw.exec(`CREATE TEMP TRIGGER poison BEFORE INSERT ON alerts
      WHEN new.id = 'bad' BEGIN SELECT RAISE(ABORT, 'refused alert'); END`);
    applySnapshot(
      snapshot(10, { alerts: [alert('x1', 'd1'), alert('bad', 'd1'), alert('x3', 'd2')] }),
    );
    let rounds = 0;
    while (writer.statistics.snapshotsWritten === 0 && rounds < 40) {
      clock.advance(TICK * 5);
      await new Promise((resolve) => setImmediate(resolve));
      rounds++;
    }
    await writer.idle();
    expect(writer.statistics.snapshotsWritten).toBe(1);
    const ids = store.raw
      .prepare('SELECT id FROM alerts ORDER BY id')
      .all()
      .map((r) => r.id);
    expect(ids).toEqual(['x1', 'x3']);
    expect(position()).toBeUndefined();
  });

  it('retries a failing write every 5 ticks however often new events arrive', async () => {
    makeWriter();
    applySnapshot(snapshot(10));
    await written();
    const attempts = countFailures();
    store.raw.exec(`CREATE TEMP TRIGGER full BEFORE INSERT ON device_events
      BEGIN SELECT RAISE(ABORT, 'still failing'); END`);
    for (let tick = 0; tick < 20; tick++) {
      applyEvents([sampleOf('d1', tick)]);
      clock.advance(TICK);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // 20 ticks: the first try, then one every 5 ticks (not one per tick).
    expect(attempts()).toBeLessThanOrEqual(5);
    expect(writer.statistics).toMatchObject({ backlog: 20 });
  });

  it("writes a device's row for samples at most every 5 s, and all of them when disposed", async () => {
    makeWriter();
    applySnapshot(snapshot(10));
    applyEvents([sampleOf('d1', 20)]);
    await written(); // the first flush: no flush has happened yet
    const cpu = () => {
      const row = store.raw.prepare("SELECT doc FROM devices WHERE id = 'd1'").get();
      return (JSON.parse(String(row?.doc)) as { metrics: { cpu: number } }).metrics.cpu;
    };
    expect(cpu()).toBe(20);
    applyEvents([sampleOf('d1', 30)]);
    await written();
    // The sample is stored; the device's row waits for the next flush.
    expect(journal()).toHaveLength(2);
    expect(cpu()).toBe(20);
    clock.advance(5_000);
    await writer.idle();
    await new Promise((resolve) => setImmediate(resolve));
    expect(cpu()).toBe(30);
    applyEvents([sampleOf('d1', 40)]);
    await written();
    writer.dispose();
    expect(cpu()).toBe(40);
  });

  it('writes new events within a tick even while a minute waits to close', async () => {
    makeWriter();
    applySnapshot(snapshot(10));
    applyEvents([sampleOf('d1', 1, clock.now())]);
    await written();
    expect(journal()).toHaveLength(1);
    // The writer now waits for that minute to close (a minute and a half away) ...
    applyEvents([sampleOf('d1', 2, clock.now())]);
    await written();
    // ... which must not hold up what arrives meanwhile.
    expect(journal()).toHaveLength(2);
  });

  it('writes what is queued, and its open minutes, when disposed, leaving no timer', () => {
    makeWriter();
    applySnapshot(snapshot(10));
    applyEvents([sampleOf('d1', 1, clock.now())]);
    expect(writer.openResources).toBe(1);
    writer.dispose();
    expect(writer.openResources).toBe(0);
    expect(clock.pendingCount).toBe(0);
    expect(position()).toMatchObject({ last_seq: 11 });
    expect(store.raw.prepare('SELECT count(*) AS n FROM metric_minutes').get()).toEqual({ n: 1 });
  });
});
