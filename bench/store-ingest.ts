// bench:store, part 1: how fast the hub's store writer takes in what the hub applies, and how
// long it holds the event loop meanwhile; beside raw node:sqlite inserts of the same rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Alert } from '../shared/protocol/alert.js';
import type { SiteEvent } from '../shared/protocol/events.js';
import { applySiteEvent, emptySiteModel, type SiteModel } from '../shared/site-model/site-model.js';
import { systemClock } from '../shared/system-clock.js';
import { openStore } from '../electron/hub/store/open-store.js';
import { StoreWriter } from '../electron/hub/store/store-writer.js';
import { WriteStatements } from '../electron/hub/store/write-statements.js';
import { percentile } from './stats.js';

export const INGEST_SITES = 50;
export const DEVICES_PER_SITE = 100;
/** Events per batch, as a link hands them to the hub. */
const BATCH = 500;
/** The producer waits while this many events are queued, as links would be paced by budgets. */
const MAX_QUEUED = 50_000;

export interface IngestResult {
  readonly events: number;
  readonly eventsPerSecond: number;
  /** Event-loop delay while writing (monitorEventLoopDelay, 1 ms resolution), ms. */
  readonly loopP99Ms: number;
  readonly loopMaxMs: number;
  /** Each write transaction (one slice): the store's own hold on the event loop, ms. */
  readonly sliceP99Ms: number;
  readonly sliceMaxMs: number;
  readonly slices: number;
  /** Raw node:sqlite: the same event rows, one prepared INSERT each, 1,000 per transaction. */
  readonly baselineEventsPerSecond: number;
}

/**
 * A fleet's events as the hub applies them: mostly metric samples, some alerts raised, updated
 * (acknowledged) and cleared; every site its own stream and seq.
 */
export function* fleetEvents(total: number, at: number): Generator<[string, SiteEvent[]]> {
  const seqs = new Array<number>(INGEST_SITES).fill(0);
  let made = 0;
  let round = 0;
  while (made < total) {
    const site = round % INGEST_SITES;
    const siteId = `site-${String(site + 1).padStart(2, '0')}`;
    const events: SiteEvent[] = [];
    for (let i = 0; i < BATCH && made < total; i++, made++) {
      const seq = ++(seqs[site] as number);
      const deviceId = `dev-${(seq * 7) % DEVICES_PER_SITE}`;
      const when = at + seq;
      const kind = seq % 100;
      if (seq <= DEVICES_PER_SITE) {
        events.push({ seq, at: when, type: 'device.upsert', device: deviceDoc(deviceId, when) });
      } else if (kind < 95) {
        const values = { cpu: (seq % 97) + 0.5, memory: (seq % 89) + 0.25, latency: seq % 13 };
        events.push({ seq, at: when, type: 'metric.sample', deviceId, values });
      } else if (kind < 98) {
        const type = kind === 95 ? 'alert.raise' : 'alert.update';
        events.push({ seq, at: when, type, alert: alertDoc(deviceId, seq, when) });
      } else {
        events.push({ seq, at: when, type: 'alert.clear', alertId: `a-${deviceId}` });
      }
    }
    round++;
    yield [siteId, events];
  }
}

function deviceDoc(id: string, at: number) {
  return {
    id,
    name: `Device ${id}`,
    kind: 'server' as const,
    status: 'up' as const,
    parentId: null,
    metrics: { cpu: 10 },
    security: null,
    updatedAt: at,
  };
}

function alertDoc(deviceId: string, seq: number, at: number): Alert {
  return {
    id: `a-${deviceId}`,
    deviceId,
    check: 'cpu',
    severity: 'average',
    title: `High CPU on Device ${deviceId}`,
    detail: `Above 90 % for 5 minutes (sample ${seq})`,
    raisedAt: at,
    updatedAt: at,
    ack: null,
  };
}

export async function measureIngest(total: number): Promise<IngestResult> {
  const dir = mkdtempSync(join(tmpdir(), 'noc-bench-ingest-'));
  // The clock's timers are unref'd (they never keep a hub alive): this process waits on them.
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    const store = await openStore(join(dir, 'noc.sqlite'));
    const sql = new WriteStatements(store.raw);
    const slices: number[] = [];
    const transaction = sql.transaction.bind(sql);
    sql.transaction = <T>(work: () => T): T => {
      const started = performance.now();
      try {
        return transaction(work);
      } finally {
        slices.push(performance.now() - started);
      }
    };
    const models = new Map<string, SiteModel>();
    const writer = new StoreWriter(sql, (id) => models.get(id), {
      clock: systemClock,
      tickMs: 200,
    });
    for (let i = 1; i <= INGEST_SITES; i++) {
      const id = `site-${String(i).padStart(2, '0')}`;
      models.set(id, emptySiteModel());
      writer.site({ id, name: id, customer: 'Bench', hello: null });
    }
    await writer.idle();
    slices.length = 0;
    const loop = monitorEventLoopDelay({ resolution: 1 });
    const started = performance.now();
    loop.enable();
    await produce(writer, models, total);
    await writer.idle();
    const seconds = (performance.now() - started) / 1000;
    loop.disable();
    // Not counted: the shutdown writes every open minute at once (the hub is stopping).
    const running = slices.slice();
    writer.dispose();
    await store.close();
    const baseline = baselineRate(join(dir, 'raw.sqlite'), total);
    return {
      events: total,
      eventsPerSecond: total / seconds,
      loopP99Ms: loop.percentile(99) / 1e6,
      loopMaxMs: loop.max / 1e6,
      sliceP99Ms: percentile(running, 99),
      sliceMaxMs: Math.max(...running),
      slices: running.length,
      baselineEventsPerSecond: baseline,
    };
  } finally {
    clearInterval(keepAlive);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Hands batches to the writer as the hub would, a few per event-loop turn, never over MAX_QUEUED. */
async function produce(writer: StoreWriter, models: Map<string, SiteModel>, total: number) {
  const at = Date.now();
  const batches = fleetEvents(total, at);
  for (;;) {
    if (writer.statistics.backlog < MAX_QUEUED) {
      for (let i = 0; i < 2; i++) {
        const next = batches.next();
        if (next.done === true) return;
        const [siteId, events] = next.value;
        const model = models.get(siteId) as SiteModel;
        for (const event of events) applySiteEvent(model, event);
        writer.events(siteId, 'bench', events, Date.now());
      }
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The same events as rows of the same two tables, inserted raw: what SQLite alone costs. */
function baselineRate(file: string, total: number): number {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
  db.exec(`CREATE TABLE events (row_id INTEGER PRIMARY KEY, site_id TEXT NOT NULL,
    stream TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL, type TEXT NOT NULL,
    subject TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE (site_id, stream, seq)) STRICT`);
  const insert = db.prepare(
    'INSERT INTO events (site_id, stream, seq, at, type, subject, doc) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const started = performance.now();
  let inTransaction = 0;
  db.exec('BEGIN');
  for (const [siteId, events] of fleetEvents(total, Date.now())) {
    for (const event of events) {
      const subject = 'deviceId' in event ? event.deviceId : event.type;
      insert.run(siteId, 'bench', event.seq, event.at, event.type, subject, JSON.stringify(event));
      if (++inTransaction === 1000) {
        db.exec('COMMIT; BEGIN');
        inTransaction = 0;
      }
    }
  }
  db.exec('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return total / seconds;
}
