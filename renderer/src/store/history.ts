import { METRIC_NAMES, type Device } from '../../../shared/protocol/device.js';
import { HistoryRing } from './history-ring.js';

export { HISTORY_CAP, HistoryRing } from './history-ring.js';

function hasMetrics(device: Device): boolean {
  return METRIC_NAMES.some((metric) => device.metrics[metric] !== undefined);
}

/**
 * The device's ring with its current sample appended in place, or undefined while it has none.
 * A device that reports no metrics adds no point and gets no ring: a ring is made at the first
 * sample with metrics, holding that point without a buffer, and takes its full size at the
 * second (history-ring.ts), so the heap is flat from then on.
 */
export function appendSample(
  ring: HistoryRing | undefined,
  device: Device,
): HistoryRing | undefined {
  if (!hasMetrics(device)) return ring;
  const target = ring ?? new HistoryRing();
  target.push(device.updatedAt, device.metrics);
  return target;
}
