import type { ResetKey } from './ResetWhenChanged.js';

/**
 * What each guarded part draws, for its error boundary's `resetKey`: when any of these objects is
 * replaced, the hub sent something new for that part, and a failed part is worth drawing again.
 * The store keeps an object whose contents did not change, so these change only with the data.
 */

/** One site: its summary, its devices and its alerts (a tile). */
export const siteData =
  (siteId: string): ResetKey =>
  (s) => [s.sites.get(siteId), s.devices.get(siteId), s.alerts.get(siteId)];

/** One site in detail: the tile's data and the devices' recent history (the site view). */
export const siteDetail =
  (siteId: string): ResetKey =>
  (s) => [...siteData(siteId)(s), s.history.get(siteId)];

/** Every site (the wall). */
export const fleetData: ResetKey = (s) => [s.sites, s.devices, s.alerts];

/** The link to the hub (the banners). */
export const linkData: ResetKey = (s) => [s.connected, s.info, s.syncError, s.invalidPayloads];

/** Everything the store holds (the header, the whole board). */
export const boardData: ResetKey = (s) => [...fleetData(s), ...linkData(s)];
