import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import {
  MAX_WINDOW_MINUTES,
  MaintenanceWindow,
  windowProblem,
} from '../../../shared/maintenance/maintenance-window.js';

/**
 * A maintenance window's recurrence, expanded: the hub's alone. It holds the windows, decides
 * which run when (maintenance-schedule.ts) and tells the board; the board shows a rule as text,
 * so the parser (rrule-temporal, 180 KB minified) stays out of its page. The DST policy the
 * expansion follows is maintenance-window.ts's.
 */

/** One occurrence, as instants (epoch ms). */
export interface Occurrence {
  readonly start: number;
  readonly end: number;
}

/**
 * A window as the hub takes it in (its config file, a technician, its store): the shared
 * schema's checks, and its rule parsed. Branded, so the hub's schedule, store and expansion take
 * only a window that went through this check (the shared type, which the board also parses with,
 * does not parse the rule).
 */
export const CheckedMaintenanceWindow = MaintenanceWindow.superRefine((window, ctx) => {
  // A window the shared checks refused (a bad start, say) gets their reason alone: zod runs
  // this refinement anyway, and the rule cannot be read against a start that is not a date.
  if (window.rrule === undefined || windowProblem(window) !== null) return;
  try {
    dateRule(window.rrule, Temporal.PlainDate.from(window.start.slice(0, 10)));
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      path: ['rrule'],
      message: `not a recurrence rule: ${(error as Error).message}`,
    });
  }
}).brand<'CheckedMaintenanceWindow'>();
export type CheckedMaintenanceWindow = z.infer<typeof CheckedMaintenanceWindow>;

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
function startOn(window: CheckedMaintenanceWindow, date: Temporal.PlainDate): number {
  const time = Temporal.PlainDateTime.from(window.start).toPlainTime();
  return date
    .toPlainDateTime(time)
    .toZonedDateTime(window.timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/**
 * The occurrences that overlap [from, to), in order. Dates are looked at from a little before
 * `from` (an occurrence that began earlier may still be running) to `to`.
 */
export function occurrences(
  window: CheckedMaintenanceWindow,
  from: number,
  to: number,
): Occurrence[] {
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
  window: CheckedMaintenanceWindow,
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
  window: CheckedMaintenanceWindow,
  at: number,
  horizonMs = 400 * 86_400_000,
): Occurrence | null {
  return occurrences(window, at, at + horizonMs).find((o) => o.start > at) ?? null;
}
