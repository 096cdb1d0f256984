import { RRuleTemporal } from 'rrule-temporal';
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
 * by this policy.
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

/** One occurrence, as instants (epoch ms). */
export interface Occurrence {
  readonly start: number;
  readonly end: number;
}

/** Parts a day-level recurrence may not have: the time of day is the window's own. */
const TIME_PARTS = /(^|;)(BYHOUR|BYMINUTE|BYSECOND)=/i;
const SUB_DAILY = /(^|;)FREQ=(HOURLY|MINUTELY|SECONDLY)(;|$)/i;

function windowProblem(window: {
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
  try {
    dateRule(window.rrule, Temporal.PlainDate.from(window.start.slice(0, 10)));
  } catch (error) {
    return { field: 'rrule', message: `not a recurrence rule: ${(error as Error).message}` };
  }
  return null;
}

/**
 * The rule over dates: anchored at midnight UTC on the start's date (the dates are read as plain
 * dates, so no zone moves one; an UNTIL on the last day, whatever its time, keeps that day). The
 * start's own date is always an occurrence, as the window's first.
 */
function dateRule(rrule: string, firstDate: Temporal.PlainDate): RRuleTemporal {
  const dtstart = Temporal.ZonedDateTime.from({
    year: firstDate.year,
    month: firstDate.month,
    day: firstDate.day,
    timeZone: 'UTC',
  });
  return new RRuleTemporal({ rruleString: rrule, dtstart, includeDtstart: true });
}

/** The instant a local date at the window's time of day is, by the DST policy above. */
function startOn(window: MaintenanceWindow, date: Temporal.PlainDate): number {
  const time = Temporal.PlainDateTime.from(window.start).toPlainTime();
  return date
    .toPlainDateTime(time)
    .toZonedDateTime(window.timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/**
 * The occurrences that overlap [from, to), in order. Dates are looked at from a little before
 * `from` (an occurrence that began earlier may still be running) to `to`.
 */
export function occurrences(window: MaintenanceWindow, from: number, to: number): Occurrence[] {
  const durationMs = window.durationMinutes * 60_000;
  const first = Temporal.PlainDate.from(window.start.slice(0, 10));
  const zoneDate = (ms: number) =>
    Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(window.timeZone).toPlainDate();
  const lookBackDays = Math.ceil(window.durationMinutes / 1440) + 1;
  const fromDate = zoneDate(from).subtract({ days: lookBackDays });
  const toDate = zoneDate(to).add({ days: 1 });
  let dates: Temporal.PlainDate[];
  if (window.rrule === undefined) {
    dates = [first];
  } else {
    const rule = dateRule(window.rrule, first);
    const midnight = (date: Temporal.PlainDate) =>
      new Date(Date.UTC(date.year, date.month - 1, date.day));
    dates = rule
      .between(midnight(fromDate), midnight(toDate), true)
      .map((zoned) => Temporal.PlainDate.from(zoned.toPlainDate().toString()));
  }
  const result: Occurrence[] = [];
  for (const date of dates) {
    const start = startOn(window, date);
    const end = start + durationMs;
    if (end > from && start < to) result.push({ start, end });
  }
  return result.sort((a, b) => a.start - b.start);
}

/**
 * The maintenance running at `at`, or null: occurrences that overlap or touch (a 3-day window
 * every day) count as one stretch, from the earliest running start to where the chain ends,
 * looked for up to `horizonMs` ahead.
 */
export function activeAt(
  window: MaintenanceWindow,
  at: number,
  horizonMs = 2 * MAX_WINDOW_MINUTES * 60_000,
): Occurrence | null {
  return stretchAt(occurrences(window, at, at + horizonMs), at);
}

/** Of occurrences in start order, the stretch running at `at` (chained while they overlap). */
export function stretchAt(found: readonly Occurrence[], at: number): Occurrence | null {
  const running = found.filter((o) => o.start <= at && at < o.end);
  if (running.length === 0) return null;
  const start = Math.min(...running.map((o) => o.start));
  let end = Math.max(...running.map((o) => o.end));
  for (const o of found) if (o.start <= end && o.end > end) end = o.end;
  return { start, end };
}

/** The next occurrence to start after `at` within `horizonMs`, or null. */
export function nextStart(
  window: MaintenanceWindow,
  at: number,
  horizonMs = 400 * 86_400_000,
): Occurrence | null {
  return occurrences(window, at, at + horizonMs).find((o) => o.start > at) ?? null;
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
