import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { SiteEvent } from '../../shared/protocol/events.js';
import type { Hello, Snapshot } from '../../shared/protocol/messages.js';
import {
  applySiteEvent,
  emptySiteModel,
  siteModelFromSnapshot,
  type SiteModel,
} from '../../shared/site-model/site-model.js';
import { openStore, type Store } from '../../electron/hub/store/open-store.js';
import { StoreWriter, type StoreWriterOptions } from '../../electron/hub/store/store-writer.js';
import { WriteStatements } from '../../electron/hub/store/write-statements.js';
import { FakeClock } from '../support/fake-clock.js';
import { alert, device } from '../support/fleet-fixtures.js';

/**
 * The store writer's tests' world (store-writer*.test.ts): a real store on disk, a fake clock,
 * the hub's site models, and the writer fed the way the hub feeds it.
 */

export const TICK = 200;
let dir = '';
/** The seq of the last event sampleOf made; each test starts from 10. */
let seq = 10;
/** Live bindings: each test's store, clock, hub models and writer, set by the hooks below. */
export let store: Store;
export let clock: FakeClock;
let models: Map<string, SiteModel>;
export let writer: StoreWriter;

export const HELLO: Hello = {
  siteId: 'a',
  name: 'Site A',
  customer: 'Acme',
  timeZone: 'Europe/Berlin',
  protocolVersion: '1.0',
  agentVersion: '1',
  stream: 's1',
};

/** A fresh store in a folder of its own before each test; the writer and store closed after. */
export function installWriterHooks(): void {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'noc-writer-'));
    store = await openStore(join(dir, 'noc.sqlite'));
    clock = new FakeClock();
    models = new Map();
    seq = 10;
  });
  afterEach(async () => {
    writer.dispose();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

export function makeWriter(options: Partial<StoreWriterOptions> = {}): StoreWriter {
  writer = new StoreWriter(new WriteStatements(store.raw), (id) => models.get(id), {
    clock,
    tickMs: TICK,
    ...options,
  });
  writer.site({ id: 'a', name: 'Site A', customer: 'Acme', hello: HELLO });
  return writer;
}

/** What the hub does: apply to its model, then hand to the writer. */
export function applySnapshot(snapshot: Snapshot): void {
  models.set('a', siteModelFromSnapshot(snapshot));
  writer.snapshot('a', snapshot, clock.now());
}

export function applyEvents(events: SiteEvent[], stream = 's1'): void {
  const model = models.get('a') ?? emptySiteModel();
  models.set('a', model);
  for (const event of events) applySiteEvent(model, event);
  writer.events('a', stream, events, clock.now());
}

/** Counts the writer's transactions that fail from now on. */
export function countFailures(): () => number {
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

export async function written(): Promise<void> {
  clock.advance(TICK);
  await writer.idle();
}

export const snapshot = (seq: number, over: Partial<Snapshot> = {}): Snapshot => ({
  stream: 's1',
  seq,
  at: 1000,
  devices: [device('d1'), device('d2')],
  alerts: [alert('x1', 'd1')],
  ...over,
});

/** The next event's seq. */
export const nextSeq = (): number => ++seq;

export const sampleOf = (id: string, cpu: number, at = 5000): SiteEvent => ({
  seq: nextSeq(),
  at,
  type: 'metric.sample',
  deviceId: id,
  values: { cpu },
});

export function journal(): { seq: number; type: string }[] {
  const rows = store.raw
    .prepare(
      `SELECT seq, type FROM device_events UNION ALL
       SELECT seq, type FROM alert_events WHERE source = 'site' ORDER BY seq`,
    )
    .all();
  return rows.map((row) => ({ seq: Number(row.seq), type: String(row.type) }));
}

export const position = () =>
  store.raw.prepare('SELECT stream, last_seq, data_at FROM site_streams').get();
