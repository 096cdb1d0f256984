import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Where the rollups may be behind the raw samples: the earliest minute the writer still held in
 * memory (null: none). Written with the samples and the rollups, so after a crash the minutes
 * from here on are rebuilt from the stored samples (rollup-rebuild.ts).
 */
export const rollupMark: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE rollup_mark (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        open_from INTEGER
      ) STRICT`.execute(db);
    await sql`INSERT INTO rollup_mark (id, open_from) VALUES (1, NULL)`.execute(db);
  },
};
