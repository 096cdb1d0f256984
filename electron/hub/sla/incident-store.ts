import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { readStoredDoc } from '../store/stored-doc.js';
import { Incident } from '../../../shared/sla/incident.js';
import { storedTime } from '../store/write-statements.js';

/** A line of an incident's timeline. */
export interface IncidentEvent {
  readonly incidentId: string;
  readonly at: number;
  /** opened, responded, paused, resumed, resolved, reopened, priority, warning, breach. */
  readonly what: string;
  /** The technician, or "hub". */
  readonly actor: string;
  readonly detail: string;
}

/** Where incidents are kept: the store (durable), or memory for a hub without one. */
export interface IncidentStore {
  /** Every open incident, and those resolved since `resolvedSince` (they may reopen). */
  load(resolvedSince: number): Incident[];
  /** The incidents as they are now, with the timeline lines that say why, in one transaction. */
  saveAll(changes: readonly { incident: Incident; events: readonly IncidentEvent[] }[]): void;
  /** The hub no longer holds it (resolved past its window): a memory store lets it go. */
  forget?(id: string): void;
  /** Incidents opened in [from, to), for compliance reports, at most `limit`. */
  openedBetween(from: number, to: number, limit: number): Incident[];
  /** The incident's timeline, oldest first, at most `limit` lines. */
  timeline(incidentId: string, limit: number): IncidentEvent[];
}

export class MemoryIncidentStore implements IncidentStore {
  private readonly incidents = new Map<string, Incident>();
  /** The latest timeline lines (tests). */
  readonly events: IncidentEvent[] = [];

  load(resolvedSince: number): Incident[] {
    return [...this.incidents.values()].filter(
      (incident) => incident.resolvedAt === null || incident.resolvedAt >= resolvedSince,
    );
  }

  saveAll(changes: readonly { incident: Incident; events: readonly IncidentEvent[] }[]): void {
    for (const { incident, events } of changes) {
      this.incidents.set(incident.id, incident);
      this.events.push(...events);
    }
    if (this.events.length > 2000) this.events.splice(0, this.events.length - 1000);
  }

  /** Memory stays bounded: what the hub lets go, this lets go too. */
  forget(id: string): void {
    this.incidents.delete(id);
  }

  openedBetween(from: number, to: number, limit: number): Incident[] {
    return [...this.incidents.values()]
      .filter((i) => i.openedAt >= from && i.openedAt < to)
      .slice(0, limit);
  }

  /** What memory still holds of it (the latest lines of all incidents are kept). */
  timeline(incidentId: string, limit: number): IncidentEvent[] {
    return this.events.filter((event) => event.incidentId === incidentId).slice(0, limit);
  }
}

export class SqliteIncidentStore implements IncidentStore {
  private readonly upsert: StatementSync;
  private readonly insertEvent: StatementSync;
  private readonly select: StatementSync;
  private readonly opened: StatementSync;
  private readonly lines: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.lines = db.prepare(
      `SELECT incident_id, at, what, actor, detail FROM incident_events
       WHERE incident_id = ? ORDER BY at, row_id LIMIT ?`,
    );
    this.upsert = db.prepare(
      `INSERT INTO incidents (id, site_id, customer, opened_at, resolved_at, doc)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET resolved_at = excluded.resolved_at, doc = excluded.doc`,
    );
    this.insertEvent = db.prepare(
      `INSERT INTO incident_events (incident_id, at, what, actor, detail) VALUES (?, ?, ?, ?, ?)`,
    );
    this.select = db.prepare(
      `SELECT id, doc FROM incidents WHERE resolved_at IS NULL OR resolved_at >= ? ORDER BY opened_at`,
    );
    this.opened = db.prepare(
      'SELECT id, doc FROM incidents WHERE opened_at >= ? AND opened_at < ? ORDER BY opened_at LIMIT ?',
    );
  }

  load(resolvedSince: number): Incident[] {
    const incidents: Incident[] = [];
    for (const row of this.select.all(storedTime(resolvedSince)) as {
      id: string;
      doc: string;
    }[]) {
      // Written by this code; a row edited into something unreadable is skipped, and said.
      const parsed = readStoredDoc(Incident, row.doc);
      if (parsed !== null) incidents.push(parsed);
      else console.error(`hub: stored SLA incident ${row.id} does not read; left out`);
    }
    return incidents;
  }

  openedBetween(from: number, to: number, limit: number): Incident[] {
    const rows = this.opened.all(storedTime(from), storedTime(to), limit) as {
      id: string;
      doc: string;
    }[];
    return rows.flatMap((row) => {
      const parsed = readStoredDoc(Incident, row.doc);
      return parsed === null ? [] : [parsed];
    });
  }

  timeline(incidentId: string, limit: number): IncidentEvent[] {
    const rows = this.lines.all(incidentId, limit) as {
      incident_id: string;
      at: number;
      what: string;
      actor: string;
      detail: string;
    }[];
    return rows.map((row) => ({
      incidentId: row.incident_id,
      at: row.at,
      what: row.what,
      actor: row.actor,
      detail: row.detail,
    }));
  }

  saveAll(changes: readonly { incident: Incident; events: readonly IncidentEvent[] }[]): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const { incident, events } of changes) {
        this.upsert.run(
          incident.id,
          incident.siteId,
          incident.customer,
          storedTime(incident.openedAt),
          incident.resolvedAt === null ? null : storedTime(incident.resolvedAt),
          JSON.stringify(incident),
        );
        for (const event of events) {
          this.insertEvent.run(
            event.incidentId,
            storedTime(event.at),
            event.what,
            event.actor,
            event.detail,
          );
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
