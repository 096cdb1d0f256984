import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { DisplayBounds } from '../../../shared/displays/display-layout.js';
import { readStoredDoc } from './stored-doc.js';

/** Where screen N of the wall was last placed by identity (electron/main/displays/placement.ts). */
export interface StoredScreenHome {
  readonly screen: number;
  readonly displayId: number;
  readonly bounds: DisplayBounds;
}

/** Kept in the store (docs/displays.md), or in memory without one. */
export interface ScreenHomeStore {
  load(): StoredScreenHome[];
  save(home: StoredScreenHome, at: number): void;
}

export class MemoryScreenHomeStore implements ScreenHomeStore {
  private readonly homes = new Map<number, StoredScreenHome>();

  load(): StoredScreenHome[] {
    return [...this.homes.values()];
  }

  save(home: StoredScreenHome): void {
    this.homes.set(home.screen, home);
  }
}

export class SqliteScreenHomeStore implements ScreenHomeStore {
  private readonly upsert: StatementSync;
  private readonly select: StatementSync;

  constructor(db: DatabaseSync) {
    this.upsert = db.prepare(
      `INSERT INTO screen_homes (screen, display_id, doc, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (screen) DO UPDATE SET
         display_id = excluded.display_id, doc = excluded.doc, updated_at = excluded.updated_at`,
    );
    this.select = db.prepare('SELECT screen, display_id, doc FROM screen_homes ORDER BY screen');
  }

  load(): StoredScreenHome[] {
    const rows = this.select.all() as { screen: number; display_id: string; doc: string }[];
    return rows.flatMap((row) => {
      // Written by this code; a row edited into something unreadable is skipped (placed anew).
      const bounds = readStoredDoc(DisplayBounds, row.doc);
      const displayId = Number(row.display_id);
      if (bounds === null || !Number.isFinite(displayId)) return [];
      return [{ screen: row.screen, displayId, bounds }];
    });
  }

  save(home: StoredScreenHome, at: number): void {
    // The id as text: String and Number round-trip any double exactly.
    this.upsert.run(home.screen, String(home.displayId), JSON.stringify(home.bounds), at);
  }
}
