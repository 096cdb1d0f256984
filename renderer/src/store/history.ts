import type { Device } from '../../../shared/protocol/device.js';
import type { History, HistoryPoint } from './fleet-data.js';

/** Points kept per device: two hours at one sample a minute; memory stays flat for months. */
export const HISTORY_CAP = 120;

export function pointOf(device: Device): HistoryPoint {
  const { cpu, memory, disk, latency, loss } = device.metrics;
  return {
    at: device.updatedAt,
    cpu: cpu ?? null,
    memory: memory ?? null,
    disk: disk ?? null,
    latency: latency ?? null,
    loss: loss ?? null,
  };
}

function hasMetrics(point: HistoryPoint): boolean {
  return (
    point.cpu !== null ||
    point.memory !== null ||
    point.disk !== null ||
    point.latency !== null ||
    point.loss !== null
  );
}

/**
 * The history with the device's current sample appended, or the same array when there is no new
 * sample: a device re-sent unchanged (snapshot after a reconnect) or whose update carried no new
 * measurement (`updatedAt` unchanged since the last point) adds nothing.
 */
export function appendSample(history: History | undefined, device: Device): History | undefined {
  const point = pointOf(device);
  if (!hasMetrics(point)) return history;
  const last = history?.at(-1);
  // Only an unchanged time means "no new sample": a site whose clock was set back keeps its
  // sparkline moving instead of freezing until its clock passes the old stamps.
  if (last && point.at === last.at) return history;
  if (!history) return [point];
  const kept =
    history.length >= HISTORY_CAP ? history.slice(history.length - HISTORY_CAP + 1) : history;
  return [...kept, point];
}
