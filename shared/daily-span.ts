import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';

/**
 * A span of each day, on the wall clock of a time zone: quiet hours (shared/notify/), the hours a
 * screen runs another playlist (shared/displays/). An end before the start runs past midnight
 * ("22:00"–"07:00" is the night); the same start and end is never. With `days`, only spans that
 * start on those weekdays (a night span from Friday runs into Saturday morning).
 */

export const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day as HH:MM (24-hour), e.g. "22:00"');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

export function knownTimeZone(zone: string): boolean {
  try {
    Temporal.Now.zonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneName = z
  .string()
  .refine(knownTimeZone, 'expected an IANA time zone, e.g. "Europe/London"');

export interface DailySpan {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly days?: readonly Weekday[] | undefined;
}

function minutesOf(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Whether `at` (epoch ms) falls in the span, read on its zone's wall clock (DST included). */
export function inDailySpan(span: DailySpan, at: number): boolean {
  const local = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(span.timeZone);
  const now = local.hour * 60 + local.minute;
  const from = minutesOf(span.from);
  const to = minutesOf(span.to);
  if (from === to) return false;
  // Temporal: Monday is 1, Sunday 7.
  const today = WEEKDAYS[local.dayOfWeek - 1] ?? 'mon';
  const yesterday = WEEKDAYS[(local.dayOfWeek + 5) % 7] ?? 'sun';
  const on = (day: Weekday) => span.days === undefined || span.days.includes(day);
  if (from < to) return on(today) && now >= from && now < to;
  return (now >= from && on(today)) || (now < to && on(yesterday));
}
