import { z } from 'zod';
import { Severity } from '../protocol/alert.js';
import { Id, Timestamp } from '../protocol/primitives.js';

/**
 * A technician's acknowledgement (or its withdrawal) of one alert, and how far it has got on its
 * way to the site: kept by the hub in its outbox until the site confirms or refuses it, shown by
 * every window meanwhile. The same shape in the store, on the bridge and in the page.
 */

export const ACTION_KINDS = ['ack', 'unack'] as const;
export const ActionKind = z.enum(ACTION_KINDS);
export type ActionKind = z.infer<typeof ActionKind>;

/**
 * pending: in the outbox, not yet confirmed (retried until it is); confirmed: the site applied it
 * (or, for what a 1.0 site cannot do, the hub did); refused: the site answered no, with a reason.
 */
export const DELIVERY_STATES = ['pending', 'confirmed', 'refused'] as const;
export const Delivery = z.enum(DELIVERY_STATES);
export type Delivery = z.infer<typeof Delivery>;

export const TechnicianName = z.string().trim().min(1, 'a technician name is required').max(200);

export const TechnicianAction = z.strictObject({
  /** Unique per action: the site applies each id once, however often it is delivered. */
  ackId: Id,
  siteId: Id,
  alertId: Id,
  kind: ActionKind,
  /** Verified by the host (config, or a technician's token); never chosen by the page. */
  technician: TechnicianName,
  comment: z.string().max(2000),
  /** False: the acknowledgement lapses when the alert changes severity. */
  sticky: z.boolean(),
  /** When the acknowledgement lapses and the alert is open again; null: never. */
  expiresAt: Timestamp.nullable(),
  /**
   * The alert's severity when the site applied the acknowledgement (what "changes severity"
   * compares with, for a 1.0 site); until then, when it was asked.
   */
  severity: Severity,
  /** For an un-ack: the acknowledgement (its ack id) it withdraws; null for an ack. */
  withdraws: Id.nullable(),
  /** The hub's clock when the technician asked. */
  requestedAt: Timestamp,
  delivery: Delivery,
  /** Why it was refused; while pending, why the last attempt did not get through. */
  reason: z.string().max(500).nullable(),
  /** Deliveries tried so far. */
  attempts: z.int().nonnegative(),
  /** When confirmed or refused. */
  settledAt: Timestamp.nullable(),
  /**
   * Set when the hub, not the site, carries out part of it (a 1.0 site knows no expiry and no
   * un-ack): says what, for the page to show.
   */
  hubHandled: z.string().max(300).nullable(),
  /** When the hub noted in the timeline that this acknowledgement expired or lapsed (once). */
  lapseNotedAt: Timestamp.nullable(),
});
export type TechnicianAction = z.infer<typeof TechnicianAction>;

/** What an alert's timeline records of technicians' and the hub's doings (beside the site's). */
export const ACTION_NOTES = [
  'ack.requested',
  'ack.confirmed',
  'ack.refused',
  'unack.requested',
  'unack.confirmed',
  'unack.refused',
  /** The hub saw an acknowledgement's expiry pass. */
  'ack.expired',
  /**
   * An acknowledgement lapsed: a non-sticky one as the alert changed severity, or one on a hub's
   * posture finding that a new device joined.
   */
  'ack.lapsed',
  /** The hub saw the alert's check start flapping (Nagios method), or settle again. */
  'check.flapping',
  'check.settled',
  /** The hub saw the alert fold under a root cause (a parent down, the site unreachable)... */
  'alert.folded',
  /** ...or stand on its own again while still open. */
  'alert.unfolded',
  /** The alert is inside a maintenance window running now (suppressed)... */
  'alert.suppressed',
  /** ...or the window is over while it is still open. */
  'alert.unsuppressed',
] as const;
export const ActionNoteKind = z.enum(ACTION_NOTES);
export type ActionNoteKind = z.infer<typeof ActionNoteKind>;

export const ActionNote = z.strictObject({
  siteId: Id,
  alertId: Id,
  at: Timestamp,
  what: ActionNoteKind,
  /** The technician, or "hub" for what the hub did on its own. */
  actor: z.string().min(1).max(200),
  source: z.enum(['technician', 'hub']),
  comment: z.string().max(2000),
  ackId: Id.nullable(),
  /** A refusal's reason, what the hub carried out itself, why an ack lapsed. */
  detail: z.string().max(500).nullable(),
});
export type ActionNote = z.infer<typeof ActionNote>;
