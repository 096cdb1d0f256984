import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The hub's own alerts (a site unreachable, a disk predicted full, a security finding) get their
 * timelines in alert_events beside the sites' alerts: source 'hub' joins 'site' and 'snapshot'.
 * SQLite cannot change a CHECK constraint, so the table is made again with the same columns,
 * its rows copied in order (row ids kept: the retention's and the timelines' order), and its
 * indexes made again. One transaction, as every migration: a crash midway leaves the old table.
 */
export const hubAlertEvents: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE alert_events_next (
        row_id INTEGER PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        stream TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        alert_id TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('site', 'snapshot', 'hub')),
        doc TEXT NOT NULL
      ) STRICT`.execute(db);
    await sql`
      INSERT INTO alert_events_next (row_id, site_id, stream, seq, at, type, alert_id, source, doc)
      SELECT row_id, site_id, stream, seq, at, type, alert_id, source, doc
      FROM alert_events ORDER BY row_id`.execute(db);
    await sql`DROP TABLE alert_events`.execute(db);
    await sql`ALTER TABLE alert_events_next RENAME TO alert_events`.execute(db);
    // As 0002 made them: a site's seq at most once; the hub's entries, like a snapshot's, have
    // no seq of the site's (0), so they are outside the unique index.
    await sql`CREATE UNIQUE INDEX alert_events_seq ON alert_events (site_id, stream, seq)
      WHERE source = 'site'`.execute(db);
    await sql`CREATE INDEX alert_events_alert ON alert_events (site_id, alert_id)`.execute(db);
    await sql`CREATE INDEX alert_events_at ON alert_events (at)`.execute(db);
  },
};
