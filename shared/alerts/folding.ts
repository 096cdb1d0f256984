import type { Alert } from '../protocol/alert.js';
import { SITE_UNREACHABLE_ID } from './hub-alerts.js';
import type { Device } from '../protocol/device.js';
import { nameOrId } from '../text/untrusted-text.js';

/**
 * Root-cause folding: one visible incident per cause, the alerts it explains folded beneath it,
 * as Zabbix's trigger dependencies and Alertmanager's inhibit rules do. Pure, and in shared/ so
 * that every side folds by the same rules: the windows do today (the site view, the alert
 * list); the hub will, for notifications and SLA clocks.
 *
 * 1. A site that is unreachable (the hub calls it down) is the cause of all its alerts: one
 *    incident "<site> unreachable", the hub's own alert saying so (SITE_UNREACHABLE_ID) its
 *    headline, every other alert folded under it.
 * 2. Otherwise, a device that is down (status "down") is the cause of every alert on the devices
 *    beneath it (its children, their children…, by `parentId`): those alerts fold under the
 *    topmost down device of their chain ("Core switch down — 47 alerts folded"), whose own
 *    alerts are the incident's headline. A down device with nothing folded beneath it is no
 *    incident: its alerts show as they are.
 * 3. Alerts about the site as a whole (no device), and on devices with no down ancestor, are not
 *    folded. A parent that recovers unfolds its children's alerts at once (those still open).
 *
 * A `parentId` chain is followed at most MAX_DEPTH steps and never round a cycle (a site's data
 * may be wrong): a device in a cycle has no ancestor beyond it.
 */

export const MAX_DEPTH = 64;

export interface RootIncident {
  /** `site`, or `device:<id>`. */
  readonly key: string;
  readonly kind: 'site-unreachable' | 'device-down';
  /** The down device; null for the site. */
  readonly deviceId: string | null;
  /** The cause in words, e.g. "Core switch down", "Acme HQ unreachable". */
  readonly title: string;
  /** The root device's own open alerts (its headline); none for the site. */
  readonly own: readonly string[];
  /** The alerts it explains, folded beneath it. */
  readonly folded: readonly string[];
}

export interface AlertFolding {
  /** Worst first: the site, then by the number of alerts folded. */
  readonly roots: readonly RootIncident[];
  /** Alert id → the key of the incident it is folded under (not its headline alerts). */
  readonly foldedInto: ReadonlyMap<string, string>;
  /** Alert ids shown on their own: neither folded nor an incident's headline. */
  readonly unfolded: readonly string[];
}

export interface FoldSite {
  readonly name: string;
  /** The hub cannot reach the site (its data is too old): everything folds under it. */
  readonly unreachable: boolean;
}

export function foldAlerts(
  site: FoldSite,
  devices: ReadonlyMap<string, Device>,
  alerts: ReadonlyMap<string, Alert>,
): AlertFolding {
  if (site.unreachable && alerts.size > 0) {
    // The hub's own "unreachable" alert, when raised, is the incident's headline.
    const own = alerts.has(SITE_UNREACHABLE_ID) ? [SITE_UNREACHABLE_ID] : [];
    const folded = [...alerts.keys()].filter((id) => id !== SITE_UNREACHABLE_ID);
    const root: RootIncident = {
      key: 'site',
      kind: 'site-unreachable',
      deviceId: null,
      title: `${site.name} unreachable`,
      own,
      folded,
    };
    return { roots: [root], foldedInto: new Map(folded.map((id) => [id, 'site'])), unfolded: [] };
  }
  const causeOf = topmostDownAncestor(devices);
  const groups = new Map<string, { own: string[]; folded: string[] }>();
  const group = (deviceId: string) => {
    let entry = groups.get(deviceId);
    if (!entry) groups.set(deviceId, (entry = { own: [], folded: [] }));
    return entry;
  };
  const loose: string[] = [];
  for (const alert of alerts.values()) {
    const cause = alert.deviceId === null ? null : causeOf(alert.deviceId);
    if (cause !== null) group(cause).folded.push(alert.id);
    else loose.push(alert.id);
  }
  // A root's own alerts are its headline; the rest stand alone.
  const unfolded: string[] = [];
  for (const id of loose) {
    const deviceId = alerts.get(id)?.deviceId ?? null;
    const root = deviceId === null ? undefined : groups.get(deviceId);
    if (root) root.own.push(id);
    else unfolded.push(id);
  }
  const roots: RootIncident[] = [];
  const foldedInto = new Map<string, string>();
  for (const [deviceId, { own, folded }] of groups) {
    const key = `device:${deviceId}`;
    const name = nameOrId(devices.get(deviceId)?.name, deviceId);
    roots.push({ key, kind: 'device-down', deviceId, title: `${name} down`, own, folded });
    for (const id of folded) foldedInto.set(id, key);
  }
  roots.sort((a, b) => b.folded.length - a.folded.length || a.key.localeCompare(b.key));
  return { roots, foldedInto, unfolded };
}

/**
 * deviceId → the topmost down device among its strict ancestors (null: none), memoised so each
 * chain is walked once however many alerts share it.
 */
function topmostDownAncestor(devices: ReadonlyMap<string, Device>): (id: string) => string | null {
  const memo = new Map<string, string | null>();
  return (start) => {
    const known = memo.get(start);
    if (known !== undefined) return known;
    const seen = new Set<string>([start]);
    let topmost: string | null = null;
    let parentId = devices.get(start)?.parentId ?? null;
    for (let depth = 0; parentId !== null && depth < MAX_DEPTH; depth++) {
      if (seen.has(parentId)) break;
      seen.add(parentId);
      const parent = devices.get(parentId);
      if (!parent) break;
      if (parent.status === 'down') topmost = parent.id;
      parentId = parent.parentId;
    }
    memo.set(start, topmost);
    return topmost;
  };
}
