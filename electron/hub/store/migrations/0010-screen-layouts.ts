import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * What technicians set for the screens of the wall (docs/displays.md), by screen number: doc is
 * the layout's JSON, or NULL for a screen of the config taken off the wall. A row replaces the
 * config's layout of that screen until a technician resets it (the row is deleted).
 */
export const screenLayouts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE screen_layouts (
        screen INTEGER PRIMARY KEY,
        doc TEXT,
        changed_by TEXT NOT NULL,
        changed_at INTEGER NOT NULL
      ) STRICT`.execute(db);
  },
};
