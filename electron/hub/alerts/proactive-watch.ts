import {
  FORECAST_METRICS,
  forecastId,
  type ForecastMetric,
} from '../../../shared/alerts/hub-alerts.js';
import { forecast, type Forecast, type Sample } from '../../../shared/alerts/trend.js';
import type { Clock } from '../../../shared/clock.js';
import type { FleetState } from '../fleet/fleet-state.js';
import { raiseHubAlert } from './raise-hub-alert.js';
import { ReadingsRing } from './readings-ring.js';
import { SiteRounds } from './site-rounds.js';
import { nameOrId } from '../../../shared/text/untrusted-text.js';

export interface ProactiveOptions {
  /** How often each device's disk and memory are read (default 15 min). */
  readonly sampleMs: number;
  /** The trend is fitted over this long (default 24 h). */
  readonly windowMs: number;
  /** Warn when the disk is predicted full sooner than this (default 7 days). */
  readonly warnWithinMs: number;
  /** Warn when memory is predicted exhausted sooner than this (default 3 days). */
  readonly memoryWarnWithinMs: number;
}

export const DEFAULT_PROACTIVE: ProactiveOptions = {
  sampleMs: 15 * 60_000,
  windowMs: 24 * 3_600_000,
  warnWithinMs: 7 * 86_400_000,
  memoryWarnWithinMs: 3 * 86_400_000,
};

/**
 * The store's history of a device metric, to start a trend from after a restart rather than
 * wait for new readings: hourly means (the store's hour rollups), oldest first.
 */
export interface TrendHistory {
  hourly(siteId: string, deviceId: string, metric: ForecastMetric, since: number): Sample[];
}

/** A forecast must hold this share longer than the threshold before the warning clears. */
const CLEAR_MARGIN = 1.25;
/** Samples needed before a trend is trusted. */
const MIN_SAMPLES = 4;
/** Readings kept per device metric at most, whatever the window and the interval. */
const MAX_READINGS = 1_000;
/**
 * Memory must rise steadily to be forecast: a server's daily cycle fitted over one day leans one
 * way (±5 % a day reads as up to 9.5 % a day) yet explains little of its readings (R² about
 * 0.6); a leak explains most. Disks do not cycle: any rise counts.
 */
const MIN_MEMORY_R2 = 0.9;
/**
 * ...and over most of a day: the rising quarter of a cycle, all a device new to the hub has, is
 * as straight as a leak.
 */
const MIN_MEMORY_SPAN = 0.75;
/** The first round after start: time for the sites to connect and send their snapshots. */
const FIRST_ROUND_MS = 60_000;

const DAY = 86_400_000;
/** The protocol's longest alert id: a device whose forecast id would be longer gets none. */
const MAX_ALERT_ID = 128;

const LABEL: Record<ForecastMetric, string> = { disk: 'Disk', memory: 'Memory' };

function describeSpan(ms: number): string {
  if (ms < 3_600_000) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 2 * DAY) return `${Math.round(ms / 3_600_000)} h`;
  return `${(ms / DAY).toFixed(1)} days`;
}

/**
 * Proactive warnings: the reason MSPs monitor is to know a disk fills days before it does. The
 * hub reads every device's disk and memory on a timer (a site per turn), keeps the readings of
 * the trend window (started from the store's hourly rollups when it has them), fits a line
 * (shared/alerts/trend.ts) and, when the line reaches 100 % sooner than the threshold, raises an
 * alert of its own on the device (severity warning, the ETA in its title and detail), updated as
 * the estimate moves and cleared when the trend recovers (with a margin, so it does not flap).
 * The alert is the fleet's like a site's: listed, folded, acknowledged (on this dashboard).
 */
export class ProactiveWatch {
  /** siteId → deviceId → metric → the readings in the window. */
  private readonly readings = new Map<string, Map<string, Map<ForecastMetric, ReadingsRing>>>();
  private readonly rounds: SiteRounds;

  constructor(
    private readonly fleet: Pick<FleetState, 'sites' | 'modelOf' | 'setHubAlert' | 'hubAlert'>,
    private readonly clock: Clock,
    private readonly options: ProactiveOptions = DEFAULT_PROACTIVE,
    private readonly history: TrendHistory | null = null,
  ) {
    this.rounds = new SiteRounds(
      clock,
      options.sampleMs,
      () => fleet.sites().map((site) => site.id),
      (siteId) => {
        this.sampleSite(siteId);
      },
      'proactive warnings',
      Math.min(FIRST_ROUND_MS, options.sampleMs),
    );
  }

  get openResources(): number {
    return this.rounds.openResources;
  }

  start(): void {
    this.rounds.start();
  }

  dispose(): void {
    this.rounds.dispose();
  }

  /** One round now, every site at once: read, fit, warn or clear (tests). */
  sample(): void {
    for (const site of this.fleet.sites()) this.sampleSite(site.id);
  }

