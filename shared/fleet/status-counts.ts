import { z } from 'zod';
import type { Device, DeviceStatus } from '../protocol/device.js';

/** How many of a site's devices are in each status, and in all. */
const Count = z.int().nonnegative();
export const StatusCounts = z.strictObject({
  up: Count,
  warning: Count,
  down: Count,
  unknown: Count,
  maintenance: Count,
  total: Count,
});
export type StatusCounts = Readonly<Record<DeviceStatus, number>> & { readonly total: number };

export const zeroStatusCounts = (): Record<DeviceStatus, number> & { total: number } => ({
  up: 0,
  warning: 0,
  down: 0,
  unknown: 0,
  maintenance: 0,
  total: 0,
});

/** The counts of `devices`: the one way the hub and the board count them. */
export function countStatuses(devices: Iterable<Pick<Device, 'status'>>): StatusCounts {
  const counts = zeroStatusCounts();
  for (const device of devices) {
    counts[device.status] += 1;
    counts.total += 1;
  }
  return counts;
}
