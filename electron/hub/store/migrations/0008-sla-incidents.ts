import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * SLA incidents (shared/sla/incident.ts): one row each, its JSON in doc, rewritten as it changes
 * (`synchronous = FULL`: a clock a restart would lose is a contract nobody can prove); and each
 * incident's timeline (opened, responded, paused with whom, warnings, breaches, resolved).
 */
export const slaIncidents: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL,
        customer TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        resolved_at INTEGER,
        doc TEXT NOT NULL
      ) STRICT`.execute(db);
    await sql`CREATE INDEX incidents_open ON incidents (resolved_at)`.execute(db);
    await sql`CREATE INDEX incidents_customer ON incidents (customer, opened_at)`.execute(db);
    await sql`
      CREATE TABLE incident_events (
        row_id INTEGER PRIMARY KEY,
        incident_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        what TEXT NOT NULL,
        actor TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT`.execute(db);
    await sql`CREATE INDEX incident_events_incident ON incident_events (incident_id, at)`.execute(
      db,
    );
  },
};
