import { z } from 'zod';
import { Seq, Timestamp } from '../protocol/primitives.js';

/**
 * How fresh a site's data is. `live` only while the link streams and events keep arriving;
 * `stale` as soon as they stop (or the link drops) so old data is never shown as live; `down`
 * once nothing has arrived for the down threshold; `refused` when the site or the hub refused
 * the other (bad token, unknown protocol) and retrying cannot help.
 */
export const CONNECTION_STATES = ['connecting', 'live', 'stale', 'down', 'refused'] as const;
export const ConnectionState = z.enum(CONNECTION_STATES);
export type ConnectionState = z.infer<typeof ConnectionState>;

const Count = z.int().nonnegative();

/**
 * A site's health: the one type the hub records, the bridge carries and the board shows.
 * Site ids here are the hub's configured ids, so no length limit beyond the config's own.
 */
export const SiteHealth = z.strictObject({
  siteId: z.string().min(1),
  state: ConnectionState,
  /** Why the site is refused or down, in words a technician can act on; null when healthy. */
  reason: z.string().nullable(),
  /** When the last valid message (event, snapshot, heartbeat) arrived; null if none yet. */
  lastEventAt: Timestamp.nullable(),
  lastSeq: Seq.nullable(),
  badPayloads: Count,
  /** The most recent validation error, naming the field. */
  lastBadPayload: z.string().nullable(),
  duplicates: Count,
  reconnects: Count,
  resyncs: Count,
});
export type SiteHealth = z.infer<typeof SiteHealth>;

/** Age in milliseconds of a site's data at `now`, or null if it never had any. */
export function dataAgeMs(health: Pick<SiteHealth, 'lastEventAt'>, now: number): number | null {
  return health.lastEventAt === null ? null : Math.max(0, now - health.lastEventAt);
}

/** Health as reported at one instant (/healthz, /metrics): with the age of the site's data. */
export type SiteHealthReport = SiteHealth & { readonly lastEventAgeMs: number | null };
