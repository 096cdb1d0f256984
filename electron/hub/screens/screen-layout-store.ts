import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { DisplayLayout } from '../../../shared/displays/display-layout.js';
import { readStoredDoc } from '../store/stored-doc.js';

/** What a technician set for one screen: a layout, or null for "taken off the wall". */
export interface SetScreen {
  readonly screen: number;
  readonly layout: DisplayLayout | null;
  readonly changedBy: string;
  readonly changedAt: number;
}

/** Where technicians' screen layouts are kept: the store, or memory without one. */
export interface ScreenLayoutStore {
  load(): SetScreen[];
  save(set: SetScreen): void;
  remove(screen: number): void;
}

export class MemoryScreenLayoutStore implements ScreenLayoutStore {
  private readonly sets = new Map<number, SetScreen>();

  load(): SetScreen[] {
    return [...this.sets.values()];
  }

  save(set: SetScreen): void {
    this.sets.set(set.screen, set);
  }

  remove(screen: number): void {
    this.sets.delete(screen);
  }
}

export class SqliteScreenLayoutStore implements ScreenLayoutStore {
  private readonly upsert: StatementSync;
  private readonly drop: StatementSync;
  private readonly select: StatementSync;

  constructor(
    db: DatabaseSync,
    private readonly log: (line: string) => void = console.warn,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO screen_layouts (screen, doc, changed_by, changed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (screen) DO UPDATE SET
         doc = excluded.doc, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
    );
    this.drop = db.prepare('DELETE FROM screen_layouts WHERE screen = ?');
    this.select = db.prepare(
      'SELECT screen, doc, changed_by, changed_at FROM screen_layouts ORDER BY screen',
    );
  }

  load(): SetScreen[] {
    const rows = this.select.all() as {
      screen: number;
      doc: string | null;
      changed_by: string;
      changed_at: number;
    }[];
    return rows.flatMap((row): SetScreen[] => {
      const base = { screen: row.screen, changedBy: row.changed_by, changedAt: row.changed_at };
      if (row.doc === null) return [{ ...base, layout: null }];
      // Written by this code; a row edited (or left by an older version) into something that no
      // longer fits is skipped: that screen shows the config's layout, and the log says why.
      const layout = readStoredDoc(DisplayLayout, row.doc);
      if (layout === null || layout.display !== row.screen) {
        this.log(
          `screens: the stored layout of screen ${row.screen} is unreadable; the config's is used`,
        );
        return [];
      }
      return [{ ...base, layout }];
    });
  }

  save(set: SetScreen): void {
    this.upsert.run(
      set.screen,
      set.layout === null ? null : JSON.stringify(set.layout),
      set.changedBy,
      set.changedAt,
    );
  }

  remove(screen: number): void {
    this.drop.run(screen);
  }
}
