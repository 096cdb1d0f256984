import { isHubAlert } from '../../../shared/alerts/hub-alerts.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { SiteModel } from '../../../shared/site-model/site-model.js';
import type { BrokenSites, EventsOp, ModelOf, SnapshotOp, WriteOp } from './write-ops.js';
import { DirtyDevices } from './dirty-devices.js';
import { writeHubAlert } from './hub-alert-history.js';
import { storedTime, type WriteStatements } from './write-statements.js';

type SampleEvent = Extract<SiteEvent, { type: 'metric.sample' }>;

/** What one slice wrote, for the writer's bookkeeping once it has committed. */
export interface SliceResult {
  /** Ops at the head of the queue finished by this slice. */
  completed: number;
  /** Samples written, to add into the open minutes once committed. */
  readonly samples: { siteId: string; event: SampleEvent }[];
  /** Events the store already held (same site, stream and seq): not written twice. */
  duplicates: number;
  /** Events written. */
  written: number;
  /** The earliest minute of the samples written (as the rollups will count them), or null. */
  samplesFrom: number | null;
}

/**
 * Writes the head of the queue, in order, until `budget` rows have been written: one slice,
 * run by the writer inside one transaction. Devices are written as the hub's model holds them
 * when the slice runs (once per slice however many events touched them); alerts, timelines and
 * raw events as the site sent them.
 */
export class WriteSlice {
  private budget = 0;
  private result: SliceResult = {
    completed: 0,
    samples: [],
    duplicates: 0,
    written: 0,
    samplesFrom: null,
  };
  /** Site → devices touched in this slice, written at its end. */
  private touched = new Map<string, Set<string>>();

  constructor(
    private readonly sql: WriteStatements,
    private readonly modelOf: ModelOf,
    private readonly now: number,
    /** Sites that lost queued events: their position stays dropped until a later snapshot. */
    private readonly broken: BrokenSites,
    /** When the slice must stop, on `elapsed`'s clock (ms), however few rows it wrote. */
    private readonly deadline = Infinity,
    private readonly elapsed: () => number = () => 0,
    /** Devices behind only by samples: marked here, written when `flushDirty`. */
    private readonly dirty = new DirtyDevices(),
    private readonly flushDirty = false,
  ) {}

  /** Dirty devices this slice took to write (marked again by the writer if it fails). */
  taken: [string, string][] = [];

  /** Whether the slice may write another row: rows and time both left. */
  private room(): boolean {
    return this.budget > 0 && this.elapsed() < this.deadline;
  }

  run(ops: readonly WriteOp[], budget: number): SliceResult {
    this.budget = budget;
    if (this.flushDirty) this.writeDirty();
    for (const op of ops) {
      if (!this.room()) break;
      if (!this.step(op)) break;
      this.result.completed++;
    }
    this.writeTouched();
    return this.result;
  }

  /** Writes as much of the op as the budget allows; true when it is finished. */
  private step(op: WriteOp): boolean {
    switch (op.kind) {
      case 'site':
        this.sql.putSite(op.row, this.now);
        this.budget--;
        return true;
      case 'confirmed':
        this.sql.confirmStream(op.siteId, op.stream, op.seq, op.at);
        this.budget--;
        return true;
      case 'snapshot':
        return this.snapshot(op);
      case 'events':
        return this.events(op);
      case 'hub-alert': {
        const model = this.modelOf(op.siteId);
        const deviceId = op.alert?.deviceId ?? null;
        const name = deviceId === null ? '' : (model?.devices.get(deviceId)?.name ?? '');
        const rows = writeHubAlert(this.sql, op, name);
        this.budget -= Math.max(1, rows);
        op.written = true;
        return true;
      }
    }
  }

  private events(op: EventsOp): boolean {
    const { siteId, stream, events } = op;
    while (op.cursor < events.length && this.room()) {
      const event = events[op.cursor++] as SiteEvent;
      this.event(siteId, stream, event);
    }
    if (this.broken.has(siteId)) {
      // Events before these were lost: no position (a restart asks for a snapshot), since a
      // replay from before the hole would rewrite newer rows with older ones.
      this.sql.dropStreamOf(siteId);
    } else if (op.cursor > 0) {
      const last = events[op.cursor - 1] as SiteEvent;
      this.sql.putStream(siteId, stream, last.seq, op.dataAt, this.now);
    }
    return op.cursor === events.length;
  }

  private event(siteId: string, stream: string, event: SiteEvent): void {
    this.budget--;
    switch (event.type) {
      case 'device.upsert':
      case 'device.remove':
      case 'metric.sample': {
        const deviceId = event.type === 'device.upsert' ? event.device.id : event.deviceId;
        if (!this.sql.putDeviceEvent(siteId, stream, event, deviceId)) {
          this.result.duplicates++;
          return;
        }
        this.result.written++;
        if (event.type !== 'metric.sample') {
          this.touch(siteId, deviceId);
          this.dirty.forget(siteId, deviceId);
          return;
        }
        // Rolled up only for devices the hub holds (not ones a budget refused); its row is
        // written with the next flush of dirty devices, unless this slice writes it anyway.
        const held = this.modelOf(siteId)?.devices.has(deviceId) === true;
        if (held) {
          this.result.samples.push({ siteId, event });
          const minute = Math.floor(Math.min(event.at, this.now) / 60_000) * 60_000;
          if (this.result.samplesFrom === null || minute < this.result.samplesFrom) {
            this.result.samplesFrom = minute;
          }
        }
        if (this.touched.get(siteId)?.has(deviceId) !== true) this.dirty.mark(siteId, deviceId);
        return;
      }
      case 'alert.raise':
      case 'alert.update':
      case 'alert.clear':
        this.alertEvent(siteId, stream, event);
    }
  }

