import {
  FORECAST_METRICS,
  forecastId,
  MAX_WARNED_DEVICE_ID,
  type ForecastMetric,
} from '../../../shared/alerts/hub-alerts.js';
import { forecast, type Forecast, type Sample } from '../../../shared/alerts/trend.js';
import type { Clock } from '../../../shared/clock.js';
import type { FleetState } from '../fleet/fleet-state.js';
import { raiseHubAlert } from './raise-hub-alert.js';
import { ReadingsRing } from './readings-ring.js';
import { SiteRounds } from './site-rounds.js';

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

const DAY = 86_400_000;

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
  /** `siteId \0 deviceId \0 metric` → the readings in the window. */
  private readonly readings = new Map<string, ReadingsRing>();
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
    const seen = new Set<string>();
    for (const device of model.devices.values()) {
      if (device.id.length > MAX_WARNED_DEVICE_ID) continue;
      for (const metric of FORECAST_METRICS) {
        const value = device.metrics[metric];
        if (value === undefined) continue;
        const key = `${siteId}\0${device.id}\0${metric}`;
        seen.add(key);
        const readings = this.readings.get(key) ?? this.begin(key, siteId, device.id, metric);
        readings.push(now, value, since);
        this.judge(siteId, device.id, device.name, metric, readings.samples(), now);
      }
    }
    // A device gone, or no longer reporting the metric: no readings, and no warning left behind.
    for (const key of this.readings.keys()) {
      if (!key.startsWith(`${siteId}\0`) || seen.has(key)) continue;
      this.readings.delete(key);
      const [, deviceId = '', metric = 'disk'] = key.split('\0');
      const id = forecastId(metric as ForecastMetric, deviceId);
      if (this.fleet.hubAlert(siteId, id)) this.fleet.setHubAlert(siteId, id, null);
    }
  }

  /** A device metric's first reading: its ring, started from the store's hours in the window. */
  private begin(key: string, siteId: string, deviceId: string, metric: ForecastMetric) {
    const capacity = Math.ceil(this.options.windowMs / this.options.sampleMs) + 1;
    const seeded = this.history?.hourly(siteId, deviceId, metric, this.since()) ?? [];
    const size = Math.max(MIN_SAMPLES, Math.min(capacity + seeded.length, MAX_READINGS));
    const readings = new ReadingsRing(size);
    for (const { at, value } of seeded) readings.push(at, value, this.since());
    this.readings.set(key, readings);
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
    const etaMs = estimate?.fullAt == null ? Infinity : estimate.fullAt - now;
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
