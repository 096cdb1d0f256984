import { describe, expect, it } from 'vitest';
import { loadCache } from '../../electron/hub/store/load-cache.js';
import { alert, device } from '../support/fleet-fixtures.js';
import {
  applyEvents,
  applySnapshot,
  clock,
  HELLO,
  installWriterHooks,
  journal,
  makeWriter,
  nextSeq,
  position,
  sampleOf,
  snapshot,
  store,
  TICK,
  writer,
  written,
} from './store-writer-harness.js';

installWriterHooks();

describe('the store writer', () => {
  it('stores a snapshot and the events after it, and the cache reads back what the hub held', async () => {
    makeWriter();
    applySnapshot(snapshot(10));
    const raise = { ...alert('x2', 'd2'), title: 'Disk full' };
    applyEvents([
      sampleOf('d1', 55),
      { seq: nextSeq(), at: 6000, type: 'alert.raise', alert: raise },
      { seq: nextSeq(), at: 7000, type: 'alert.clear', alertId: 'x1' },
      { seq: nextSeq(), at: 8000, type: 'device.remove', deviceId: 'd2' },
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
      { seq: nextSeq(), at: 1, type: 'device.upsert', device: device('d1') },
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
});
