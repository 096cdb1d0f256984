import { z } from 'zod';
import { ClockTime, TimeZoneName } from '../daily-span.js';
import { Severity } from '../protocol/alert.js';
import { Priority } from '../sla/contract.js';
import { ALERT_STATES } from './notable.js';

/**
 * The config file's `notifications` section (docs/notifications.md): which events become a
 * notice, how a storm is coalesced, and when to keep quiet. Validated like the rest of the
 * config: an error names the file and the field.
 */

/**
 * One rule: a notice goes out when any rule matches. Every field narrows; a field left out
 * matches everything. Alerts match on customer, site, severity and state; SLA warnings on
 * customer, site and priority.
 */
export const NotifyRule = z.strictObject({
  /** Customers (as in each site's `customer`). */
  customers: z.array(z.string().min(1).max(200)).min(1).max(1000).optional(),
  /** Site ids. */
  sites: z.array(z.string().min(1).max(200)).min(1).max(10_000).optional(),
  /** New alerts at or above this severity. Default: high. */
  minSeverity: Severity.default('high'),
  /**
   * Alerts in these states: open (the default), or also those already acknowledged, on a
   * flapping check, or in maintenance (a technician who wants to hear of planned work's alerts).
   */
  states: z.array(z.enum(ALERT_STATES)).min(1).default(['open']),
  /** SLA warnings and breaches of incidents at these priorities. Default: every priority. */
  priorities: z.array(Priority).min(1).optional(),
  /** What the rule covers: new alerts, SLA warnings and breaches, or both (the default). */
  events: z
    .array(z.enum(['alerts', 'sla']))
    .min(1)
    .default(['alerts', 'sla']),
});
export type NotifyRule = z.infer<typeof NotifyRule>;

export const QuietHours = z.strictObject({
  /** Start and end, local time in `timeZone`; an end before the start runs past midnight. */
  from: ClockTime,
  to: ClockTime,
  timeZone: TimeZoneName,
  /** What still gets through while quiet: alerts at or above it, and SLA breaches. */
  allowSeverity: Severity.default('disaster'),
});
export type QuietHours = z.infer<typeof QuietHours>;

export const DEFAULT_GROUP_WAIT_SECONDS = 5;
export const DEFAULT_GROUP_INTERVAL_SECONDS = 60;
export const DEFAULT_MAX_PER_MINUTE = 3;

export const NotifyConfig = z.strictObject({
  /** False: no notices at all (the board still shows everything). */
  enabled: z.boolean().default(true),
  rules: z
    .array(NotifyRule)
    .max(200)
    .default([{ minSeverity: 'high', states: ['open'], events: ['alerts', 'sla'] }]),
  /**
   * A site's first new alert waits this long for others to join it: a storm's first seconds
   * become one notice (Alertmanager's group_wait).
   */
  groupWaitSeconds: z.number().min(0).max(600).default(DEFAULT_GROUP_WAIT_SECONDS),
  /** After a site's notice, more of its alerts wait this long and go out as one (group_interval). */
  groupIntervalSeconds: z.number().min(1).max(86_400).default(DEFAULT_GROUP_INTERVAL_SECONDS),
  /** At most this many notices in any minute; the rest are folded into one summary. */
  maxPerMinute: z.int().min(1).max(60).default(DEFAULT_MAX_PER_MINUTE),
  /** Hours when only the worst gets through (e.g. nights on a desk that is not the on-call's). */
  quietHours: QuietHours.nullable().default(null),
  /** Severities whose notices make a sound; the rest are silent. */
  sound: z.array(Severity).default(['disaster', 'high']),
});
export type NotifyConfig = z.infer<typeof NotifyConfig>;

export const DEFAULT_NOTIFY_CONFIG: NotifyConfig = NotifyConfig.parse({});