  /** One site's devices: read, fit, warn or clear. */
  private sampleSite(siteId: string): void {
    const model = this.fleet.modelOf(siteId);
    if (!model) return;
    const now = this.clock.now();
    const since = now - this.options.windowMs;
    let site = this.readings.get(siteId);
    if (!site)
      this.readings.set(siteId, (site = new Map<string, Map<ForecastMetric, ReadingsRing>>()));
    for (const device of model.devices.values()) {
      let held = site.get(device.id);
      for (const metric of FORECAST_METRICS) {
        const value = device.metrics[metric];
        if (value === undefined || forecastId(metric, device.id).length > MAX_ALERT_ID) {
          // No longer reported: no readings, and no warning left behind.
          if (held?.delete(metric)) this.clear(siteId, metric, device.id);
          continue;
        }
        if (!held) site.set(device.id, (held = new Map<ForecastMetric, ReadingsRing>()));
        const readings = held.get(metric) ?? this.begin(held, siteId, device.id, metric);
        readings.push(now, value, since);
        this.judge(
          siteId,
          device.id,
          nameOrId(device.name, device.id),
          metric,
          readings.samples(),
          now,
        );
      }
    }
    // A device gone: its readings go, and its warnings with them.
    for (const [deviceId, held] of site) {
      if (model.devices.has(deviceId)) continue;
      site.delete(deviceId);
      for (const metric of held.keys()) this.clear(siteId, metric, deviceId);
    }
  }

  private clear(siteId: string, metric: ForecastMetric, deviceId: string): void {
    const id = forecastId(metric, deviceId);
    if (this.fleet.hubAlert(siteId, id)) this.fleet.setHubAlert(siteId, id, null);
  }

  /** A device metric's first reading: its ring, started from the store's hours in the window. */
  private begin(
    held: Map<ForecastMetric, ReadingsRing>,
    siteId: string,
    deviceId: string,
    metric: ForecastMetric,
  ): ReadingsRing {
    const capacity = Math.ceil(this.options.windowMs / this.options.sampleMs) + 1;
    let seeded: Sample[] = [];
    try {
      seeded = this.history?.hourly(siteId, deviceId, metric, this.since()) ?? [];
    } catch (error) {
      // The store could not be read (damaged, closed): the trend starts from the hub's readings.
      console.error(`hub: could not read ${metric} history of ${siteId}/${deviceId}:`, error);
    }
    const size = Math.max(MIN_SAMPLES, Math.min(capacity + seeded.length, MAX_READINGS));
    const readings = new ReadingsRing(size);
    for (const { at, value } of seeded) readings.push(at, value, this.since());
    held.set(metric, readings);
    return readings;
  }

  private since(): number {
    return this.clock.now() - this.options.windowMs;
  }

  private judge(
    siteId: string,
    deviceId: string,
    name: string,
    metric: ForecastMetric,
    list: Sample[],
    now: number,
  ): void {
    const id = forecastId(metric, deviceId);
    const within = metric === 'disk' ? this.options.warnWithinMs : this.options.memoryWarnWithinMs;
    const held = this.fleet.hubAlert(siteId, id);
    const estimate = list.length >= MIN_SAMPLES ? forecast(list, now) : null;
    // A memory trend that explains too little is a cycle, not a leak: as good as no rise.
    const span = (list[list.length - 1]?.at ?? 0) - (list[0]?.at ?? 0);
    const cycle =
      estimate !== null &&
      metric === 'memory' &&
      (estimate.r2 < MIN_MEMORY_R2 || span < MIN_MEMORY_SPAN * this.options.windowMs);
    const etaMs = cycle || estimate?.fullAt == null ? Infinity : estimate.fullAt - now;
    if (!held && etaMs > within) return;
    // Too few readings (a device back after a gap) says nothing: a warning held stays.
    if (held && estimate !== null && etaMs > within * CLEAR_MARGIN) {
      this.fleet.setHubAlert(siteId, id, null);
      return;
    }
    if (!estimate || estimate.fullAt === null) return;
    const title = `${LABEL[metric]} on ${name} predicted full in ${describeSpan(etaMs)}`;
    const detail = describeTrend(estimate, now - (list[0]?.at ?? now));
    const check = `hub:${metric}-full`;
    raiseHubAlert(
      this.fleet,
      siteId,
      { id, deviceId, check, severity: 'warning', title, detail },
      now,
    );
  }
}

function describeTrend(estimate: Forecast, overMs: number): string {
  const fullAt = new Date(estimate.fullAt ?? 0).toISOString().slice(0, 16).replace('T', ' ');
  return (
    `At ${estimate.now.toFixed(1)} % and rising ${estimate.perDay.toFixed(2)} % a day ` +
    `over the last ${describeSpan(overMs)}: full about ${fullAt} UTC.`
  );
}
