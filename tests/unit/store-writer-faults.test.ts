import { describe, expect, it } from 'vitest';
import { alert } from '../support/fleet-fixtures.js';
import {
  applyEvents,
  applySnapshot,
  clock,
  countFailures,
  installWriterHooks,
  journal,
  makeWriter,
  position,
  sampleOf,
  snapshot,
  store,
  TICK,
  writer,
  written,
} from './store-writer-harness.js';

installWriterHooks();

describe('the store writer, under load and faults', () => {
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
