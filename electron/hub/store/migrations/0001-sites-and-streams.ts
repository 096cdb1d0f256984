import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Sites and where the hub is in each site's stream. */
export const sitesAndStreams: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('sites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('customer', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull())
      .modifyEnd(sql`strict`)
      .execute();
    await db.schema
      .createTable('site_streams')
      .addColumn('site_id', 'text', (c) =>
        c.primaryKey().references('sites.id').onDelete('cascade'),
      )
      .addColumn('stream', 'text', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull().check(sql`last_seq >= 0`))
      .addColumn('updated_at', 'integer', (c) => c.notNull())
      .modifyEnd(sql`strict`)
      .execute();
  },
};
