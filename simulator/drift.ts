import type { Device, DeviceKind, MetricName, Metrics } from '../shared/protocol/device.js';
import type { Rng } from './rng.js';
import { metricNamesFor } from './topology.js';

/**
 * How one device's metrics move: a mean-reverting random walk on top of the office load curve,
 * disks that only fill (until someone cleans up), rare CPU spikes and packet-loss bursts.
 */

const DAY = 86_400_000;

/** Extra CPU / memory points at full office load, by kind: desktops follow people, switches barely. */
const CPU_LOAD: Record<DeviceKind, number> = {
  gateway: 15,
  firewall: 20,
  switch: 8,
  'access-point': 20,
  server: 25,
  workstation: 30,
  printer: 3,
  other: 3,
};
const MEMORY_LOAD: Partial<Record<DeviceKind, number>> = { server: 8, workstation: 12 };

/** Smallest change worth a metric.sample: a calm site should send a modest stream, not noise. */
const MIN_CHANGE: Record<MetricName, number> = {
  cpu: 5,
  memory: 3,
  disk: 0.5,
  latency: 0.5,
  loss: 0.5,
};

export interface Drift {
  readonly kind: DeviceKind;
  readonly metrics: readonly MetricName[];
  /** Each metric at zero load with no walk; latency is multiplied rather than added to. */
  readonly base: Partial<Record<MetricName, number>>;
  readonly walk: Partial<Record<MetricName, number>>;
  /** Percent used; filled in continuous time so a day of ticks fills a day's worth. */
  disk: number;
  /** Percent per day; a test may set it (SimSite.setDiskFill). */
  diskPerDay: number;
  cpuSpikeTicks: number;
  lossTicks: number;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** Most disks creep; a few fill fast, which is what eventually raises disk alerts. */
function diskRate(rng: Rng): number {
  const r = rng.next();
  if (r < 0.75) return rng.float(0.1, 0.8);
  if (r < 0.95) return rng.float(1, 2);
  return rng.float(3, 6);
}

/**
 * Drift state for a device as it is now (new or restored from a journal): the load share is
 * taken out of the current values so the curve continues from where the device stands.
 */
export function createDrift(device: Device, load: number, rng: Rng): Drift {
  const { kind, metrics } = device;
  const names = metricNamesFor(kind);
  const base: Partial<Record<MetricName, number>> = {};
  const walk: Partial<Record<MetricName, number>> = {};
  for (const name of names) walk[name] = 0;
  base.cpu = clamp((metrics.cpu ?? 10) - CPU_LOAD[kind] * load, 0.5, 90);
  base.memory = clamp((metrics.memory ?? 50) - (MEMORY_LOAD[kind] ?? 0) * load, 5, 95);
  base.latency = Math.max(0.05, (metrics.latency ?? 1) / (1 + 0.3 * load));
  return {
    kind,
    metrics: names,
    base,
    walk,
    disk: metrics.disk ?? 50,
    diskPerDay: diskRate(rng),
    cpuSpikeTicks: 0,
    lossTicks: 0,
  };
}

/**
 * The metrics a device shows at `load` with no walk, spike or burst: where a brand-new device
 * starts, so the first tick does not jump from the topology's values to the load curve.
 */
export function settled(d: Drift, load: number): Metrics {
  const out: Metrics = {};
  for (const name of d.metrics) {
    const base = d.base[name] ?? 0;
    if (name === 'cpu') out.cpu = round(clamp(base + CPU_LOAD[d.kind] * load, 0.5, 100), 1);
    else if (name === 'memory') {
      out.memory = round(clamp(base + (MEMORY_LOAD[d.kind] ?? 0) * load, 5, 99), 1);
    } else if (name === 'disk') out.disk = round(d.disk, 1);
    else if (name === 'latency') out.latency = round(Math.max(0.05, base * (1 + 0.3 * load)), 2);
    else out.loss = 0;
  }
  return out;
}

function evolveOne(d: Drift, name: MetricName, load: number, dtMs: number, rng: Rng): number {
  const base = d.base[name] ?? 0;
  const walk = d.walk[name] ?? 0;
  switch (name) {
    case 'cpu': {
      d.walk.cpu = walk * 0.95 + rng.gaussian() * 1.2;
      if (d.cpuSpikeTicks === 0 && rng.chance(0.0002)) d.cpuSpikeTicks = rng.int(3, 12);
      if (d.cpuSpikeTicks > 0) {
        d.cpuSpikeTicks--;
        return round(rng.float(96, 100), 1);
      }
      return round(clamp(base + CPU_LOAD[d.kind] * load + d.walk.cpu, 0.5, 100), 1);
    }
    case 'memory':
      d.walk.memory = walk * 0.97 + rng.gaussian() * 0.6;
      return round(clamp(base + (MEMORY_LOAD[d.kind] ?? 0) * load + d.walk.memory, 5, 99), 1);
    case 'disk':
      d.disk = clamp(d.disk + (d.diskPerDay * dtMs) / DAY, 1, 99.9);
      // Someone notices a nearly full disk and cleans up, eventually.
      if (d.disk > 92 && rng.chance(0.02)) d.disk = clamp(d.disk - rng.float(10, 30), 1, 99.9);
      return round(d.disk, 1);
    case 'latency':
      d.walk.latency = walk * 0.9 + rng.gaussian() * 0.05;
      return round(Math.max(0.05, base * (1 + 0.3 * load) * Math.exp(d.walk.latency)), 2);
    case 'loss':
      if (d.lossTicks === 0 && rng.chance(0.0005)) d.lossTicks = rng.int(1, 5);
      if (d.lossTicks > 0) {
        d.lossTicks--;
        return round(rng.float(0.5, 8), 1);
      }
      return 0;
  }
}

/** Advances the walk by one tick of `dtMs` and returns the device's true current metrics. */
export function evolve(d: Drift, load: number, dtMs: number, rng: Rng): Metrics {
  const out: Metrics = {};
  for (const name of d.metrics) out[name] = evolveOne(d, name, load, dtMs, rng);
  return out;
}

/** The metrics of `truth` that moved far enough from what was last reported, or null. */
export function meaningfulChange(reported: Metrics, truth: Metrics): Metrics | null {
  let changed: Metrics | null = null;
  for (const name of Object.keys(truth) as MetricName[]) {
    const now = truth[name];
    if (now === undefined) continue;
    const before = reported[name];
    const min = name === 'latency' && before !== undefined ? Math.max(0.5, before * 0.3) : 0;
    const moved =
      before === undefined ||
      Math.abs(now - before) >= Math.max(MIN_CHANGE[name], min) ||
      (name === 'loss' && before > 0 && now === 0);
    if (moved) (changed ??= {})[name] = now;
  }
  return changed;
}

/** A small jitter around the reported values, for benchmark bursts that must stay in range. */
export function jitter(reported: Metrics, rng: Rng): Metrics {
  const out: Metrics = {};
  if (reported.cpu !== undefined)
    out.cpu = round(clamp(reported.cpu + rng.gaussian() * 2, 0, 100), 1);
  if (reported.latency !== undefined) {
    out.latency = round(Math.max(0.05, reported.latency * (1 + rng.gaussian() * 0.05)), 2);
  }
  return out;
}
