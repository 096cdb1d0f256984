import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  type BusinessCalendarInput,
} from '../../shared/sla/business-calendar.js';
import { ALWAYS_OPEN, BusinessTime, CalendarUnreachable } from '../../shared/sla/business-time.js';
import {
  clockDue,
  clockElapsed,
  clockRemaining,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
} from '../../shared/sla/sla-clock.js';

/**
 * Business-time arithmetic against hand-worked tables: a Mon–Fri 09:00–17:00 calendar in
 * Europe/Berlin unless said otherwise. Instants are written as the customer's local time.
 */

const HOUR = 3_600_000;
const MIN = 60_000;
const BERLIN = 'Europe/Berlin';
const OFFICE = { start: '09:00', end: '17:00' };

function calendar(over: Partial<BusinessCalendarInput> = {}): BusinessTime {
  return new BusinessTime(
    BusinessCalendar.parse({
      timeZone: BERLIN,
      hours: { mon: [OFFICE], tue: [OFFICE], wed: [OFFICE], thu: [OFFICE], fri: [OFFICE] },
      ...over,
    }),
  );
}

/** "2026-12-04T16:30" in `zone` → epoch ms. */
function at(local: string, zone = BERLIN): number {
  return Temporal.PlainDateTime.from(local).toZonedDateTime(zone).epochMilliseconds;
}

/** epoch ms → "2026-12-07T12:30" in `zone`. */
function local(ms: number, zone = BERLIN): string {
  return Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(zone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });
}

describe('due instants on a business calendar', () => {
  const office = calendar();
  it.each([
    // raised (Berlin)      target  due (Berlin)        why
    ['2026-12-04T16:30', 4 * HOUR, '2026-12-07T12:30', 'Friday 16:30: 30 min Friday, 3.5 h Monday'],
    ['2026-12-07T10:00', 4 * HOUR, '2026-12-07T14:00', 'inside one day'],
    ['2026-12-07T07:00', 4 * HOUR, '2026-12-07T13:00', 'raised before opening: counts from 09:00'],
    ['2026-12-05T11:00', 1 * HOUR, '2026-12-07T10:00', 'raised on Saturday'],
    [
      '2026-12-07T16:00',
      9 * HOUR,
      '2026-12-08T17:00',
      'more than a day: 1 + 8 h, due as Tuesday closes',
    ],
    [
      '2026-03-27T16:30',
      4 * HOUR,
      '2026-03-30T12:30',
      'spring: clocks go forward on Sunday 29 March',
    ],
    [
      '2026-10-23T16:30',
      4 * HOUR,
      '2026-10-26T12:30',
      'autumn: clocks go back on Sunday 25 October',
    ],
  ])('raised %s, %d ms → due %s (%s)', (raised, target, due) => {
    const dueAt = office.add(at(raised), target);
    expect(local(dueAt)).toBe(due);
    // And back: the business time between them is the target exactly.
    expect(office.elapsed(at(raised), dueAt)).toBe(target);
  });

  it('counts real hours across a DST weekend: Friday 16:30 to Monday 12:30 is 4 business hours, not 4 ± 1', () => {
    const spring = office.elapsed(at('2026-03-27T16:30'), at('2026-03-30T12:30'));
    const autumn = office.elapsed(at('2026-10-23T16:30'), at('2026-10-26T12:30'));
    expect([spring / HOUR, autumn / HOUR]).toEqual([4, 4]);
    // The wall time between them differs by the hour the clocks moved.
    const springWall = at('2026-03-30T12:30') - at('2026-03-27T16:30');
    const autumnWall = at('2026-10-26T12:30') - at('2026-10-23T16:30');
    expect((autumnWall - springWall) / HOUR).toBe(2);
  });

  it('skips a holiday on Monday: due Tuesday 12:30', () => {
    const withHoliday = calendar({ holidays: ['2026-12-07'] });
    expect(local(withHoliday.add(at('2026-12-04T16:30'), 4 * HOUR))).toBe('2026-12-08T12:30');
    expect(withHoliday.elapsed(at('2026-12-07T00:00'), at('2026-12-08T00:00'))).toBe(0);
  });

  it('P1 with a 24×7 override counts every hour: Friday 16:30 + 4 h is Friday 20:30', () => {
    expect(local(ALWAYS_OPEN.add(at('2026-12-04T16:30'), 4 * HOUR))).toBe('2026-12-04T20:30');
    expect(ALWAYS_OPEN.elapsed(at('2026-12-04T16:30'), at('2026-12-07T12:30'))).toBe(
      at('2026-12-07T12:30') - at('2026-12-04T16:30'),
    );
  });

  it('gives viewers in New York and Kolkata the same due instant, each in their own time', () => {
    const due = office.add(at('2026-12-04T16:30'), 4 * HOUR);
    expect(new Date(due).toISOString()).toBe('2026-12-07T11:30:00.000Z');
    expect(local(due, 'America/New_York')).toBe('2026-12-07T06:30');
    expect(local(due, 'Asia/Kolkata')).toBe('2026-12-07T17:00');
    // A viewer's zone is only how the instant is shown: read back, each gives the same instant.
    expect(at('2026-12-07T06:30', 'America/New_York')).toBe(due);
    expect(at('2026-12-07T17:00', 'Asia/Kolkata')).toBe(due);
  });
});

