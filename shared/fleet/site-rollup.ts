import type { Device } from '../protocol/device.js';

/**
 * How one site is, in one word, for the wall (docs/wallboard.md, "Site roll-up"). Worst first:
 * the wall lists sites in this order. A site with one workstation down of 200 must not look like a
 * site whose gateway is gone, so "down" is kept for a site that is out as a whole.
 */
export const SITE_ROLLUPS = ['unreachable', 'down', 'degraded', 'maintenance', 'ok'] as const;
export type SiteRollup = (typeof SITE_ROLLUPS)[number];

/** A site is down when more than this share of its devices is down (hub config `siteDownShare`). */
export const DEFAULT_SITE_DOWN_SHARE = 0.25;

/** What the roll-up reads of a device: its place in the topology and its status. */
export type RollupDevice = Pick<Device, 'id' | 'kind' | 'status' | 'parentId'>;

/** 0 for the worst (unreachable), up to 4 for ok. */
export function rollupRank(rollup: SiteRollup): number {
  return SITE_ROLLUPS.indexOf(rollup);
}

/**
 * The devices every other one is reached through: a gateway or firewall with no parent, or right
 * behind one (the simulator's gw-1 → fw-1), and any root that other devices hang from. A device
 * without a parent is not enough on its own: a site that does not report its topology sends
 * `parentId: null` for every device, and one workstation down there must not read as the site
 * down (nor one server in maintenance as the whole site in maintenance).
 */
function isTopOfTopology(
  device: RollupDevice,
  devices: ReadonlyMap<string, RollupDevice>,
  parents: ReadonlySet<string>,
): boolean {
  const edge = device.kind === 'gateway' || device.kind === 'firewall';
  if (device.parentId === null) return edge || parents.has(device.id);
  if (!edge) return false;
  return devices.get(device.parentId)?.parentId === null;
}

/** Ids that some device names as its parent. */
function parentIds(devices: ReadonlyMap<string, RollupDevice>): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const device of devices.values()) if (device.parentId !== null) ids.add(device.parentId);
  return ids;
}

/**
 * The roll-up of a site whose link is live, from its devices alone; `downShare` is a fraction
 * (0.25: more than a quarter down means down). A site without devices is ok (the tile says "No
 * devices" beside it).
 */
export function devicesRollup(
  devices: ReadonlyMap<string, RollupDevice>,
  downShare: number = DEFAULT_SITE_DOWN_SHARE,
): Exclude<SiteRollup, 'unreachable'> {
  let down = 0;
  let maintenance = 0;
  let troubled = false;
  let topDown = false;
  let topInMaintenance = false;
  let parents: ReadonlySet<string> | null = null;
  for (const device of devices.values()) {
    const { status } = device;
    if (status === 'up') continue;
    if (status === 'maintenance') maintenance += 1;
    else troubled = true;
    if (status === 'down') down += 1;
    if (status !== 'down' && status !== 'maintenance') continue;
    // Only the devices that are down or in maintenance need the topology, so it is built lazily.
    parents ??= parentIds(devices);
    if (!isTopOfTopology(device, devices, parents)) continue;
    if (status === 'down') topDown = true;
    else topInMaintenance = true;
  }
  // Planned work on the way in (or on everything) explains whatever else is out behind it.
  if (topInMaintenance || (devices.size > 0 && maintenance === devices.size)) return 'maintenance';
  if (topDown || down > downShare * devices.size) return 'down';
  return troubled ? 'degraded' : 'ok';
}

/**
 * The roll-up of a site: unreachable whenever the board does not show its link as live (stale,
 * down, refused, connecting: its devices' last words are not current), else from its devices.
 */
export function siteRollup(
  linkLive: boolean,
  devices: ReadonlyMap<string, RollupDevice>,
  downShare: number = DEFAULT_SITE_DOWN_SHARE,
): SiteRollup {
  return linkLive ? devicesRollup(devices, downShare) : 'unreachable';
}
