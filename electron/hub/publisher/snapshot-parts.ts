import {
  SNAPSHOT_HEAD_DEVICES,
  SNAPSHOT_PART_DEVICES,
  type FleetSnapshot,
  type ReceivingSite,
  type SiteContent,
  type SnapshotPart,
} from '../../../shared/bridge/fleet-view.js';
import { isProblem, worstFirst } from '../../../shared/fleet/device-order.js';
import { devicesRollup } from '../../../shared/fleet/site-rollup.js';
import { countStatuses } from '../../../shared/fleet/status-counts.js';
import type { Device } from '../../../shared/protocol/device.js';

/**
 * A snapshot cut so that its first rows can paint at once: a big site's devices are split into a
 * head the snapshot carries (the first rows of the site table's order: every problem device, so
 * what a tile names is whole, and at least `head` devices) and parts of at most `part` devices
 * that follow it, the rest in no particular order (the board sorts them once they are all in;
 * docs/architecture.md, "Big sites"). What the board summarises of such a site, the hub counts here
 * over all its devices.
 */

export interface SplitSizes {
  readonly head: number;
  readonly part: number;
}

export const DEFAULT_SPLIT: SplitSizes = {
  head: SNAPSHOT_HEAD_DEVICES,
  part: SNAPSHOT_PART_DEVICES,
};

export interface SplitSnapshot {
  readonly head: FleetSnapshot;
  /** In the order they must be sent, each numbered `part` of `parts`. */
  readonly parts: readonly SnapshotPart[];
}

interface SiteCut {
  readonly content: SiteContent;
  readonly receiving: ReceivingSite | null;
  readonly rest: readonly Device[];
}

/**
 * The first `count` of `devices` in `compare`'s order, sorted, and the others in no particular
 * order. A bounded insertion, not a sort of all: a site's devices mostly come in name order, so
 * each of the 49,000 after the first thousand costs one comparison, not sixteen.
 */
export function firstInOrder<T>(
  devices: readonly T[],
  count: number,
  compare: (a: T, b: T) => number,
): { first: T[]; others: T[] } {
  const first: T[] = [];
  const others: T[] = [];
  for (const device of devices) {
    const last = first.at(-1);
    if (first.length >= count && last !== undefined && compare(device, last) >= 0) {
      others.push(device);
      continue;
    }
    let low = 0;
    let high = first.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(first[middle] as T, device) <= 0) low = middle + 1;
      else high = middle;
    }
    first.splice(low, 0, device);
    if (first.length > count) others.push(first.pop() as T);
  }
  return { first, others };
}

/** A site's devices by id, as the hub holds them (for the roll-up's topology lookups). */
export type HeldDevices = (siteId: string) => ReadonlyMap<string, Device> | undefined;

function cutSite(
  content: SiteContent,
  downShare: number,
  sizes: SplitSizes,
  held: HeldDevices,
): SiteCut {
  const all = content.devices;
  if (all.length <= sizes.head + sizes.part) return { content, receiving: null, rest: [] };
  // Every problem device is in the head: a tile names them, and the site table starts with them.
  const problems = all.reduce((n, device) => (isProblem(device) ? n + 1 : n), 0);
  const headLength = Math.max(sizes.head, problems);
  if (headLength >= all.length) return { content, receiving: null, rest: [] };
  const { first, others } = firstInOrder(all, headLength, worstFirst);
  const byId = held(content.siteId) ?? new Map(all.map((device) => [device.id, device]));
  return {
    content: { ...content, devices: first },
    receiving: {
      siteId: content.siteId,
      devices: all.length,
      counts: countStatuses(all),
      rollup: devicesRollup(byId, downShare),
    },
    rest: others,
  };
}

/**
 * `snapshot` whole when no site is big enough to cut (more than head + one part), else cut;
 * `id` names this snapshot's parts, so a viewer tells them from an older subscription's.
 */
export function splitSnapshot(
  snapshot: FleetSnapshot,
  id: number,
  downShare: number,
  sizes: SplitSizes = DEFAULT_SPLIT,
  held: HeldDevices = () => undefined,
): SplitSnapshot {
  const cuts = snapshot.contents.map((content) => cutSite(content, downShare, sizes, held));
  const receiving = cuts.flatMap((cut) => (cut.receiving ? [cut.receiving] : []));
  if (receiving.length === 0) return { head: { ...snapshot, following: null }, parts: [] };
  const chunks: { siteId: string; devices: Device[] }[] = [];
  for (const cut of cuts) {
    for (let from = 0; from < cut.rest.length; from += sizes.part) {
      chunks.push({
        siteId: cut.content.siteId,
        devices: cut.rest.slice(from, from + sizes.part),
      });
    }
  }
  const parts = chunks.map((chunk, index) => ({
    id,
    part: index + 1,
    parts: chunks.length,
    ...chunk,
  }));
  return {
    head: {
      ...snapshot,
      contents: cuts.map((cut) => cut.content),
      following: { id, parts: parts.length, sites: receiving },
    },
    parts,
  };
}
