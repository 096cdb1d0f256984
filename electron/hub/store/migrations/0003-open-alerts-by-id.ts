import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * A site's open alerts by id, for the writer's keyset pages when a snapshot clears the alerts
 * it no longer has: the index of 0002 was on the site alone, so each page read the site's
 * cleared alerts too (up to 400 days of them).
 */
export const openAlertsById: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX alerts_open`.execute(db);
    await sql`CREATE INDEX alerts_open ON alerts (site_id, id) WHERE cleared_at IS NULL`.execute(
      db,
    );
    // The history view's "open during the range" for alerts raised before it: the open ones.
    await sql`CREATE INDEX alerts_open_raised ON alerts (raised_at) WHERE cleared_at IS NULL`.execute(
      db,
    );
    // One site's alerts newest first (the history view filtered by site).
    await sql`CREATE INDEX alerts_site_raised ON alerts (site_id, raised_at)`.execute(db);
  },
};