describe('a calendar whose day crosses midnight (22:00–06:00)', () => {
  const NIGHT = { start: '22:00', end: '06:00' };
  const nights = calendar({
    hours: { mon: [NIGHT], tue: [NIGHT], wed: [NIGHT], thu: [NIGHT], fri: [NIGHT], sat: [NIGHT] },
  });

  it.each([
    ['2026-12-07T23:00', 2 * HOUR, '2026-12-08T01:00', 'inside the night'],
    [
      '2026-12-08T05:00',
      2 * HOUR,
      '2026-12-08T23:00',
      'one hour left before 06:00, then the next night',
    ],
    ['2026-12-08T12:00', 30 * MIN, '2026-12-08T22:30', 'raised by day'],
    [
      '2026-12-05T23:00',
      8 * HOUR,
      '2026-12-07T23:00',
      'Saturday night, no Sunday night: on to Monday',
    ],
  ])('raised %s, %d ms → due %s (%s)', (raised, target, due) => {
    const dueAt = nights.add(at(raised), target);
    expect(local(dueAt)).toBe(due);
    expect(nights.elapsed(at(raised), dueAt)).toBe(target);
  });

  it('counts a night over the spring change as 7 real hours and over the autumn change as 9', () => {
    expect(nights.elapsed(at('2026-03-28T22:00'), at('2026-03-29T06:00')) / HOUR).toBe(7);
    expect(nights.elapsed(at('2026-10-24T22:00'), at('2026-10-25T06:00')) / HOUR).toBe(9);
  });

  it('keeps a night that starts the evening before a holiday, and closes the one that starts on it', () => {
    const holiday = calendar({
      hours: { mon: [NIGHT], tue: [NIGHT], wed: [NIGHT], thu: [NIGHT], fri: [NIGHT] },
      holidays: ['2026-12-08'],
    });
    // Monday night into the holiday runs; the holiday's own night (Tuesday 22:00) does not.
    expect(holiday.elapsed(at('2026-12-07T22:00'), at('2026-12-08T06:00')) / HOUR).toBe(8);
    expect(holiday.elapsed(at('2026-12-08T06:00'), at('2026-12-09T21:00'))).toBe(0);
  });

  it('counts overlapping openings once (a night into a day that opens at midnight)', () => {
    const overlap = calendar({
      hours: { mon: [NIGHT], tue: [{ start: '00:00', end: '08:00' }] },
    });
    // Monday 22:00 to Tuesday 08:00 is 10 hours, not 10 + 6.
    expect(overlap.elapsed(at('2026-12-07T20:00'), at('2026-12-08T12:00')) / HOUR).toBe(10);
  });
});

