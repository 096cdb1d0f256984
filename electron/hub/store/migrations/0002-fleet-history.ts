import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * What the hub needs to start from cache and keep history: each site's last known devices and
 * alerts, every event as the site reported it (alert timelines for long, the rest for a short
 * raw window), metric rollups, and full-text search over alerts (docs/storage.md).
 */
export const fleetHistory: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // The site's hello (JSON) and when its data was last current (hub clock), for the board's
    // ages at start.
    await sql`ALTER TABLE sites ADD COLUMN hello TEXT`.execute(db);
    await sql`ALTER TABLE site_streams ADD COLUMN data_at INTEGER`.execute(db);
    await sql`
      CREATE TABLE devices (
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (site_id, id)
      ) STRICT, WITHOUT ROWID`.execute(db);
    await createAlerts(db);
    await createEventTables(db);
    for (const table of ['metric_minutes', 'metric_hours']) await createRollups(db, table);
  },
};

async function createAlerts(db: Kysely<unknown>): Promise<void> {
  // A row per alert ever seen, kept after it clears; the timeline is in alert_events.
  await sql`
    CREATE TABLE alerts (
      row_id INTEGER PRIMARY KEY,
      site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      device_id TEXT,
      device_name TEXT NOT NULL,
      check_name TEXT NOT NULL,
      severity TEXT NOT NULL,
      title TEXT NOT NULL,
      detail TEXT NOT NULL,
      raised_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      cleared_at INTEGER,
      ack_by TEXT,
      doc TEXT NOT NULL,
      UNIQUE (site_id, id)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX alerts_open ON alerts (site_id) WHERE cleared_at IS NULL`.execute(db);
  await sql`CREATE INDEX alerts_raised ON alerts (raised_at)`.execute(db);
  await sql`CREATE INDEX alerts_cleared ON alerts (cleared_at) WHERE cleared_at IS NOT NULL`.execute(
    db,
  );
  // External-content FTS5: the text lives once, in alerts; triggers keep the index in step.
  await sql`
    CREATE VIRTUAL TABLE alerts_fts USING fts5 (
      title, detail, check_name, device_name, content = 'alerts', content_rowid = 'row_id'
    )`.execute(db);
  const columns = sql.raw('title, detail, check_name, device_name');
  const newValues = sql.raw('new.title, new.detail, new.check_name, new.device_name');
  const oldValues = sql.raw('old.title, old.detail, old.check_name, old.device_name');
  await sql`
    CREATE TRIGGER alerts_fts_insert AFTER INSERT ON alerts BEGIN
      INSERT INTO alerts_fts (rowid, ${columns}) VALUES (new.row_id, ${newValues});
    END`.execute(db);
  await sql`
    CREATE TRIGGER alerts_fts_delete AFTER DELETE ON alerts BEGIN
      INSERT INTO alerts_fts (alerts_fts, rowid, ${columns}) VALUES ('delete', old.row_id, ${oldValues});
    END`.execute(db);
  await sql`
    CREATE TRIGGER alerts_fts_update AFTER UPDATE OF title, detail, check_name, device_name ON alerts BEGIN
      INSERT INTO alerts_fts (alerts_fts, rowid, ${columns}) VALUES ('delete', old.row_id, ${oldValues});
      INSERT INTO alerts_fts (rowid, ${columns}) VALUES (new.row_id, ${newValues});
    END`.execute(db);
}

/**
 * Every event the hub applied, as the site sent it (doc is the event's JSON), numbered by the
 * site's stream and seq: each at most once. Alert events are the alerts' timelines (kept long);
 * device events (upserts, removes, metric samples) are the raw window (kept short).
 */
async function createEventTables(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE alert_events (
      row_id INTEGER PRIMARY KEY,
      site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      stream TEXT NOT NULL,
      seq INTEGER NOT NULL,
      at INTEGER NOT NULL,
      type TEXT NOT NULL,
      alert_id TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('site', 'snapshot')),
      doc TEXT NOT NULL
    ) STRICT`.execute(db);
  // A snapshot's entries (an alert first seen, or gone, in a snapshot) share its seq.
  await sql`CREATE UNIQUE INDEX alert_events_seq ON alert_events (site_id, stream, seq)
    WHERE source = 'site'`.execute(db);
  await sql`CREATE INDEX alert_events_alert ON alert_events (site_id, alert_id)`.execute(db);
  await sql`CREATE INDEX alert_events_at ON alert_events (at)`.execute(db);
  await sql`
    CREATE TABLE device_events (
      row_id INTEGER PRIMARY KEY,
      site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      stream TEXT NOT NULL,
      seq INTEGER NOT NULL,
      at INTEGER NOT NULL,
      type TEXT NOT NULL,
      device_id TEXT NOT NULL,
      doc TEXT NOT NULL,
      UNIQUE (site_id, stream, seq)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX device_events_at ON device_events (at)`.execute(db);
}

async function createRollups(db: Kysely<unknown>, table: string): Promise<void> {
  const name = sql.table(table);
  await sql`
    CREATE TABLE ${name} (
      site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      device_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      start INTEGER NOT NULL,
      count INTEGER NOT NULL CHECK (count > 0),
      sum REAL NOT NULL,
      min REAL NOT NULL,
      max REAL NOT NULL,
      PRIMARY KEY (site_id, device_id, metric, start)
    ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX ${sql.raw(`${table}_start`)} ON ${name} (start)`.execute(db);
}
