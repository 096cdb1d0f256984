import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { Id } from '../protocol/primitives.js';

/**
 * A maintenance window: a site (or some of its devices) in planned work, once or on a recurrence,
 * in a stated time zone. Alerts inside are marked and kept out of the way (suppressed), and the
 * wall says what is in maintenance and until when.
 *
 * Local times at DST changes (the policy, decided here once):
 * - A start that does not exist that day (the clocks jump over it: 02:30 on a spring-forward
 *   night in Europe/Berlin or America/New_York) is moved **forward by the gap** (03:30): the
 *   window still happens, as long as planned.
 * - A start that exists twice (the clocks go back: 02:30 on an autumn night in Berlin) is the
 *   **first** of the two.
 * - The duration is elapsed time: a 4-hour window over a change is 4 real hours.
 * That is Temporal's "compatible" disambiguation. RFC 5545 would instead drop an occurrence whose
 * local time does not exist (rrule-temporal does so); a skipped maintenance window would page
 * people during planned work, so recurrences are expanded by date, and the time put on each date
 * by this policy (in the hub: electron/hub/alerts/maintenance-recurrence.ts).
 *
 * This schema checks a window's shape, zone, start and the form of its rule, everywhere a window
 * is read (the board reads the hub's list). Whether the rule parses is the hub's check, made on
 * the way in (`CheckedMaintenanceWindow`).
 */

/** "2026-03-29T02:30" (seconds optional): a wall-clock time in the window's zone. */
const LocalDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/,
    'expected a local date and time, e.g. 2026-03-29T02:30',
  );

export const MAX_WINDOW_MINUTES = 7 * 24 * 60;

export const MaintenanceWindow = z
  .strictObject({
    id: Id,
    siteId: Id,
    /** Only these devices; empty: the whole site. */
    deviceIds: z.array(Id).max(10_000),
    reason: z.string().trim().min(1, 'say what the work is').max(500),
    /** IANA zone the start is read in, e.g. Europe/Berlin. */
    timeZone: z.string().min(1).max(64),
    start: LocalDateTime,
    durationMinutes: z.int().min(1).max(MAX_WINDOW_MINUTES),
    /**
     * RFC 5545 recurrence of whole days, e.g. "FREQ=WEEKLY;BYDAY=SU" or
     * "FREQ=MONTHLY;BYDAY=1SA;COUNT=12"; absent: once. The time of day is `start`'s.
     */
    rrule: z.string().min(1).max(500).optional(),
  })
  .superRefine((window, ctx) => {
    const problem = windowProblem(window);
    if (problem !== null)
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

/** Parts a day-level recurrence may not have: the time of day is the window's own. */
const TIME_PARTS = /(^|;)(BYHOUR|BYMINUTE|BYSECOND)=/i;
const SUB_DAILY = /(^|;)FREQ=(HOURLY|MINUTELY|SECONDLY)(;|$)/i;

/**
 * What is wrong with a window's zone, start or the form of its rule, or null. The rule itself
 * is parsed by the hub alone (electron/hub/alerts/maintenance-recurrence.ts), the one place that
 * expands it: the board shows it as text and never needs the parser (180 KB of its page).
 */
export function windowProblem(window: {
  timeZone: string;
  start: string;
  rrule?: string | undefined;
}): { field: string; message: string } | null {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(window.timeZone);
  } catch {
    return { field: 'timeZone', message: `unknown time zone "${window.timeZone}"` };
  }
  try {
    Temporal.PlainDateTime.from(window.start);
  } catch {
    return { field: 'start', message: `"${window.start}" is not a valid date and time` };
  }
  if (window.rrule === undefined) return null;
  if (/^\s*(DTSTART|RRULE:)/i.test(window.rrule)) {
    return { field: 'rrule', message: 'give the rule alone (FREQ=…), without DTSTART or "RRULE:"' };
  }
  if (SUB_DAILY.test(window.rrule) || TIME_PARTS.test(window.rrule)) {
    return {
      field: 'rrule',
      message:
        "a maintenance recurrence repeats whole days (DAILY or longer, no BYHOUR/BYMINUTE/BYSECOND): the time is the start's",
    };
  }
  return null;
}

/** A window running now at a site, as the board shows it. */
export const ActiveMaintenance = z.strictObject({
  windowId: Id,
  reason: z.string().max(500),
  /** Only these devices; empty: the whole site. */
  deviceIds: z.array(Id).max(10_000),
  /** When this occurrence ends (epoch ms). */
  until: z.number().nonnegative(),
});
export type ActiveMaintenance = z.infer<typeof ActiveMaintenance>;

/**
 * Whether an alert is inside a running window: on a device the window covers, or any alert of
 * a site-wide one. Such an alert is suppressed: marked, and listed last in the alert list.
 */
export function inMaintenance(
  running: readonly ActiveMaintenance[],
  deviceId: string | null,
): ActiveMaintenance | null {
  for (const window of running) {
    if (window.deviceIds.length === 0) return window;
    if (deviceId !== null && window.deviceIds.includes(deviceId)) return window;
  }
  return null;
}

/** A window as the hub schedules it: from the config file, or set by a technician. */
export const ScheduledWindow = z.strictObject({
  window: MaintenanceWindow,
  source: z.enum(['config', 'technician']),
  /** Who set it (technician windows); null for the config's. */
  createdBy: z.string().max(200).nullable(),
  createdAt: z.number().nonnegative().nullable(),
  /** Its next start, or the one running now (looked for up to 31 days ahead); null: none. */
  next: z.strictObject({ start: z.number(), end: z.number() }).nullable(),
});
export type ScheduledWindow = z.infer<typeof ScheduledWindow>;
