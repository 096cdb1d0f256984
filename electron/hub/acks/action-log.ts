import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { readStoredDoc } from '../store/stored-doc.js';
import { TechnicianAction, type ActionNote } from '../../../shared/alerts/technician-action.js';
import { storedTime } from '../store/write-statements.js';

/**
 * Where technicians' actions are kept: the outbox they wait in until their site confirms them,
 * and their timeline notes. The store's (durable, `synchronous = FULL`, written at once rather
 * than at the writer's next tick: an acknowledgement is never lost once the page was told it is
 * pending), or memory for a hub without a data folder.
 */
export interface ActionLog {
  /**
   * What a restarted hub resumes, oldest first: every action still pending, and the latest
   * settled one on each alert still open (its expiry, its "not sticky" rule may still apply).
   */
  load(): TechnicianAction[];
  /** The action's new state, with the note that says what happened, in one transaction. */
  record(action: TechnicianAction, note: ActionNote): void;
  /** A note alone (the hub saw an acknowledgement lapse). */
  note(note: ActionNote): void;
  /** Notes in one transaction (a storm's folds: one write, not hundreds). */
  notes(notes: readonly ActionNote[]): void;
}

const KEPT_NOTES = 1000;

/** Keeps nothing past the process: for a hub that runs without a store. */
export class MemoryActionLog implements ActionLog {
  /** The latest notes: at least 1,000 (at most twice that). */
  readonly kept: ActionNote[] = [];
  private readonly actions = new Map<string, TechnicianAction>();

  load(): TechnicianAction[] {
    return [...this.actions.values()];
  }

  record(action: TechnicianAction, note: ActionNote): void {
    // Only the pending ones matter to a restart, and a memory log sees none: keep it bounded.
    if (action.delivery === 'pending') this.actions.set(action.ackId, action);
    else this.actions.delete(action.ackId);
    this.note(note);
  }

  note(note: ActionNote): void {
    this.kept.push(note);
    // Trimmed in halves, not a note at a time: a storm's thousands of fold notes would move the
    // whole array for each one.
    if (this.kept.length > 2 * KEPT_NOTES) this.kept.splice(0, this.kept.length - KEPT_NOTES);
  }

  notes(notes: readonly ActionNote[]): void {
    for (const note of notes) this.note(note);
  }
}

export class SqliteActionLog implements ActionLog {
  private readonly upsert: StatementSync;
  private readonly insertNote: StatementSync;
  private readonly select: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.upsert = db.prepare(
      `INSERT INTO ack_outbox (ack_id, site_id, alert_id, requested_at, delivery, doc)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (ack_id) DO UPDATE SET delivery = excluded.delivery, doc = excluded.doc`,
    );
    this.insertNote = db.prepare(
      `INSERT INTO alert_actions (site_id, alert_id, at, what, actor, source, comment, ack_id, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // The latest action per open alert, and every pending one.
    this.select = db.prepare(
      `SELECT doc FROM ack_outbox o
       WHERE delivery = 'pending'
          OR (requested_at = (SELECT max(requested_at) FROM ack_outbox l
                              WHERE l.site_id = o.site_id AND l.alert_id = o.alert_id)
              AND EXISTS (SELECT 1 FROM alerts a WHERE a.site_id = o.site_id
                          AND a.id = o.alert_id AND a.cleared_at IS NULL))
       ORDER BY requested_at, rowid`,
    );
  }

  load(): TechnicianAction[] {
    const actions: TechnicianAction[] = [];
    for (const row of this.select.all() as { doc: string }[]) {
      // Written by this code, but a file can be edited: a row that does not read is skipped.
      const parsed = readStoredDoc(TechnicianAction, row.doc);
      if (parsed !== null) actions.push(parsed);
    }
    return actions;
  }

  record(action: TechnicianAction, note: ActionNote): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.upsert.run(
        action.ackId,
        action.siteId,
        action.alertId,
        storedTime(action.requestedAt),
        action.delivery,
        JSON.stringify(action),
      );
      this.writeNote(note);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  note(note: ActionNote): void {
    this.writeNote(note);
  }

  notes(notes: readonly ActionNote[]): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const note of notes) this.writeNote(note);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private writeNote(note: ActionNote): void {
    this.insertNote.run(
      note.siteId,
      note.alertId,
      storedTime(note.at),
      note.what,
      note.actor,
      note.source,
      note.comment,
      note.ackId,
      note.detail,
    );
  }
}
