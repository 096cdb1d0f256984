import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Maintenance windows technicians scheduled from the board (the config's own live in the file):
 * doc is the window's JSON (shared/maintenance/maintenance-window.ts). Kept until cancelled.
 */
export const maintenanceWindows: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE maintenance_windows (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT`.execute(db);
  },
};
