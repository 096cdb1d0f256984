import type { FleetSnapshot, SnapshotPart } from '../../../shared/bridge/fleet-view.js';
import type { Device } from '../../../shared/protocol/device.js';

/**
 * The parts that complete one snapshot (FleetSnapshot `following`), checked as they come: each
 * must be the next of this snapshot's, for a site it named, and no site may get more devices
 * than the hub said it holds. The devices are kept here, not shown, until the last part is in:
 * the board then shows every big site whole at once (fleet-sync.ts).
 */
export class SnapshotCompletion {
  readonly id: number;
  readonly parts: number;
  private nextPart = 1;
  /** siteId → devices the snapshot carried, and how many the site holds in all. */
  private readonly sites = new Map<string, { head: number; total: number }>();
  private readonly received = new Map<string, Device[]>();

  constructor(snapshot: FleetSnapshot) {
    const following = snapshot.following;
    if (following === null) throw new Error('a whole snapshot has no parts to wait for');
    this.id = following.id;
    this.parts = following.parts;
    for (const site of following.sites) {
      const content = snapshot.contents.find((c) => c.siteId === site.siteId);
      this.sites.set(site.siteId, { head: content?.devices.length ?? 0, total: site.devices });
    }
  }

  /**
   * Takes `part` when it is the next one; 'other' when it belongs to another snapshot (an older
   * subscription's, still on its way); else says what is wrong with it.
   */
  take(part: SnapshotPart): 'taken' | 'other' | { readonly problem: string } {
    if (part.id !== this.id) return 'other';
    const site = this.sites.get(part.siteId);
    if (part.part !== this.nextPart || part.parts !== this.parts) {
      return {
        problem: `part ${part.part} of ${part.parts} came where part ${this.nextPart} of ${this.parts} was due`,
      };
    }
    if (!site) {
      return {
        problem: `part ${part.part} names site ${JSON.stringify(part.siteId)}, not one the snapshot left to follow`,
      };
    }
    const held = this.held(part.siteId) + part.devices.length;
    if (held > site.total) {
      return {
        problem: `part ${part.part} brings site ${part.siteId} to ${held} devices; the hub said it holds ${site.total}`,
      };
    }
    let list = this.received.get(part.siteId);
    if (!list) {
      list = [];
      this.received.set(part.siteId, list);
    }
    for (const device of part.devices) list.push(device);
    this.nextPart += 1;
    return 'taken';
  }

  /** The part due next, from 1. */
  get next(): number {
    return this.nextPart;
  }

  /** Devices of `siteId` the board has had so far: the snapshot's and the parts'. */
  held(siteId: string): number {
    return (this.sites.get(siteId)?.head ?? 0) + (this.received.get(siteId)?.length ?? 0);
  }

  get done(): boolean {
    return this.nextPart > this.parts;
  }

  /** What the parts brought, by site. */
  get rest(): ReadonlyMap<string, readonly Device[]> {
    return this.received;
  }
}
