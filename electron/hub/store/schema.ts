/**
 * The store's tables as Kysely sees them (electron/hub/store/migrations/ creates them). Times are
 * epoch milliseconds, as everywhere in the hub.
 */

/** Each configured site as last known: shown (stale) at start before its link connects. */
export interface SitesTable {
  id: string;
  name: string;
  customer: string;
  time_zone: string;
  /** When this row was last written. */
  updated_at: number;
}

/**
 * Where the hub is in each site's event stream: written in the same transaction as the events
 * it covers, so a restarted hub resumes from exactly here (a replay, not a snapshot).
 */
export interface SiteStreamsTable {
  site_id: string;
  stream: string;
  last_seq: number;
  updated_at: number;
}

export interface StoreSchema {
  sites: SitesTable;
  site_streams: SiteStreamsTable;
}
