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
  /**
   * The hub's clock when the site's data was last known current: the newest event, snapshot or
   * heartbeat of the current stream that the hub APPLIED (a heartbeat counts when it names the
   * seq the hub holds). What the board ages. Null before any.
   */
  lastEventAt: Timestamp.nullable(),
  /**
   * When the last valid message of any kind arrived, applied or not. Differs from `lastEventAt`
   * when a site talks but its data cannot be applied (it never answers a resync, say).
   */
  lastMessageAt: Timestamp.nullable(),
  lastSeq: Seq.nullable(),
  badPayloads: Count,
  /** The most recent validation error, naming the field. */
  lastBadPayload: z.string().nullable(),
  duplicates: Count,
  reconnects: Count,
  resyncs: Count,
  /** Why the site is over one of its budgets (devices, open alerts, events/s, bytes/s); else null. */
  degraded: z.string().nullable(),
  /** Events, devices and alerts dropped because the site was over a budget. */
  droppedOverBudget: Count,
  /** Events naming a device the hub does not hold (a sample, a remove). */
  unknownDeviceEvents: Count,
  /** Events naming an alert the hub does not hold (a clear). */
  unknownAlertEvents: Count,
  /** Timestamps further in the future than the allowed clock skew, since the hub started. */
  futureTimestamps: Count,
  /**
   * Since when (hub time) the site's timestamps have been running ahead of the skew; null once
   * what it sends is within the skew again for a minute. What the board's "clock ahead" follows.
   */
  clockAheadSince: Timestamp.nullable(),
  /** Times another site id answered at this site's address. */
  idConflicts: Count,
  /** Acknowledgement replies that named another ack id, or came twice. */
  ackMismatches: Count,
});
export type SiteHealth = z.infer<typeof SiteHealth>;

/** Age in milliseconds of a site's data at `now`, or null if it never had any. */
export function dataAgeMs(health: Pick<SiteHealth, 'lastEventAt'>, now: number): number | null {
  return health.lastEventAt === null ? null : Math.max(0, now - health.lastEventAt);
}

/** Health as reported at one instant (/healthz, /metrics): with the ages of the site's data. */
export type SiteHealthReport = SiteHealth & {
  /** Age of the data the hub holds (from `lastEventAt`). */
  readonly lastEventAgeMs: number | null;
  /** Age of the last message of any kind (from `lastMessageAt`). */
  readonly lastMessageAgeMs: number | null;
};

/** The counters a site's health starts with; shared so no side lists the fields by hand. */
export const ZERO_HEALTH_COUNTS = {
  badPayloads: 0,
  lastBadPayload: null,
  duplicates: 0,
  reconnects: 0,
  resyncs: 0,
  degraded: null,
  droppedOverBudget: 0,
  unknownDeviceEvents: 0,
  unknownAlertEvents: 0,
  futureTimestamps: 0,
  clockAheadSince: null,
  idConflicts: 0,
  ackMismatches: 0,
} as const satisfies Partial<SiteHealth>;
