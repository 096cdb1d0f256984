import { DatabaseSync } from 'node:sqlite';
import type { SiteEvent } from '../../shared/protocol/events.js';
import { Journal } from '../../simulator/journal.js';

/**
 * Every event a closed store holds for a site, as stored (site's seq order): the alert
 * timelines' entries from the site and the raw device events. Opens the file itself, so the
 * hub that wrote it must have stopped (it holds the file exclusively while it runs).
 */
export function storedEvents(file: string, siteId: string): SiteEvent[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = db
      .prepare(
        `SELECT seq, doc FROM device_events WHERE site_id = ?1
         UNION ALL SELECT seq, doc FROM alert_events WHERE site_id = ?1 AND source = 'site'
         ORDER BY seq`,
      )
      .all(siteId);
    return rows.map((row) => JSON.parse(String(row.doc)) as SiteEvent);
  } finally {
    db.close();
  }
}

/** Per site and metric, the samples the minute rollups count, and their sum (closed store). */
export function rollupTotals(file: string): Record<string, unknown>[] {
  return totals(
    file,
    `SELECT site_id, metric, sum(count) AS n, round(sum(sum), 3) AS total FROM metric_minutes
     GROUP BY site_id, metric ORDER BY site_id, metric`,
  );
}

/** The same, counted from the stored raw samples. */
export function sampleTotals(file: string): Record<string, unknown>[] {
  return totals(
    file,
    `SELECT e.site_id, v.key AS metric, count(*) AS n, round(sum(v.value), 3) AS total
     FROM device_events e, json_each(e.doc, '$.values') v
     WHERE e.type = 'metric.sample' GROUP BY 1, 2 ORDER BY 1, 2`,
  );
}

function totals(file: string, query: string): Record<string, unknown>[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db
      .prepare(query)
      .all()
      .map((row) => ({ ...row }));
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` of a closed store: 'ok', or what is wrong. */
export function integrity(file: string): string {
  const db = new DatabaseSync(file);
  try {
    const rows = db.prepare('PRAGMA integrity_check').all();
    return rows.map((row) => String(row.integrity_check)).join('; ');
  } finally {
    db.close();
  }
}

/** The simulator's journal of a site: every event it numbered, in order. */
export function journalEvents(file: string): readonly SiteEvent[] {
  return Journal.open(file).events;
}
