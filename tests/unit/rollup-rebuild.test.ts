import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHubStore } from '../../electron/hub/store/hub-store.js';
import { StoreWriter } from '../../electron/hub/store/store-writer.js';
import type { SiteEvent } from '../../shared/protocol/events.js';
import { siteModelFromSnapshot, type SiteModel } from '../../shared/site-model/site-model.js';
import { FakeClock } from '../support/fake-clock.js';
import { device } from '../support/fleet-fixtures.js';

const TICK = 200;
const MIN = 60_000;
let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'noc-rebuild-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

let seq = 10;
const sample = (at: number, cpu: number): SiteEvent => ({
  seq: ++seq,
  at,
  type: 'metric.sample',
  deviceId: 'd1',
  values: { cpu, memory: cpu / 2 },
});

/** A hub's store and writer on one site, as the runtime opens them. */
async function hubStore(clock: FakeClock) {
  const opened = await openHubStore(join(dir, 'noc.sqlite'), ['a'], () => clock.now());
  const model: SiteModel = siteModelFromSnapshot({ devices: [device('d1')], alerts: [] });
  const writer = new StoreWriter(opened.statements, () => model, { clock, tickMs: TICK });
  writer.site({ id: 'a', name: 'A', customer: 'C', hello: null });
  writer.snapshot('a', { stream: 's', seq: 10, at: 0, devices: [device('d1')], alerts: [] }, 0);
  return { opened, writer };
}

const rollups = (
  raw: { prepare(sql: string): { all(): Record<string, unknown>[] } },
  table: string,
) =>
  raw
    .prepare(`SELECT metric, start, count, sum, min, max FROM ${table} ORDER BY metric, start`)
    .all()
    .map((row) => ({ ...row }));

describe('rollups after a crash', () => {
  it('are rebuilt from the stored samples at the next start, none lost and none counted twice', async () => {
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 10, 0, 0));
    const t0 = clock.now();
    const first = await hubStore(clock);
    // Minute 0: written (closed) before the crash. Minute 2: late samples of minute 0 and new
    // ones of minute 2, still in memory when the hub dies.
    first.writer.events('a', 's', [sample(t0 + 1_000, 10), sample(t0 + 2_000, 20)], t0);
    clock.advance(TICK);
    await first.writer.idle();
    clock.advance(2 * MIN);
    await first.writer.idle();
    await new Promise((resolve) => setImmediate(resolve));
    const written = rollups(first.opened.store.raw, 'metric_minutes');
    expect(written.map((row) => row.start)).toEqual([t0, t0]);
    first.writer.events(
      'a',
      's',
      [sample(t0 + 3_000, 30), sample(t0 + 2 * MIN + 5_000, 40)],
      clock.now(),
    );
    clock.advance(TICK);
    await first.writer.idle();
    // The hub dies: no dispose, the open minutes are lost from memory.
    await first.opened.store.close();

    const second = await openHubStore(join(dir, 'noc.sqlite'), ['a'], () => clock.now());
    expect(second.rollupsRebuilt).toMatchObject({ from: t0, skipped: null });
    const raw = second.store.raw;
    expect(rollups(raw, 'metric_minutes')).toEqual([
      { metric: 'cpu', start: t0, count: 3, sum: 60, min: 10, max: 30 },
      { metric: 'cpu', start: t0 + 2 * MIN, count: 1, sum: 40, min: 40, max: 40 },
      { metric: 'memory', start: t0, count: 3, sum: 30, min: 5, max: 15 },
      { metric: 'memory', start: t0 + 2 * MIN, count: 1, sum: 20, min: 20, max: 20 },
    ]);
    expect(rollups(raw, 'metric_hours')).toEqual([
      { metric: 'cpu', start: t0, count: 4, sum: 100, min: 10, max: 40 },
      { metric: 'memory', start: t0, count: 4, sum: 50, min: 5, max: 20 },
    ]);
    // Nothing more to rebuild once done.
    await second.store.close();
    const third = await openHubStore(join(dir, 'noc.sqlite'), ['a'], () => clock.now());
    expect(third.rollupsRebuilt).toMatchObject({ from: null, minutes: 0 });
    await third.store.close();
  });

  it('rebuilds nothing after a clean stop', async () => {
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 10, 0, 0));
    const first = await hubStore(clock);
    first.writer.events('a', 's', [sample(clock.now() + 1_000, 10)], clock.now());
    first.writer.dispose();
    await first.opened.store.close();
    const second = await openHubStore(join(dir, 'noc.sqlite'), ['a'], () => clock.now());
    expect(second.rollupsRebuilt).toMatchObject({ from: null });
    expect(rollups(second.store.raw, 'metric_minutes')).toHaveLength(2);
    await second.store.close();
  });
});
