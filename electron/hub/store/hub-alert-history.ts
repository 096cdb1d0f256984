import type { DatabaseSync } from 'node:sqlite';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { HubAlertOp } from './write-ops.js';
import { storedTime, type WriteStatements } from './write-statements.js';

/**
 * The hub's own alerts in the store's alert history (docs/storage.md): a row in `alerts` like a
 * site's, and timeline entries in `alert_events` with source 'hub', stream HUB_STREAM and seq 0
 * (the hub numbers nothing; entries keep their order by time and row). Each entry's doc has the
 * shape of the site event it stands for, so the timeline reads both alike; `note` says why the
 * hub closed one itself.
 */
export const HUB_STREAM = 'hub';

/** Why an entry was written other than as the alert changed: a restart closing what was open. */
export const RESTART_NOTE = 'closed when the hub restarted; raised again if still true';

export type HubAlertDoc =
  | { seq: 0; at: number; type: 'alert.raise' | 'alert.update'; alert: Alert }
  | { seq: 0; at: number; type: 'alert.clear'; alertId: string; note?: string };

export function hubAlertDoc(
  type: 'alert.raise' | 'alert.update' | 'alert.clear',
  id: string,
  alert: Alert | null,
  at: number,
  note?: string,
): HubAlertDoc {
  if (type === 'alert.clear' || alert === null) {
    return { seq: 0, at, type: 'alert.clear', alertId: id, ...(note ? { note } : {}) };
  }
  return { seq: 0, at, type, alert };
}

/**
 * At start, the hub's alerts still open in the store are closed at `now`, each with an entry
 * saying so: the hub that raised them is gone, and its watchers raise again, from what they see,
 * those still true (a site still unreachable, a disk still filling). One transaction; the count.
 */
export function closeHubAlerts(db: DatabaseSync, now: number): number {
  const open = db
    .prepare(
      `SELECT site_id, id FROM alerts WHERE cleared_at IS NULL AND substr(id, 1, 4) = 'hub:'`,
    )
    .all() as { site_id: string; id: string }[];
  if (open.length === 0) return 0;
  const at = storedTime(now);
  const entry = db.prepare(
    `INSERT INTO alert_events (site_id, stream, seq, at, type, alert_id, source, doc)
     VALUES (?, ?, 0, ?, 'alert.clear', ?, 'hub', ?)`,
  );
  const clear = db.prepare(
    'UPDATE alerts SET cleared_at = ? WHERE site_id = ? AND id = ? AND cleared_at IS NULL',
  );
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const row of open) {
      const doc = hubAlertDoc('alert.clear', row.id, null, at, RESTART_NOTE);
      entry.run(row.site_id, HUB_STREAM, at, row.id, JSON.stringify(doc));
      clear.run(at, row.site_id, row.id);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
  return open.length;
}

/**
 * Writes one of the hub's alert changes (a writer's op): an entry and the alert's row, unless
 * the store already has it as it is (a fleet change that did not change the alert, or a clear of
 * one not open); a change of its detail alone updates the row without an entry. Rows written.
 */
export function writeHubAlert(sql: WriteStatements, op: HubAlertOp, deviceName: string): number {
  const { siteId, id, alert, at } = op;
  const stored = sql.storedAlertDoc(siteId, id);
  const open = stored !== undefined && stored.open;
  if (alert === null) {
    if (!open) return 0;
    putEntry(sql, op, hubAlertDoc('alert.clear', id, null, at));
    sql.clearAlert(siteId, id, at);
    return 2;
  }
  if (open && stored.doc === JSON.stringify(alert)) return 0;
  // Only its detail changed (a forecast's figures, each round): the row follows, the timeline
  // does not, or a warning open for weeks would fill it with rounds.
  if (open && sameFacts(stored.doc, alert)) {
    sql.putAlert(siteId, alert, deviceName);
    return 1;
  }
  putEntry(sql, op, hubAlertDoc(open ? 'alert.update' : 'alert.raise', id, alert, at));
  sql.putAlert(siteId, alert, deviceName);
  return 2;
}

/** What a timeline entry is for: its severity, title, device and acknowledgement. */
function facts(alert: Pick<Alert, 'severity' | 'title' | 'deviceId' | 'ack'>): string {
  return JSON.stringify([alert.severity, alert.title, alert.deviceId, alert.ack]);
}

/** The stored alert (its JSON, written by this code) says the same as `alert`, but for detail. */
function sameFacts(storedDoc: string, alert: Alert): boolean {
  try {
    const stored = JSON.parse(storedDoc) as Alert;
    return facts(stored) === facts(alert);
  } catch {
    return false;
  }
}

function putEntry(sql: WriteStatements, op: HubAlertOp, doc: HubAlertDoc): void {
  sql.putAlertEvent({
    siteId: op.siteId,
    stream: HUB_STREAM,
    seq: 0,
    at: doc.at,
    type: doc.type,
    alertId: op.id,
    source: 'hub',
    doc: JSON.stringify(doc),
  });
}
