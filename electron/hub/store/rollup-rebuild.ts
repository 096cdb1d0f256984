import type { DatabaseSync } from 'node:sqlite';
import { HOUR_MS, MINUTE_MS } from './rollup.js';

export interface RebuildResult {
  /** The first minute rebuilt (epoch ms), or null when nothing had to be. */
  readonly from: number | null;
  readonly minutes: number;
  readonly hours: number;
  /** Set when the samples needed are gone (older than the raw window): nothing was rebuilt. */
  readonly skipped: string | null;
}

/**
 * After a crash: the rollups of the minutes the writer still held in memory (from the stored
 * mark on) are rebuilt from the stored raw samples, which hold every sample of those minutes;
 * their hours are recomputed from the minutes. Replaces rather than adds, so minutes that had
 * been written are not counted twice. One transaction, at start, before the writer runs.
 */
export function rebuildRollups(db: DatabaseSync, now: number, rawKeptMs: number): RebuildResult {
  const mark = db.prepare('SELECT open_from FROM rollup_mark WHERE id = 1').get();
  const openFrom = mark?.open_from;
  if (typeof openFrom !== 'number') return { from: null, minutes: 0, hours: 0, skipped: null };
  const from = Math.floor(openFrom / MINUTE_MS) * MINUTE_MS;
  const hour = Math.floor(from / HOUR_MS) * HOUR_MS;
  const clear = () => db.prepare('UPDATE rollup_mark SET open_from = NULL WHERE id = 1').run();
  if (hour < now - rawKeptMs) {
    clear();
    const when = new Date(from).toISOString();
    return { from, minutes: 0, hours: 0, skipped: `the raw samples from ${when} are gone` };
  }
  db.exec('BEGIN IMMEDIATE');
  try {
    db.prepare('DELETE FROM metric_minutes WHERE start >= ?').run(hour);
    const minutes = db
      .prepare(
        `INSERT INTO metric_minutes (site_id, device_id, metric, start, count, sum, min, max)
         SELECT e.site_id, e.device_id, v.key, (CAST(min(e.at, ?1) AS INTEGER) / 60000) * 60000,
                count(*), sum(v.value), min(v.value), max(v.value)
         FROM device_events e, json_each(e.doc, '$.values') v
         WHERE e.type = 'metric.sample' AND e.at >= ?2 AND v.type IN ('integer', 'real')
         GROUP BY 1, 2, 3, 4`,
      )
      .run(Math.round(now), hour).changes;
    db.prepare('DELETE FROM metric_hours WHERE start >= ?').run(hour);
    const hours = db
      .prepare(
        `INSERT INTO metric_hours (site_id, device_id, metric, start, count, sum, min, max)
         SELECT site_id, device_id, metric, (start / 3600000) * 3600000,
                sum(count), sum(sum), min(min), max(max)
         FROM metric_minutes WHERE start >= ? GROUP BY 1, 2, 3, 4`,
      )
      .run(hour).changes;
    clear();
    db.exec('COMMIT');
    return { from: hour, minutes: Number(minutes), hours: Number(hours), skipped: null };
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