  private alertEvent(
    siteId: string,
    stream: string,
    event: Extract<SiteEvent, { type: `alert.${string}` }>,
  ): void {
    const alertId = event.type === 'alert.clear' ? event.alertId : event.alert.id;
    // A site's event on one of the hub's ids is refused by the fleet (fleet-entry.ts); stored,
    // it would rewrite or close the hub's own alert in the history. Not stored.
    if (isHubAlert(alertId)) return;
    const { seq, at, type } = event;
    const doc = JSON.stringify(event);
    const entry = { siteId, stream, seq, at, type, alertId, source: 'site' as const, doc };
    if (!this.sql.putAlertEvent(entry)) {
      this.result.duplicates++;
      return;
    }
    this.result.written++;
    this.budget--;
    if (event.type === 'alert.clear') this.sql.clearAlert(siteId, alertId, at);
    else this.putAlert(siteId, event.alert);
  }

  private putAlert(siteId: string, alert: Alert): void {
    const model = this.modelOf(siteId);
    const device = alert.deviceId === null ? undefined : model?.devices.get(alert.deviceId);
    this.sql.putAlert(siteId, alert, device?.name ?? '');
  }

  private snapshot(op: SnapshotOp): boolean {
    const { siteId } = op;
    const model = this.modelOf(siteId);
    if (op.phase === 'clear') {
      this.sql.dropStreamOf(siteId);
      const limit = Math.max(1, this.budget);
      const removed = this.sql.removeDevices(siteId, limit);
      this.budget -= Math.max(1, removed);
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
    this.budget--;
    return true;
  }

  private startDevices(op: SnapshotOp, model: SiteModel | undefined): void {
    op.phase = 'devices';
    op.ids = model ? [...model.devices.keys()] : [];
    op.cursor = 0;
  }

  private snapshotDevices(op: SnapshotOp, model: SiteModel | undefined): boolean {
    const ids = op.ids ?? [];
    while (op.cursor < ids.length && this.room()) {
      const id = ids[op.cursor++] as string;
      const device = model?.devices.get(id);
      if (device) this.sql.putDevice(op.siteId, id, JSON.stringify(device));
      this.budget--;
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
    while (op.cursor < snapshot.alerts.length && this.room()) {
      const alert = snapshot.alerts[op.cursor++] as Alert;
      // As for events: a site's alert on one of the hub's ids is not the site's to store.
      if (isHubAlert(alert.id)) {
        this.budget--;
        continue;
      }
      seen.add(alert.id);
      const stored = this.sql.storedAlert(siteId, alert.id);
      this.budget--;
      if (stored?.open === true && stored.updatedAt === storedTime(alert.updatedAt)) continue;
      const type = stored?.open === true ? 'alert.update' : 'alert.raise';
      this.snapshotEntry(op, type, alert.id, { alert });
      this.putAlert(siteId, alert);
      this.budget -= 2;
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
    while (this.room()) {
      const page = this.sql.openAlertsAfter(siteId, op.after, Math.max(1, this.budget));
      this.budget--;
      if (page.length === 0) {
        op.phase = 'position';
        return true;
      }
      for (const id of page) {
        op.after = id;
        if (seen.has(id)) continue;
        this.snapshotEntry(op, 'alert.clear', id, { alertId: id });
        this.sql.clearAlert(siteId, id, snapshot.at);
        this.budget -= 2;
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

  private touch(siteId: string, deviceId: string): void {
    let ids = this.touched.get(siteId);
    if (ids === undefined) this.touched.set(siteId, (ids = new Set()));
    if (ids.has(deviceId)) return;
    ids.add(deviceId);
    this.budget--; // its row, written at the end of the slice
  }

  /** Half the slice at most for devices behind by samples, as the model holds them now. */
  private writeDirty(): void {
    this.taken = this.dirty.take(Math.max(1, Math.floor(this.budget / 2)));
    for (const [siteId, id] of this.taken) {
      const device = this.modelOf(siteId)?.devices.get(id);
      if (device) this.sql.putDevice(siteId, id, JSON.stringify(device));
      else this.sql.removeDevice(siteId, id);
      this.budget--;
    }
  }

  /** Each device touched in the slice, once, as the hub's model holds it now. */
  private writeTouched(): void {
    for (const [siteId, ids] of this.touched) {
      const devices = this.modelOf(siteId)?.devices;
      for (const id of ids) {
        const device = devices?.get(id);
        if (device) this.sql.putDevice(siteId, id, JSON.stringify(device));
        else this.sql.removeDevice(siteId, id);
      }
    }
    this.touched = new Map();
  }
}
