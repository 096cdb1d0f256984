import { z } from 'zod';
import { Alert } from './alert.js';
import { Device } from './device.js';
import { SiteEvent } from './events.js';
import { Id, Seq, Timestamp } from './primitives.js';

export const MAX_BATCH = 5000;
/** Devices and open alerts one snapshot may carry. */
export const MAX_SNAPSHOT_ITEMS = 50_000;

const ARRAY_LIMITS: Readonly<Record<string, number>> = {
  events: MAX_BATCH,
  devices: MAX_SNAPSHOT_ITEMS,
  alerts: MAX_SNAPSHOT_ITEMS,
};

/**
 * A cheap look before validation: an array over its limit is refused without validating each
 * element first (half a million events would otherwise cost the hub most of a second).
 */
export function oversizedArray(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  for (const [key, max] of Object.entries(ARRAY_LIMITS)) {
    const value: unknown = (payload as Record<string, unknown>)[key];
    if (Array.isArray(value) && value.length > max) {
      return `${key}: Too big: expected array to have <=${max} items, got ${value.length}`;
    }
  }
  return null;
}

/**
 * A stream is one unbroken numbering of a site's events. A site that loses its history (a new
 * install, a wiped journal) starts a new stream, and the dashboard then asks for a snapshot.
 */
export const StreamId = z.string().min(1).max(64);

/** What the dashboard sends in the socket.io handshake `auth`. */
export const HandshakeAuth = z.strictObject({
  token: z.string().min(1).max(4096),
  protocolVersion: z.string().min(1).max(16),
  client: z.string().max(100),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/** Why a site refused the handshake; carried in the connect_error's `data`. */
export const REFUSAL_CODES = ['bad-token', 'unsupported-protocol', 'bad-handshake'] as const;
export const Refusal = z.strictObject({
  code: z.enum(REFUSAL_CODES),
  reason: z.string().max(500),
});
export type Refusal = z.infer<typeof Refusal>;

// ---- site → dashboard ----

export const Hello = z.strictObject({
  siteId: Id,
  name: z.string().min(1).max(200),
  customer: z.string().min(1).max(200),
  /** IANA zone of the site, e.g. "Europe/Berlin". */
  timeZone: z.string().min(1).max(64),
  protocolVersion: z.string().min(1).max(16),
  agentVersion: z.string().min(1).max(64),
  stream: StreamId,
});
export type Hello = z.infer<typeof Hello>;

/** Every device and open alert, as of sequence `seq` of `stream`. */
export const Snapshot = z.strictObject({
  stream: StreamId,
  seq: Seq,
  at: Timestamp,
  devices: z.array(Device).max(MAX_SNAPSHOT_ITEMS),
  alerts: z.array(Alert).max(MAX_SNAPSHOT_ITEMS),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const EventBatch = z.strictObject({
  stream: StreamId,
  events: z.array(SiteEvent).min(1).max(MAX_BATCH),
});
export type EventBatch = z.infer<typeof EventBatch>;

/** Sent when idle, so a quiet site is not mistaken for a dead one; carries the latest seq. */
export const Heartbeat = z.strictObject({ stream: StreamId, seq: Seq, at: Timestamp });
export type Heartbeat = z.infer<typeof Heartbeat>;

// ---- dashboard → site ----

/**
 * Ask the site to stream from after `seq` of `stream` (replay what was missed), or, with nulls,
 * from a fresh snapshot. The site then streams live events until the socket closes.
 */
export const SyncRequest = z.strictObject({
  stream: StreamId.nullable(),
  after: Seq.nullable(),
});
export type SyncRequest = z.infer<typeof SyncRequest>;

export const SyncReply = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('replay'), replayed: z.int().nonnegative(), seq: Seq }),
  z.strictObject({ mode: z.literal('snapshot'), seq: Seq }),
  z.strictObject({ mode: z.literal('error'), reason: z.string().max(500) }),
]);
export type SyncReply = z.infer<typeof SyncReply>;

export const AckRequest = z.strictObject({
  ackId: Id,
  alertId: Id,
  technician: z.string().min(1).max(200),
  comment: z.string().max(2000),
  // Protocol 1.1: never sent to a 1.0 site (its strict schema would refuse them).
  sticky: z.boolean().optional(),
  expiresAt: Timestamp.nullable().optional(),
});
export type AckRequest = z.infer<typeof AckRequest>;

/**
 * Protocol 1.1: withdraw an acknowledgement. `ackId` names this request (a site applies each id
 * once, like an ack); the site answers with an AckReply naming it, and broadcasts the alert with
 * `ack: null`.
 */
export const UnackRequest = z.strictObject({
  ackId: Id,
  alertId: Id,
  technician: z.string().min(1).max(200),
  comment: z.string().max(2000),
});
export type UnackRequest = z.infer<typeof UnackRequest>;

export const AckReply = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), ackId: Id }),
  z.strictObject({ ok: z.literal(false), ackId: Id, reason: z.string().max(500) }),
]);
export type AckReply = z.infer<typeof AckReply>;

/** socket.io event maps, for typed sockets on both ends. */
export interface SiteToDashboard {
  hello: (hello: Hello) => void;
  snapshot: (snapshot: Snapshot) => void;
  events: (batch: EventBatch) => void;
  heartbeat: (heartbeat: Heartbeat) => void;
}
export interface DashboardToSite {
  sync: (request: SyncRequest, reply: (reply: SyncReply) => void) => void;
  'alert.ack': (request: AckRequest, reply: (reply: AckReply) => void) => void;
  /** Protocol 1.1. */
  'alert.unack': (request: UnackRequest, reply: (reply: AckReply) => void) => void;
}
