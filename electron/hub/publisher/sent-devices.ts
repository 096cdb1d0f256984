import type { DevicePatch } from '../../../shared/bridge/fleet-view.js';
import { devicePatch } from '../../../shared/fleet/device-patch.js';
import type { Device } from '../../../shared/protocol/device.js';

/**
 * Every device as the publisher's viewers hold it (as of its last delta), so a change of live
 * fields alone goes out as a patch (FleetDelta.devicePatches). References to the hub model's own
 * objects, which it replaces rather than edits (site-model.ts), so this costs a map entry per
 * device sent. A reset refills a site's record; a device not in it (new since) goes whole.
 */
export class SentDevices {
  private readonly sites = new Map<string, Map<string, Device>>();

  /** `device` as the next delta carries it: a patch when it can be, else whole (null). */
  send(siteId: string, device: Device): DevicePatch | null {
    let held = this.sites.get(siteId);
    if (held === undefined) {
      held = new Map();
      this.sites.set(siteId, held);
    }
    const patch = devicePatch(siteId, held.get(device.id), device);
    held.set(device.id, device);
    return patch;
  }

  removed(siteId: string, id: string): void {
    this.sites.get(siteId)?.delete(id);
  }

  /** The site's devices were sent wholesale (a reset): viewers hold exactly these. */
  reset(siteId: string, devices: readonly Device[]): void {
    this.sites.set(siteId, new Map(devices.map((device) => [device.id, device])));
  }

  /** The site is gone from the fleet. */
  dropSite(siteId: string): void {
    this.sites.delete(siteId);
  }

  /** Devices held, for the dispose test. */
  get size(): number {
    let count = 0;
    for (const held of this.sites.values()) count += held.size;
    return count;
  }

  clear(): void {
    this.sites.clear();
  }
}
