import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Where each screen of the wall was last placed by identity (docs/displays.md): the display's
 * id and its bounds then, so a screen finds its display again after a restart, and by bounds
 * or position when the operating system gives the displays new ids. doc is the bounds' JSON.
 * display_id is text: Chromium makes display ids from the monitor's EDID, and they can exceed
 * 2^53, which node:sqlite refuses to read back as a JavaScript number.
 */
export const screenHomes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE screen_homes (
        screen INTEGER PRIMARY KEY,
        display_id TEXT NOT NULL,
        doc TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT`.execute(db);
  },
};
