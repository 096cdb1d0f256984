import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Technicians' acknowledgements: the outbox they wait in until their site confirms them, and the
 * timeline entries of what technicians and the hub did to an alert (the site's own events are in
 * alert_events). No foreign key to sites or alerts: an acknowledgement is recorded the moment it
 * is given, before the writer's next tick may have written the alert's row.
 */
export const technicianActions: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // doc is the TechnicianAction's JSON (shared/alerts/technician-action.ts), state and all.
    await sql`
      CREATE TABLE ack_outbox (
        ack_id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL,
        alert_id TEXT NOT NULL,
        requested_at INTEGER NOT NULL,
        delivery TEXT NOT NULL CHECK (delivery IN ('pending', 'confirmed', 'refused')),
        doc TEXT NOT NULL
      ) STRICT`.execute(db);
    await sql`CREATE INDEX ack_outbox_pending ON ack_outbox (requested_at)
      WHERE delivery = 'pending'`.execute(db);
    await sql`CREATE INDEX ack_outbox_alert ON ack_outbox (site_id, alert_id)`.execute(db);
    await sql`
      CREATE TABLE alert_actions (
        row_id INTEGER PRIMARY KEY,
        site_id TEXT NOT NULL,
        alert_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        what TEXT NOT NULL,
        actor TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('technician', 'hub')),
        comment TEXT NOT NULL,
        ack_id TEXT,
        detail TEXT
      ) STRICT`.execute(db);
    await sql`CREATE INDEX alert_actions_alert ON alert_actions (site_id, alert_id)`.execute(db);
    await sql`CREATE INDEX alert_actions_at ON alert_actions (at)`.execute(db);
  },
};
