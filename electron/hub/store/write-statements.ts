import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Hello } from '../../../shared/protocol/messages.js';
import type { Rollup } from './rollup.js';

/**
 * A time as the store keeps it: whole milliseconds (the columns are STRICT INTEGER; a site may
 * send fractions), and no later than JavaScript counts exactly.
 */
export function storedTime(ms: number): number {
  return Math.min(Math.round(ms), Number.MAX_SAFE_INTEGER);
}

/** A site's row as the writer keeps it: the configured name and customer, and its hello. */
export interface SiteRow {
  readonly id: string;
  readonly name: string;
  readonly customer: string;
  readonly hello: Hello | null;
}

/**
 * The writer's statements, prepared once on the store's connection (raw SQL: Kysely compiles a
 * query per call, too slow for every event of every site). Each method is one row.
 */
export class WriteStatements {
  private readonly site: StatementSync;
  private readonly stream: StatementSync;
  private readonly dropStream: StatementSync;
  private readonly mark: StatementSync;
  private readonly confirm: StatementSync;
  private readonly device: StatementSync;
  private readonly dropDevice: StatementSync;
  private readonly dropDevices: StatementSync;
  private readonly alert: StatementSync;
  private readonly clear: StatementSync;
  private readonly openAlerts: StatementSync;
  private readonly alertState: StatementSync;
  private readonly alertDoc: StatementSync;
  private readonly alertEvent: StatementSync;
  private readonly deviceEvent: StatementSync;
  private readonly minute: StatementSync;
  private readonly hour: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.site = db.prepare(
      `INSERT INTO sites (id, name, customer, time_zone, updated_at, hello) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, customer = excluded.customer,
         time_zone = CASE WHEN excluded.hello IS NULL THEN time_zone ELSE excluded.time_zone END,
         hello = coalesce(excluded.hello, hello), updated_at = excluded.updated_at`,
    );
    this.stream = db.prepare(
      `INSERT INTO site_streams (site_id, stream, last_seq, updated_at, data_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (site_id) DO UPDATE SET stream = excluded.stream, last_seq = excluded.last_seq,
         updated_at = excluded.updated_at, data_at = excluded.data_at`,
    );
    this.dropStream = db.prepare('DELETE FROM site_streams WHERE site_id = ?');
    this.mark = db.prepare('UPDATE rollup_mark SET open_from = ? WHERE id = 1');
    this.confirm = db.prepare(
      'UPDATE site_streams SET data_at = ? WHERE site_id = ? AND stream = ? AND last_seq = ?',
    );
    this.device = db.prepare(
      `INSERT INTO devices (site_id, id, doc) VALUES (?, ?, ?)
       ON CONFLICT (site_id, id) DO UPDATE SET doc = excluded.doc`,
    );
    this.dropDevice = db.prepare('DELETE FROM devices WHERE site_id = ? AND id = ?');
    this.dropDevices = db.prepare(
      `DELETE FROM devices WHERE site_id = ?1 AND id IN
         (SELECT id FROM devices WHERE site_id = ?1 LIMIT ?2)`,
    );
    this.alert = db.prepare(
      `INSERT INTO alerts (site_id, id, device_id, device_name, check_name, severity, title,
         detail, raised_at, updated_at, cleared_at, ack_by, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
       ON CONFLICT (site_id, id) DO UPDATE SET device_id = excluded.device_id,
         device_name = excluded.device_name, check_name = excluded.check_name,
         severity = excluded.severity, title = excluded.title, detail = excluded.detail,
         raised_at = excluded.raised_at, updated_at = excluded.updated_at, cleared_at = NULL,
         ack_by = excluded.ack_by, doc = excluded.doc`,
    );
    this.clear = db.prepare(
      'UPDATE alerts SET cleared_at = ? WHERE site_id = ? AND id = ? AND cleared_at IS NULL',
    );
    this.alertState = db.prepare(
      'SELECT updated_at, cleared_at FROM alerts WHERE site_id = ? AND id = ?',
    );
    this.alertDoc = db.prepare('SELECT doc, cleared_at FROM alerts WHERE site_id = ? AND id = ?');
    // The site's own: the hub's alerts ("hub:…") are not the site's to clear by a snapshot.
    this.openAlerts = db.prepare(
      `SELECT id FROM alerts WHERE site_id = ? AND cleared_at IS NULL AND id > ?
         AND substr(id, 1, 4) <> 'hub:'
       ORDER BY id LIMIT ?`,
    );
    this.alertEvent = db.prepare(
      `INSERT OR IGNORE INTO alert_events (site_id, stream, seq, at, type, alert_id, source, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.deviceEvent = db.prepare(
      `INSERT OR IGNORE INTO device_events (site_id, stream, seq, at, type, device_id, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const rollup = (table: string) =>
      db.prepare(
        `INSERT INTO ${table} (site_id, device_id, metric, start, count, sum, min, max)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (site_id, device_id, metric, start) DO UPDATE SET
           count = count + excluded.count, sum = sum + excluded.sum,
           min = min(min, excluded.min), max = max(max, excluded.max)`,
      );
    this.minute = rollup('metric_minutes');
    this.hour = rollup('metric_hours');
  }

  /** Runs `work` in one transaction: all of it is written, or (on a throw) none of it. */
  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Sets where the rollups may be behind the samples (null: nowhere). */
  setRollupMark(openFrom: number | null): void {
    this.mark.run(openFrom === null ? null : storedTime(openFrom));
  }

  /** Copies the write-ahead log into the file (PASSIVE: never waits); the frames it held. */
  checkpoint(): number {
    const result = this.db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get();
    return Number(result?.log ?? 0);
  }

  putSite(row: SiteRow, now: number): void {
    const hello = row.hello === null ? null : JSON.stringify(row.hello);
    const zone = row.hello?.timeZone ?? '';
    this.site.run(row.id, row.name, row.customer, zone, storedTime(now), hello);
  }

  putStream(siteId: string, stream: string, seq: number, dataAt: number, now: number): void {
    this.stream.run(siteId, stream, seq, storedTime(now), storedTime(dataAt));
  }

  /** The data at the stored position is current as of `at` (only if the position is that). */
  confirmStream(siteId: string, stream: string, seq: number, at: number): void {
    this.confirm.run(storedTime(at), siteId, stream, seq);
  }

  /** Forgets where the hub is in the site's stream: a restart then asks for a snapshot. */
  dropStreamOf(siteId: string): void {
    this.dropStream.run(siteId);
  }

  putDevice(siteId: string, id: string, doc: string): void {
    this.device.run(siteId, id, doc);
  }

  removeDevice(siteId: string, id: string): void {
    this.dropDevice.run(siteId, id);
  }

  /** Deletes up to `limit` of the site's devices; the number deleted (0 once none remain). */
  removeDevices(siteId: string, limit: number): number {
    return Number(this.dropDevices.run(siteId, limit).changes);
  }

  putAlert(siteId: string, alert: Alert, deviceName: string): void {
    this.alert.run(
      siteId,
      alert.id,
      alert.deviceId,
      deviceName,
      alert.check,
      alert.severity,
      alert.title,
      alert.detail,
      storedTime(alert.raisedAt),
      storedTime(alert.updatedAt),
      alert.ack?.technician ?? null,
      JSON.stringify(alert),
    );
  }

  /** Marks an open alert cleared; false when it was not open. */
  clearAlert(siteId: string, id: string, at: number): boolean {
    return Number(this.clear.run(storedTime(at), siteId, id).changes) > 0;
  }

  /** When a stored alert was last updated, and whether it is open; undefined if never seen. */
  storedAlert(siteId: string, id: string): { updatedAt: number; open: boolean } | undefined {
    const row = this.alertState.get(siteId, id);
    if (row === undefined) return undefined;
    return { updatedAt: Number(row.updated_at), open: row.cleared_at === null };
  }

  /** A stored alert's JSON and whether it is open (the hub's alerts: an ack changes only it). */
  storedAlertDoc(siteId: string, id: string): { doc: string; open: boolean } | undefined {
    const row = this.alertDoc.get(siteId, id);
    if (row === undefined) return undefined;
    return { doc: String(row.doc), open: row.cleared_at === null };
  }

  /** Up to `limit` of the site's open alert ids after `after`, in id order (a keyset page). */
  openAlertsAfter(siteId: string, after: string, limit: number): string[] {
    return this.openAlerts.all(siteId, after, limit).map((row) => String(row.id));
  }

  /** Stores a timeline entry; false when the store already holds its seq (nothing written). */
  putAlertEvent(entry: {
    siteId: string;
    stream: string;
    seq: number;
    at: number;
    type: string;
    alertId: string;
    source: 'site' | 'snapshot' | 'hub';
    doc: string;
  }): boolean {
    const { siteId, stream, seq, at, type, alertId, source, doc } = entry;
    return (
      Number(
        this.alertEvent.run(siteId, stream, seq, storedTime(at), type, alertId, source, doc)
          .changes,
      ) > 0
    );
  }

  /** Stores a device event; false when the store already holds its seq (nothing written). */
  putDeviceEvent(siteId: string, stream: string, event: SiteEvent, deviceId: string): boolean {
    const doc = JSON.stringify(event);
    const { changes } = this.deviceEvent.run(
      siteId,
      stream,
      event.seq,
      storedTime(event.at),
      event.type,
      deviceId,
      doc,
    );
    return Number(changes) > 0;
  }

  /** Adds a bucket into the stored one (or stores it): late samples merge, never replace. */
  addRollup(
    table: 'minute' | 'hour',
    key: { siteId: string; deviceId: string; metric: string },
    r: Rollup,
  ): void {
    const statement = table === 'minute' ? this.minute : this.hour;
    const start = storedTime(r.start);
    statement.run(key.siteId, key.deviceId, key.metric, start, r.count, r.sum, r.min, r.max);
  }
}
