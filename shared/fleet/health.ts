/**
 * How fresh a site's data is. `live` only while the link streams and events keep arriving;
 * `stale` as soon as they stop (or the link drops) so old data is never shown as live; `down`
 * once nothing has arrived for the down threshold; `refused` when the site or the hub refused
 * the other (bad token, unknown protocol) and retrying cannot help.
 */
export const CONNECTION_STATES = ['connecting', 'live', 'stale', 'down', 'refused'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export interface SiteHealth {
  readonly siteId: string;
  readonly state: ConnectionState;
  /** Why the site is refused or down, in words a technician can act on; null when healthy. */
  readonly reason: string | null;
  /** When the last valid message (event, snapshot, heartbeat) arrived; null if none yet. */
  readonly lastEventAt: number | null;
  readonly lastSeq: number | null;
  readonly badPayloads: number;
  /** The most recent validation error, naming the field. */
  readonly lastBadPayload: string | null;
  readonly duplicates: number;
  readonly reconnects: number;
  readonly resyncs: number;
}

/** Age in milliseconds of a site's data at `now`, or null if it never had any. */
export function dataAgeMs(health: Pick<SiteHealth, 'lastEventAt'>, now: number): number | null {
  return health.lastEventAt === null ? null : Math.max(0, now - health.lastEventAt);
}

/** Health as reported at one instant: with the age of the site's data at that instant. */
export interface SiteHealthReport extends SiteHealth {
  readonly lastEventAgeMs: number | null;
}
