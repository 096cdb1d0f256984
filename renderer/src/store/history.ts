import { METRIC_NAMES, type Device } from '../../../shared/protocol/device.js';
import { HistoryRing } from './history-ring.js';

export { HISTORY_CAP, HistoryRing } from './history-ring.js';

/** A device's time and metrics: the device itself, or a patch of its live fields. */
export type Sample = Pick<Device, 'updatedAt' | 'metrics'>;

function hasMetrics(sample: Sample): boolean {
  return METRIC_NAMES.some((metric) => sample.metrics[metric] !== undefined);
}

/**
 * The device's ring with its current sample (the device, or a patch of it) appended in place, or
 * undefined while it has none.
 * A device that reports no metrics adds no point and gets no ring: a ring is made at the first
 * sample with metrics, holding that point without a buffer, and takes its full size at the
 * second (history-ring.ts), so the heap is flat from then on.
 */
export function appendSample(
  ring: HistoryRing | undefined,
  sample: Sample,
): HistoryRing | undefined {
  if (!hasMetrics(sample)) return ring;
  const target = ring ?? new HistoryRing();
  target.push(sample.updatedAt, sample.metrics);
  return target;
}
