import type { Device, DeviceStatus } from '../protocol/device.js';

/**
 * The order the board lists devices in, worst status first and then by name: the site table's
 * order, and the order by which the hub picks the devices of a big site that a snapshot carries
 * first (snapshot-parts.ts), so the rows a site view paints first are the rows it shows at the top.
 */

/** Worst first: the order tiles, totals and tables list statuses in. */
export const STATUS_ORDER: readonly DeviceStatus[] = [
  'down',
  'warning',
  'unknown',
  'maintenance',
  'up',
];

export const statusRank = (status: DeviceStatus): number => STATUS_ORDER.indexOf(status);

/** Numbers in names by value: "Office 2" before "Office 10". */
const NAME_ORDER = new Intl.Collator(undefined, { numeric: true });

export const byName = (
  a: { readonly name: string; readonly id: string },
  b: { readonly name: string; readonly id: string },
): number => NAME_ORDER.compare(a.name, b.name) || NAME_ORDER.compare(a.id, b.id);

/** Worst status first, then by name (then id): the site table's order. */
export const worstFirst = (a: Device, b: Device): number =>
  statusRank(a.status) - statusRank(b.status) || byName(a, b);

/** A problem to name: down, warning or unknown (up and maintenance are in the counts only). */
export const isProblem = (device: Pick<Device, 'status'>): boolean =>
  device.status !== 'up' && device.status !== 'maintenance';
