import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';

/**
 * A customer's business calendar: opening hours per weekday in the customer's time zone, and
 * holidays. SLA clocks with business-hours targets count only the time it is open
 * (shared/sla/business-time.ts). A contract's 24×7 priorities (P1, typically) use no calendar.
 */

/** "09:00" or "17:30": a wall-clock time of day; "24:00" closes at midnight. */
const TimeOfDay = z
  .string()
  .regex(
    /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/,
    'expected a time of day, e.g. 09:00 (24:00: midnight)',
  );

/** A start is a time of the day itself: 24:00 is the next day's 00:00. */
const StartOfDay = TimeOfDay.refine((time) => time !== '24:00', {
  error: "a day opens at 00:00-23:59 (24:00 is the next day's 00:00)",
});

/** One opening of a day. An end at or before the start runs past midnight into the next day. */
export const OpenHours = z
  .strictObject({ start: StartOfDay, end: TimeOfDay })
  .refine((hours) => hours.start !== hours.end, {
    error: 'start and end are the same: give the opening hours (00:00-24:00 is the whole day)',
  });
export type OpenHours = z.infer<typeof OpenHours>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const DayHours = z.array(OpenHours).max(4);

const PlainDateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date, e.g. 2026-12-25')
  .refine(
    (text) => {
      try {
        Temporal.PlainDate.from(text, { overflow: 'reject' });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'not a calendar date' },
  );

export const BusinessCalendar = z
  .strictObject({
    /** IANA zone the hours are read in, e.g. Europe/Berlin. */
    timeZone: z.string().min(1).max(64),
    /** Opening hours per weekday; a day left out is closed. */
    hours: z.strictObject({
      mon: DayHours.optional(),
      tue: DayHours.optional(),
      wed: DayHours.optional(),
      thu: DayHours.optional(),
      fri: DayHours.optional(),
      sat: DayHours.optional(),
      sun: DayHours.optional(),
    }),
    /** Dates closed all day, in the calendar's zone (an opening that starts on one is closed). */
    holidays: z.array(PlainDateText).max(5000).default([]),
  })
  .superRefine((calendar, ctx) => {
    try {
      Temporal.Now.zonedDateTimeISO(calendar.timeZone);
    } catch {
      ctx.addIssue({
        code: 'custom',
        path: ['timeZone'],
        message: `unknown time zone "${calendar.timeZone}" (expected an IANA name, e.g. Europe/Berlin)`,
      });
    }
    const open = WEEKDAYS.some((day) => (calendar.hours[day]?.length ?? 0) > 0);
    if (!open) {
      ctx.addIssue({
        code: 'custom',
        path: ['hours'],
        message: 'the calendar is never open: give at least one day its hours',
      });
    }
  });
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;
export type BusinessCalendarInput = z.input<typeof BusinessCalendar>;
