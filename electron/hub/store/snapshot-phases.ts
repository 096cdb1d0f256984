import { isHubAlert } from '../../../shared/alerts/hub-alerts.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { SiteModel } from '../../../shared/site-model/site-model.js';
import { putAlert } from './alert-row.js';
import type { SliceBudget } from './slice-budget.js';
import type { BrokenSites, ModelOf, SnapshotOp } from './write-ops.js';
import { storedTime, type WriteStatements } from './write-statements.js';

/**
 * A snapshot op written in a slice (write-slice.ts), phase after phase as far as the slice's
 * budget goes: the site's devices cleared and rewritten, its alerts reconciled with the stored
 * ones, and its stream position written last (write-ops.ts).
 */
export class SnapshotPhases {
  constructor(
    private readonly sql: WriteStatements,
    private readonly modelOf: ModelOf,
    private readonly now: number,
    /** Sites that lost queued events: their position stays dropped until a later snapshot. */
    private readonly broken: BrokenSites,
    private readonly budget: SliceBudget,
  ) {}

  /** Writes as much of the snapshot as the budget allows; true when it is finished. */
  write(op: SnapshotOp): boolean {
    const { siteId } = op;
    const model = this.modelOf(siteId);
    if (op.phase === 'clear') {
      this.sql.dropStreamOf(siteId);
      const limit = Math.max(1, this.budget.rows);
      const removed = this.sql.removeDevices(siteId, limit);
      this.budget.rows -= Math.max(1, removed);
      if (removed === limit) return false; // there may be more
      this.startDevices(op, model);
    }
    if (op.phase === 'devices' && !this.snapshotDevices(op, model)) return false;
    if (op.phase === 'alerts' && !this.snapshotAlerts(op)) return false;
    if (op.phase === 'gone' && !this.snapshotGone(op)) return false;
    // The position last: only now is the site's stored state the snapshot's (or newer). Not if
    // a row of this snapshot (or anything queued after it) was lost.
    if ((this.broken.get(siteId) ?? -1) < op.serial) {
      this.sql.putStream(siteId, op.snapshot.stream, op.snapshot.seq, op.dataAt, this.now);
    }
    this.budget.rows--;
    return true;
  }

  private startDevices(op: SnapshotOp, model: SiteModel | undefined): void {
    op.phase = 'devices';
    op.ids = model ? [...model.devices.keys()] : [];
    op.cursor = 0;
  }

  private snapshotDevices(op: SnapshotOp, model: SiteModel | undefined): boolean {
    const ids = op.ids ?? [];
    while (op.cursor < ids.length && this.budget.room()) {
      const id = ids[op.cursor++] as string;
      const device = model?.devices.get(id);
      if (device) this.sql.putDevice(op.siteId, id, JSON.stringify(device));
      this.budget.rows--;
    }
    if (op.cursor < ids.length) return false;
    op.phase = 'alerts';
    op.seen = new Set();
    op.cursor = 0;
    return true;
  }

  /**
   * The snapshot's alerts become the site's open ones: an alert new or changed since the store
   * last saw it gets a timeline entry from the snapshot, at its seq. A row read per alert, so a
   * slice stays bounded however many the site has.
   */
  private snapshotAlerts(op: SnapshotOp): boolean {
    const { siteId, snapshot } = op;
    const seen = op.seen ?? (op.seen = new Set());
    while (op.cursor < snapshot.alerts.length && this.budget.room()) {
      const alert = snapshot.alerts[op.cursor++] as Alert;
      // As for events: a site's alert on one of the hub's ids is not the site's to store.
      if (isHubAlert(alert.id)) {
        this.budget.rows--;
        continue;
      }
      seen.add(alert.id);
      const stored = this.sql.storedAlert(siteId, alert.id);
      this.budget.rows--;
      if (stored?.open === true && stored.updatedAt === storedTime(alert.updatedAt)) continue;
      const type = stored?.open === true ? 'alert.update' : 'alert.raise';
      this.snapshotEntry(op, type, alert.id, { alert });
      putAlert(this.sql, this.modelOf, siteId, alert);
      this.budget.rows -= 2;
    }
    if (op.cursor < snapshot.alerts.length) return false;
    op.phase = 'gone';
    op.after = '';
    return true;
  }

  /**
   * Stored open alerts the snapshot does not have were cleared while the hub was not looking:
   * cleared at the snapshot's time, with an entry saying so. A page of ids per step.
   */
  private snapshotGone(op: SnapshotOp): boolean {
    const { siteId, snapshot } = op;
    const seen = op.seen ?? new Set<string>();
    while (this.budget.room()) {
      const page = this.sql.openAlertsAfter(siteId, op.after, Math.max(1, this.budget.rows));
      this.budget.rows--;
      if (page.length === 0) {
        op.phase = 'position';
        return true;
      }
      for (const id of page) {
        op.after = id;
        if (seen.has(id)) continue;
        this.snapshotEntry(op, 'alert.clear', id, { alertId: id });
        this.sql.clearAlert(siteId, id, snapshot.at);
        this.budget.rows -= 2;
      }
    }
    return false;
  }

  /** A timeline entry the snapshot implies, shaped like the event the site would have sent. */
  private snapshotEntry(
    op: SnapshotOp,
    type: 'alert.raise' | 'alert.update' | 'alert.clear',
    alertId: string,
    body: object,
  ): void {
    const { seq, at, stream } = op.snapshot;
    const doc = JSON.stringify({ seq, at, type, ...body });
    this.sql.putAlertEvent({
      siteId: op.siteId,
      stream,
      seq,
      at,
      type,
      alertId,
      source: 'snapshot',
      doc,
    });
  }
}
