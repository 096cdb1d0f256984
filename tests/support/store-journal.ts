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
