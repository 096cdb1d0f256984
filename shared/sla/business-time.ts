import { Temporal } from 'temporal-polyfill';
import { WEEKDAYS, type BusinessCalendar, type OpenHours } from './business-calendar.js';

/**
 * Business-time arithmetic on a calendar (pure: instants in, instants out; no clock read).
 * Instants are epoch ms. Each local date's openings are turned into instants once, with
 * Temporal (temporal-polyfill, the native Temporal where the runtime has one) and kept: the sums
 * then walk cached days, so recomputing every clock after a change is instant
 * (`npm run bench:business-time`).
 *
 * Local times at DST changes (the policy, the same as maintenance windows'):
 * - An opening or closing time that does not exist that day (the clocks jump over it) is moved
 *   forward by the gap: 02:30 on a spring-forward night is 03:30.
 * - One that exists twice (the clocks go back) is the first of the two.
 * That is Temporal's "compatible" disambiguation. Business time is real elapsed time inside the
 * openings: a 22:00-06:00 night over a change is 7 or 9 hours, as the clocks on the wall say.
 * - Holidays close every opening that starts on that date (a night shift starting on New
 *   Year's Eve runs; one starting on New Year's Day does not).
 * - Openings that overlap (a night shift into the next day's early hours) count once.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** UTC offsets reach +14 h and -12 h: a local date's openings lie within these bounds of UTC. */
const MAX_AHEAD_MS = 14 * HOUR_MS;
/** How far a due instant is searched: a target never reached in 20 years is a config mistake. */
const MAX_DAYS = 20 * 366;
/** Days kept per calendar before the cache starts again (about 27 years of dates). */
const MAX_CACHED_DAYS = 10_000;

const EPOCH = Temporal.PlainDate.from('1970-01-01');
const NO_OPENINGS: readonly number[] = [];

export class CalendarUnreachable extends Error {}

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Business time on one calendar. Keep one per calendar: its cache is its speed. */
export class BusinessTime {
  /** Local date (days since 1970-01-01) → its openings as [start, end, start, end…] instants. */
  private readonly days = new Map<number, readonly number[]>();
  private readonly holidays: ReadonlySet<string>;
  private readonly byWeekday: readonly (readonly OpenHours[])[];

  constructor(readonly calendar: BusinessCalendar) {
    this.holidays = new Set(calendar.holidays);
    // Temporal's dayOfWeek: 1 is Monday … 7 is Sunday.
    this.byWeekday = [[], ...WEEKDAYS.map((day) => calendar.hours[day] ?? [])];
  }

  /** Business time (ms) from `from` to `to`; 0 when `to` is not after `from`. */
  elapsed(from: number, to: number): number {
    if (to <= from) return 0;
    let total = 0;
    let cursor = from;
    for (let day = firstDay(from); day * DAY_MS - MAX_AHEAD_MS < to; day++) {
      const open = this.openings(day);
      for (let i = 0; i < open.length; i += 2) {
        const start = Math.max(open[i] ?? 0, cursor);
        const end = Math.min(open[i + 1] ?? 0, to);
        if (end <= start) continue;
        total += end - start;
        cursor = end;
      }
    }
    return total;
  }

  /**
   * The instant when `ms` of business time has passed since `from` (a due instant). Zero or less:
   * `from` itself. Throws CalendarUnreachable when the calendar does not open enough within 20
   * years (holidays covering every open day).
   */
  add(from: number, ms: number): number {
    if (ms <= 0) return from;
    let left = ms;
    let cursor = from;
    const first = firstDay(from);
    for (let day = first; day < first + MAX_DAYS; day++) {
      const open = this.openings(day);
      for (let i = 0; i < open.length; i += 2) {
        const start = Math.max(open[i] ?? 0, cursor);
        const end = open[i + 1] ?? 0;
        if (end <= start) continue;
        if (end - start >= left) return start + left;
        left -= end - start;
        cursor = end;
      }
    }
    throw new CalendarUnreachable(
      `the calendar in ${this.calendar.timeZone} does not open for ${Math.round(ms / 60_000)} business minutes within 20 years`,
    );
  }

  /** Whether the calendar is open at `at`. */
  isOpen(at: number): boolean {
    return this.elapsed(at, at + 1) > 0;
  }

  /** The local date's openings as instants, sorted by start (computed once, then cached). */
  private openings(day: number): readonly number[] {
    const cached = this.days.get(day);
    if (cached !== undefined) return cached;
    if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
    const computed = this.compute(day);
    this.days.set(day, computed);
    return computed;
  }

  private compute(day: number): readonly number[] {
    const date = EPOCH.add({ days: day });
    const hours = this.byWeekday[date.dayOfWeek] ?? [];
    if (hours.length === 0 || this.holidays.has(date.toString())) return NO_OPENINGS;
    const out: [number, number][] = [];
    for (const { start, end } of hours) {
      const from = minutes(start);
      const to = minutes(end);
      // An end at or before the start runs into the next day; 24:00 is the next midnight.
      const endDay = to <= from || to === 24 * 60 ? 1 : 0;
      const startAt = this.instant(date, from);
      const endAt = this.instant(date.add({ days: endDay }), to === 24 * 60 ? 0 : to);
      if (endAt > startAt) out.push([startAt, endAt]);
    }
    out.sort((a, b) => a[0] - b[0]);
    return out.flat();
  }

  private instant(date: Temporal.PlainDate, minuteOfDay: number): number {
    const time = new Temporal.PlainTime(Math.floor(minuteOfDay / 60), minuteOfDay % 60);
    return date
      .toPlainDateTime(time)
      .toZonedDateTime(this.calendar.timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
  }
}

/** The first local date whose openings can reach `at` (a night shift ends two dates on). */
function firstDay(at: number): number {
  return Math.floor(at / DAY_MS) - 3;
}

/** What an SLA clock counts in: a calendar's business time, or all time (a 24×7 priority). */
export interface TimeBasis {
  elapsed(from: number, to: number): number;
  add(from: number, ms: number): number;
}

/** Every moment counts: a 24×7 priority (P1, typically), or a customer without a calendar. */
export const ALWAYS_OPEN: TimeBasis = {
  elapsed: (from, to) => Math.max(0, to - from),
  add: (from, ms) => from + Math.max(0, ms),
};
