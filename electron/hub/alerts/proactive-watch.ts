import { diskFullId, MAX_WARNED_DEVICE_ID } from '../../../shared/alerts/hub-alerts.js';
import { forecast, type Sample } from '../../../shared/alerts/trend.js';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { FleetState } from '../fleet/fleet-state.js';

export interface ProactiveOptions {
  /** How often each device's disk is read (default 15 min). */
  readonly sampleMs: number;
  /** The trend is fitted over this long (default 24 h). */
  readonly windowMs: number;
  /** Warn when the disk is predicted full sooner than this (default 7 days). */
  readonly warnWithinMs: number;
}

export const DEFAULT_PROACTIVE: ProactiveOptions = {
  sampleMs: 15 * 60_000,
  windowMs: 24 * 3_600_000,
  warnWithinMs: 7 * 86_400_000,
};

/** A forecast must hold this share longer than the threshold before the warning clears. */
const CLEAR_MARGIN = 1.25;
/** Samples needed before a trend is trusted. */
const MIN_SAMPLES = 4;
/** Readings kept per device at most, whatever the window and the interval. */
const MAX_READINGS = 1_000;

export { diskFullId };

const DAY = 86_400_000;

function describeSpan(ms: number): string {
  if (ms < 3_600_000) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 2 * DAY) return `${Math.round(ms / 3_600_000)} h`;
  return `${(ms / DAY).toFixed(1)} days`;
}

/**
 * One device's readings in the window, in two typed arrays used as a ring: 16 bytes a reading
 * (a 10,000-device fleet over 24 h read every 15 min: about 15 MB), not an object each.
 */
class Readings {
  private readonly at: Float64Array;
  private readonly value: Float64Array;
  private start = 0;
  private size = 0;

  constructor(capacity: number) {
    this.at = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
  }

  /** Adds a reading; drops the oldest beyond capacity and those older than `since`. */
  push(at: number, value: number, since: number): void {
    const capacity = this.at.length;
    const end = (this.start + this.size) % capacity;
    this.at[end] = at;
    this.value[end] = value;
    if (this.size < capacity) this.size++;
    else this.start = (this.start + 1) % capacity;
    while (this.size > 0 && (this.at[this.start] ?? since) < since) {
      this.start = (this.start + 1) % capacity;
      this.size--;
    }
  }

  samples(): Sample[] {
    const out: Sample[] = [];
    for (let i = 0; i < this.size; i++) {
      const k = (this.start + i) % this.at.length;
      out.push({ at: this.at[k] ?? 0, value: this.value[k] ?? 0 });
    }
    return out;
  }
}

/**
 * Proactive warnings: the reason MSPs monitor is to know a disk fills days before it does. The
 * hub reads every device's disk on a timer, keeps the readings of the trend window, fits a line
 * (shared/alerts/trend.ts) and, when the line reaches 100 % sooner than the threshold, raises an
 * alert of its own on the device (severity warning, the ETA in its title and detail), updated as
 * the estimate moves and cleared when the trend recovers (with a margin, so it does not flap).
 * The alert is the fleet's like a site's: listed, folded, acknowledged (on this dashboard).
 */
export class ProactiveWatch {
  /** `siteId \0 deviceId` → the disk readings in the window. */
  private readonly readings = new Map<string, Readings>();
  private timer: TimerHandle | null = null;
  private disposed = false;

  constructor(
    private readonly fleet: Pick<FleetState, 'sites' | 'modelOf' | 'setHubAlert' | 'hubAlert'>,
    private readonly clock: Clock,
    private readonly options: ProactiveOptions = DEFAULT_PROACTIVE,
  ) {}

  get openResources(): number {
    return this.timer ? 1 : 0;
  }

  start(): void {
    if (this.timer === null) this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One round now, every site at once: read, fit, warn or clear (tests). */
  sample(): void {
    for (const site of this.fleet.sites()) this.sampleSite(site.id);
  }

  /**
   * One site's devices: read, fit, warn or clear. The timer runs a round a site per turn of the
   * event loop: a round over 10,000 devices at once held the hub for about 20 ms (44 at worst).
   */
  private sampleSite(siteId: string): void {
    const model = this.fleet.modelOf(siteId);
    if (!model) return;
    const now = this.clock.now();
    const seen = new Set<string>();
    for (const device of model.devices.values()) {
      const disk = device.metrics.disk;
      if (disk === undefined || device.id.length > MAX_WARNED_DEVICE_ID) continue;
      const key = `${siteId}\0${device.id}`;
      seen.add(key);
      let readings = this.readings.get(key);
      if (!readings) {
        const capacity = Math.ceil(this.options.windowMs / this.options.sampleMs) + 1;
        readings = new Readings(Math.max(MIN_SAMPLES, Math.min(capacity, MAX_READINGS)));
        this.readings.set(key, readings);
      }
      readings.push(now, disk, now - this.options.windowMs);
      this.judge(siteId, device.id, device.name, readings.samples(), now);
    }
    // The site's devices gone: their readings go too (bounded by the fleet).
    // A device gone, or no longer reporting its disk: no readings, and no warning left behind.
    for (const key of this.readings.keys()) {
      if (!key.startsWith(`${siteId}\0`) || seen.has(key)) continue;
      this.readings.delete(key);
      const id = diskFullId(key.slice(siteId.length + 1));
      if (this.fleet.hubAlert(siteId, id)) this.fleet.setHubAlert(siteId, id, null);
    }
  }

  private judge(siteId: string, deviceId: string, name: string, list: Sample[], now: number) {
    const id = diskFullId(deviceId);
    const held = this.fleet.hubAlert(siteId, id);
    const estimate = list.length >= MIN_SAMPLES ? forecast(list, now) : null;
    const etaMs = estimate?.fullAt == null ? Infinity : estimate.fullAt - now;
    const warn = etaMs <= this.options.warnWithinMs;
    const clear = etaMs > this.options.warnWithinMs * CLEAR_MARGIN;
    if (!held && !warn) return;
    // Too few readings (a device back after a gap) says nothing: a warning held stays.
    if (held && estimate !== null && clear) {
      this.fleet.setHubAlert(siteId, id, null);
      return;
    }
    if (!estimate || estimate.fullAt === null) return;
    const fullAt = new Date(estimate.fullAt).toISOString().slice(0, 16).replace('T', ' ');
    const alert: Alert = {
      id,
      deviceId,
      check: 'hub:disk-full',
      severity: 'warning',
      title: `Disk on ${name} predicted full in ${describeSpan(etaMs)}`,
      detail:
        `At ${estimate.now.toFixed(1)} % and rising ${estimate.perDay.toFixed(2)} % a day ` +
        `over the last ${describeSpan(now - (list[0]?.at ?? now))}: full about ${fullAt} UTC.`,
      raisedAt: held?.raisedAt ?? now,
      updatedAt: now,
      ack: held?.ack ?? null,
    };
    this.fleet.setHubAlert(siteId, id, alert);
  }

  private schedule(): void {
    if (this.disposed) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.step(
        this.fleet.sites().map((site) => site.id),
        0,
      );
    }, this.options.sampleMs);
  }

  /** The round's site `index`, then the next one on a later turn; the next round after the last. */
  private step(siteIds: readonly string[], index: number): void {
    if (this.disposed) return;
    const siteId = siteIds[index];
    if (siteId === undefined) {
      this.schedule();
      return;
    }
    this.sampleSite(siteId);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.step(siteIds, index + 1);
    }, 0);
  }
}
