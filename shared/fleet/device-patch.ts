import type { DevicePatch } from '../bridge/fleet-view.js';
import type { Device } from '../protocol/device.js';
import { jsonEqual, keepUnchanged } from './json-equal.js';

/**
 * The one rule for a device change sent as a patch (FleetDelta.devicePatches): the hub's
 * publisher makes patches with devicePatch(), every viewer applies them with patchedDevice().
 */

/** What a patch carries: the fields a sample or a status change moves. */
export const LIVE_DEVICE_FIELDS: ReadonlySet<string> = new Set(['status', 'metrics', 'updatedAt']);

/**
 * `next` as a patch on `previous` (the device as the viewers hold it), or null when it must go
 * whole: no previous, or any other field changed. The other fields are compared generically, so
 * a field added to Device later goes whole when it changes without anyone listing it here.
 */
export function devicePatch(
  siteId: string,
  previous: Device | undefined,
  next: Device,
): DevicePatch | null {
  if (previous === undefined || previous.id !== next.id) return null;
  const before = previous as Readonly<Record<string, unknown>>;
  const after = next as Readonly<Record<string, unknown>>;
  for (const key in before) {
    if (!Object.hasOwn(before, key) || LIVE_DEVICE_FIELDS.has(key)) continue;
    if (!Object.hasOwn(after, key) || !jsonEqual(before[key], after[key])) return null;
  }
  for (const key in after) {
    if (Object.hasOwn(after, key) && !LIVE_DEVICE_FIELDS.has(key) && !Object.hasOwn(before, key)) {
      return null;
    }
  }
  return {
    siteId,
    id: next.id,
    status: next.status,
    metrics: next.metrics,
    updatedAt: next.updatedAt,
  };
}

/** The held device with the patch's live fields (the held object itself when they are equal). */
export function patchedDevice(held: Device, patch: DevicePatch): Device {
  if (
    held.status === patch.status &&
    held.updatedAt === patch.updatedAt &&
    jsonEqual(held.metrics, patch.metrics)
  ) {
    return held;
  }
  // One new object: the held device's other fields as they are, its metrics shared where equal.
  return {
    ...held,
    status: patch.status,
    metrics: keepUnchanged(held.metrics, patch.metrics),
    updatedAt: patch.updatedAt,
  };
}