describe('an SLA clock paused and resumed', () => {
  const office = calendar();

  it('inside business hours: 1 h counted, paused, resumed in the evening → due the next day', () => {
    let clock = startClock(at('2026-12-07T10:00'), 4 * HOUR);
    expect(local(clockDue(clock, office) ?? 0)).toBe('2026-12-07T14:00');
    clock = pauseClock(clock, at('2026-12-07T11:00'), office);
    expect(clockDue(clock, office)).toBeNull();
    // Paused: nothing counts, in business hours or not.
    expect(clockElapsed(clock, at('2026-12-07T16:00'), office)).toBe(HOUR);
    clock = resumeClock(clock, at('2026-12-07T20:00'));
    expect(local(clockDue(clock, office) ?? 0)).toBe('2026-12-08T12:00');
    expect(clockRemaining(clock, at('2026-12-08T10:00'), office)).toBe(2 * HOUR);
  });

  it('outside business hours: paused on Saturday, resumed Monday 10:00 → 3.5 h from then', () => {
    let clock = startClock(at('2026-12-04T16:30'), 4 * HOUR);
    clock = pauseClock(clock, at('2026-12-05T10:00'), office);
    expect(clock.accruedMs).toBe(30 * MIN);
    clock = resumeClock(clock, at('2026-12-07T10:00'));
    expect(local(clockDue(clock, office) ?? 0)).toBe('2026-12-07T13:30');
  });

  it('overdue counts up in business time; stopped, it holds', () => {
    let clock = startClock(at('2026-12-07T09:00'), 2 * HOUR);
    expect(clockRemaining(clock, at('2026-12-07T12:30'), office)).toBe(-90 * MIN);
    clock = stopClock(clock, at('2026-12-07T13:00'), office);
    expect(clockRemaining(clock, at('2026-12-09T13:00'), office)).toBe(-2 * HOUR);
    expect(clockDue(clock, office)).toBeNull();
  });
});

describe('the arithmetic holds whatever the inputs', () => {
  it('elapsed(from, add(from, t)) = t for 2,000 seeded instants and targets, both calendars', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const cals = [
      calendar({ holidays: ['2026-12-24', '2026-12-25', '2027-01-01'] }),
      calendar({
        timeZone: 'America/New_York',
        hours: { mon: [{ start: '22:00', end: '06:00' }], sat: [OFFICE] },
      }),
    ];
    const base = at('2026-01-01T00:00');
    for (let i = 0; i < 2000; i++) {
      const cal = cals[i % 2];
      if (!cal) throw new Error('no calendar');
      const from =
        base + Math.floor(random() * 730) * 86_400_000 + Math.floor(random() * 1440) * MIN;
      const target = Math.floor(random() * 60 * 60) * MIN;
      const due = cal.add(from, target);
      expect(cal.elapsed(from, due)).toBe(target);
      // A minute of calendar before the due instant, the target is not yet counted.
      const minuteBefore = due - MIN;
      if (target > 0) expect(target - cal.elapsed(from, minuteBefore)).toBeGreaterThan(0);
    }
  });

  it('says so when the calendar never opens enough (every open day a holiday)', () => {
    const closed = calendar({
      hours: { mon: [OFFICE] },
      holidays: Array.from({ length: 5000 }, (_, i) =>
        Temporal.PlainDate.from('2026-12-07').add({ weeks: i }).toString(),
      ),
    });
    expect(() => closed.add(at('2026-12-04T12:00'), HOUR)).toThrow(CalendarUnreachable);
  });
});

describe('a business calendar in the config', () => {
  const problem = (input: unknown) => {
    const parsed = BusinessCalendar.safeParse(input);
    if (parsed.success) return null;
    const issue = parsed.error.issues[0];
    return `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`;
  };

  it('names the field of a mistake', () => {
    expect(problem({ timeZone: 'Europe/Berlinn', hours: { mon: [OFFICE] } })).toMatch(
      /^timeZone: unknown time zone "Europe\/Berlinn"/,
    );
    expect(
      problem({ timeZone: BERLIN, hours: { mon: [{ start: '9:00', end: '17:00' }] } }),
    ).toMatch(/^hours\.mon\.0\.start: expected a time of day/);
    expect(problem({ timeZone: BERLIN, hours: {} })).toMatch(/^hours: the calendar is never open/);
    expect(
      problem({ timeZone: BERLIN, hours: { mon: [OFFICE] }, holidays: ['2026-02-30'] }),
    ).toMatch(/^holidays\.0: not a calendar date/);
    expect(problem({ timeZone: BERLIN, hours: { mon: [OFFICE] } })).toBeNull();
  });
});
