import { isHubAlert } from '../../../shared/alerts/hub-alerts.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { BrokenSites, EventsOp, ModelOf, WriteOp } from './write-ops.js';
import { putAlert } from './alert-row.js';
import { DirtyDevices } from './dirty-devices.js';
import { writeHubAlert } from './hub-alert-history.js';
import { SliceBudget } from './slice-budget.js';
import { SnapshotPhases } from './snapshot-phases.js';
import type { WriteStatements } from './write-statements.js';

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
  private readonly budget: SliceBudget;
  /** Snapshot ops, written phase by phase within the same budget. */
  private readonly snapshots: SnapshotPhases;
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
    deadline = Infinity,
    elapsed: () => number = () => 0,
    /** Devices behind only by samples: marked here, written when `flushDirty`. */
    private readonly dirty = new DirtyDevices(),
    private readonly flushDirty = false,
  ) {
    this.budget = new SliceBudget(deadline, elapsed);
    this.snapshots = new SnapshotPhases(sql, modelOf, now, broken, this.budget);
  }

  /** Dirty devices this slice took to write (marked again by the writer if it fails). */
  taken: [string, string][] = [];

  run(ops: readonly WriteOp[], budget: number): SliceResult {
    this.budget.rows = budget;
    if (this.flushDirty) this.writeDirty();
    for (const op of ops) {
      if (!this.budget.room()) break;
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
        this.budget.rows--;
        return true;
      case 'confirmed':
        this.sql.confirmStream(op.siteId, op.stream, op.seq, op.at);
        this.budget.rows--;
        return true;
      case 'snapshot':
        return this.snapshots.write(op);
      case 'events':
        return this.events(op);
      case 'hub-alert': {
        const model = this.modelOf(op.siteId);
        const deviceId = op.alert?.deviceId ?? null;
        const name = deviceId === null ? '' : (model?.devices.get(deviceId)?.name ?? '');
        const rows = writeHubAlert(this.sql, op, name);
        this.budget.rows -= Math.max(1, rows);
        op.written = true;
        return true;
      }
    }
  }

  private events(op: EventsOp): boolean {
    const { siteId, stream, events } = op;
    while (op.cursor < events.length && this.budget.room()) {
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
    this.budget.rows--;
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
    this.budget.rows--;
    if (event.type === 'alert.clear') this.sql.clearAlert(siteId, alertId, at);
    else putAlert(this.sql, this.modelOf, siteId, event.alert);
  }

  private touch(siteId: string, deviceId: string): void {
    let ids = this.touched.get(siteId);
    if (ids === undefined) this.touched.set(siteId, (ids = new Set()));
    if (ids.has(deviceId)) return;
    ids.add(deviceId);
    this.budget.rows--; // its row, written at the end of the slice
  }

  /** Half the slice at most for devices behind by samples, as the model holds them now. */
  private writeDirty(): void {
    this.taken = this.dirty.take(Math.max(1, Math.floor(this.budget.rows / 2)));
    for (const [siteId, id] of this.taken) {
      const device = this.modelOf(siteId)?.devices.get(id);
      if (device) this.sql.putDevice(siteId, id, JSON.stringify(device));
      else this.sql.removeDevice(siteId, id);
      this.budget.rows--;
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
