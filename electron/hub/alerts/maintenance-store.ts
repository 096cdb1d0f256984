import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { readStoredDoc } from '../store/stored-doc.js';
import { CheckedMaintenanceWindow } from './maintenance-recurrence.js';
import { storedTime } from '../store/write-statements.js';

/** A window a technician set, with who and when. */
export interface SetWindow {
  readonly window: CheckedMaintenanceWindow;
  readonly createdBy: string;
  readonly createdAt: number;
}

/** Where technicians' maintenance windows are kept: the store, or memory without one. */
export interface MaintenanceStore {
  load(): SetWindow[];
  save(set: SetWindow): void;
  remove(id: string): void;
}

export class MemoryMaintenanceStore implements MaintenanceStore {
  private readonly windows = new Map<string, SetWindow>();

  load(): SetWindow[] {
    return [...this.windows.values()];
  }

  save(set: SetWindow): void {
    this.windows.set(set.window.id, set);
  }

  remove(id: string): void {
    this.windows.delete(id);
  }
}

export class SqliteMaintenanceStore implements MaintenanceStore {
  private readonly insert: StatementSync;
  private readonly drop: StatementSync;
  private readonly select: StatementSync;

  constructor(db: DatabaseSync) {
    this.insert = db.prepare(
      `INSERT INTO maintenance_windows (id, site_id, created_by, created_at, doc)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.drop = db.prepare('DELETE FROM maintenance_windows WHERE id = ?');
    this.select = db.prepare(
      'SELECT created_by, created_at, doc FROM maintenance_windows ORDER BY created_at, id',
    );
  }

  load(): SetWindow[] {
    const rows = this.select.all() as { created_by: string; created_at: number; doc: string }[];
    const windows: SetWindow[] = [];
    for (const row of rows) {
      // Written by this code; a row edited into something unreadable is skipped, not fatal.
      const window = readStoredDoc(CheckedMaintenanceWindow, row.doc);
      if (window === null) continue;
      windows.push({ window, createdBy: row.created_by, createdAt: row.created_at });
    }
    return windows;
  }

  save(set: SetWindow): void {
    const { window } = set;
    this.insert.run(
      window.id,
      window.siteId,
      set.createdBy,
      storedTime(set.createdAt),
      JSON.stringify(window),
    );
  }

  remove(id: string): void {
    this.drop.run(id);
  }
}
