import { z } from 'zod';
import { Id, Timestamp } from '../protocol/primitives.js';
import { Severity } from '../protocol/alert.js';

/**
 * A notice: what a technician's desktop (a native notification) or browser tab (the page's
 * Notification API) shows, made by the hub's notifier from new alerts and SLA warnings after
 * rules, quiet hours and coalescing (docs/notifications.md). It crosses the bridge, so it has a
 * schema like every event.
 */

/** Where a click on the notice takes the board. */
export const NoticeTarget = z.discriminatedUnion('view', [
  /** One site's view: its alert, or the site of a storm. */
  z.strictObject({ view: z.literal('site'), siteId: Id, alertId: Id.nullable() }),
  /** The SLA board (an SLA warning or breach; several sites' warnings name no one incident). */
  z.strictObject({ view: z.literal('sla'), siteId: Id.nullable(), incidentId: Id.nullable() }),
  /** Every open alert (a storm across sites). */
  z.strictObject({ view: z.literal('alerts') }),
]);
export type NoticeTarget = z.infer<typeof NoticeTarget>;

export const Notice = z.strictObject({
  /** Unique per notice from this hub (a click names it). */
  id: z.string().min(1).max(100),
  /** The worst severity it covers (an SLA breach counts as disaster, a warning as high). */
  severity: Severity,
  title: z.string().min(1).max(300),
  body: z.string().max(1000),
  /** Events it covers (1 for a single alert). */
  count: z.int().min(1),
  target: NoticeTarget,
  /** Whether it should make a sound (config `notifications.sound`). */
  sound: z.boolean(),
  at: Timestamp,
});
export type Notice = z.infer<typeof Notice>;
