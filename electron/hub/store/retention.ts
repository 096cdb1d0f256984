import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Clock, TimerHandle } from '../../../shared/clock.js';

/** How long each kind of row is kept (docs/storage.md, docs/configuration.md). */
export interface RetentionPolicy {
  /** Raw device events: upserts, removes and metric samples. */
  readonly rawEventsMs: number;
  readonly minuteRollupsMs: number;
  readonly hourRollupsMs: number;
  /** Alert timelines, and alerts cleared longer ago than this. */
  readonly alertHistoryMs: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEFAULT_RETENTION: RetentionPolicy = {
  rawEventsMs: 48 * HOUR,
  minuteRollupsMs: 30 * DAY,
  hourRollupsMs: 400 * DAY,
  alertHistoryMs: 400 * DAY,
};

/**
 * Rows deleted per transaction: a few milliseconds, so the hub never waits on retention (2,000
 * alerts, with their full-text entries, took 21 ms on bench:store's store; 500 take about 5).
 */
const CHUNK_ROWS = 500;
/** How often retention runs (and once shortly after start). */
export const RETENTION_EVERY_MS = 10 * 60_000;
const FIRST_RUN_MS = 30_000;

export interface RetentionStats {
  /** When the last pass finished (hub clock), or null before the first. */
  readonly lastRunAt: number | null;
  /** Rows deleted since start, by table. */
  readonly deleted: Readonly<Record<string, number>>;
  readonly lastError: string | null;
}

interface Rule {
  readonly table: string;
  readonly keep: keyof RetentionPolicy;
  readonly statement: StatementSync;
}

/**
 * Deletes what is older than the policy keeps, in the background: in chunks, one transaction
 * each, the event loop running between them (the same connection as the writer, whose slices
 * interleave). Times compared are the rows' own (the site's clock for events and rollups, the
 * clear time for alerts). Freed pages are reused by new rows; the file does not shrink.
 */
export class Retention {
  private timer: TimerHandle | null = null;
  private running = false;
  private disposed = false;
  private readonly rules: Rule[];
  private readonly deleted: Record<string, number> = {};
  private lastRunAt: number | null = null;
  private lastError: string | null = null;
  private passFailed = false;

  constructor(
    private readonly db: DatabaseSync,
    private readonly policy: RetentionPolicy,
    private readonly clock: Clock,
    private readonly yieldToLoop: (next: () => void) => void = (next) => setImmediate(next),
  ) {
    const byRowId = (table: string, column: string) =>
      db.prepare(
        `DELETE FROM ${table} WHERE row_id IN (SELECT row_id FROM ${table} WHERE ${column} < ? LIMIT ${CHUNK_ROWS})`,
      );
    const rollups = (table: string) =>
      db.prepare(
        `DELETE FROM ${table} WHERE (site_id, device_id, metric, start) IN
           (SELECT site_id, device_id, metric, start FROM ${table} WHERE start < ? LIMIT ${CHUNK_ROWS})`,
      );
    this.rules = [
      { table: 'device_events', keep: 'rawEventsMs', statement: byRowId('device_events', 'at') },
      { table: 'metric_minutes', keep: 'minuteRollupsMs', statement: rollups('metric_minutes') },
      { table: 'metric_hours', keep: 'hourRollupsMs', statement: rollups('metric_hours') },
      { table: 'alert_events', keep: 'alertHistoryMs', statement: byRowId('alert_events', 'at') },
      { table: 'alerts', keep: 'alertHistoryMs', statement: byRowId('alerts', 'cleared_at') },
      // Technicians' and the hub's timeline notes, kept as long as the site's.
      { table: 'alert_actions', keep: 'alertHistoryMs', statement: byRowId('alert_actions', 'at') },
      // SLA incidents resolved longer ago than the alerts' history, with their timelines (first,
      // while the incident still says when it was resolved); an open incident and its whole
      // timeline stay, however old: compliance reports read them.
      {
        table: 'incident_events',
        keep: 'alertHistoryMs',
        statement: db.prepare(
          `DELETE FROM incident_events WHERE row_id IN (SELECT e.row_id FROM incident_events e
             JOIN incidents i ON i.id = e.incident_id
             WHERE i.resolved_at IS NOT NULL AND i.resolved_at < ? LIMIT ${CHUNK_ROWS})`,
        ),
      },
      {
        table: 'incidents',
        keep: 'alertHistoryMs',
        statement: db.prepare(
          `DELETE FROM incidents WHERE id IN (SELECT id FROM incidents
             WHERE resolved_at IS NOT NULL AND resolved_at < ? LIMIT ${CHUNK_ROWS})`,
        ),
      },
      // The outbox's settled actions; a pending one stays, however old, until its site answers.
      {
        table: 'ack_outbox',
        keep: 'alertHistoryMs',
        statement: db.prepare(
          `DELETE FROM ack_outbox WHERE ack_id IN (SELECT ack_id FROM ack_outbox
             WHERE delivery != 'pending' AND requested_at < ? LIMIT ${CHUNK_ROWS})`,
        ),
      },
    ];
  }

  start(): void {
    this.schedule(FIRST_RUN_MS);
  }

  get statistics(): RetentionStats {
    const { lastRunAt, lastError } = this;
    return { lastRunAt, lastError, deleted: { ...this.deleted } };
  }

  get openResources(): number {
    return this.timer ? 1 : 0;
  }

  /** One whole pass now; resolves when it is done (tests; the timer runs it too). */
  runNow(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = true;
    this.passFailed = false;
    const now = this.clock.now();
    return new Promise((resolve) => {
      const step = (index: number) => {
        const rule = this.rules[index];
        // A failed chunk (a busy or full disk) ends the pass; the next one tries again.
        if (this.disposed || rule === undefined || this.passFailed) {
          this.finish(now);
          resolve();
          return;
        }
        const more = this.chunk(rule, now - this.policy[rule.keep]);
        this.yieldToLoop(() => {
          step(more ? index : index + 1);
        });
      };
      step(0);
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Deletes one chunk; true when there may be more. */
  private chunk(rule: Rule, before: number): boolean {
    try {
      const changes = Number(rule.statement.run(before).changes);
      this.deleted[rule.table] = (this.deleted[rule.table] ?? 0) + changes;
      return changes === CHUNK_ROWS;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.passFailed = true;
      return false;
    }
  }

  private finish(now: number): void {
    this.running = false;
    this.lastRunAt = now;
    // The store's writer checkpoints after its own writes; this pass's deletes are copied into
    // the file here, so the log does not grow while no site sends anything.
    try {
      this.db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get();
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.passFailed = true;
    }
    if (!this.passFailed) this.lastError = null;
    this.schedule(RETENTION_EVERY_MS);
  }

  private schedule(ms: number): void {
    if (this.disposed || this.timer) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.runNow();
    }, ms);
  }
}
