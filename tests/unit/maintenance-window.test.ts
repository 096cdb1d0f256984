import { describe, expect, it } from 'vitest';
import {
  activeAt,
  CheckedMaintenanceWindow,
  nextStart,
  occurrences,
} from '../../electron/hub/alerts/maintenance-recurrence.js';
import { MaintenanceWindow } from '../../shared/maintenance/maintenance-window.js';
import { describeIssues } from '../../shared/protocol/errors.js';

/**
 * Maintenance windows across DST changes, in Europe/Berlin and America/New_York, against UTC
 * instants worked out by hand (Berlin: CET = UTC+1, CEST = UTC+2, changes 2026-03-29 02:00 →
 * 03:00 and 2026-10-25 03:00 → 02:00; New York: EST = UTC−5, EDT = UTC−4, changes 2026-03-08
 * 02:00 → 03:00 and 2026-11-01 02:00 → 01:00).
 */

const utc = (text: string) => Date.parse(`${text}Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/** What `schema` says of a window with `over` changed: 'accepted', or its issues. */
const verdictOf =
  (schema: typeof MaintenanceWindow) =>
  (over: Record<string, unknown>): string => {
    const parsed = schema.safeParse({
      id: 'w',
      siteId: 'hq',
      deviceIds: [],
      reason: 'x',
      timeZone: 'Europe/Berlin',
      start: '2026-03-01T02:30',
      durationMinutes: 60,
      ...over,
    });
    return parsed.success ? 'accepted' : describeIssues(parsed.error);
  };

function window(over: Partial<MaintenanceWindow>): CheckedMaintenanceWindow {
  return CheckedMaintenanceWindow.parse({
    id: 'w1',
    siteId: 'hq',
    deviceIds: [],
    reason: 'Firmware update',
    timeZone: 'Europe/Berlin',
    start: '2026-03-01T02:30',
    durationMinutes: 60,
    ...over,
  });
}

describe('maintenance windows across DST changes', () => {
  it('Berlin, weekly on Sunday 02:30: the night the clocks jump over 02:30 it starts at 03:30', () => {
    const weekly = window({ rrule: 'FREQ=WEEKLY;BYDAY=SU' });
    const found = occurrences(weekly, utc('2026-03-21T00:00'), utc('2026-04-06T00:00'));
    expect(found.map((o) => [iso(o.start), iso(o.end)])).toEqual([
      ['2026-03-22T01:30', '2026-03-22T02:30'], // 02:30 CET
      ['2026-03-29T01:30', '2026-03-29T02:30'], // 02:30 does not exist: 03:30 CEST, not skipped
      ['2026-04-05T00:30', '2026-04-05T01:30'], // 02:30 CEST
    ]);
  });

  it('Berlin, a window that crosses the change lasts its elapsed length (3 h = 01:00 CET → 05:00 CEST)', () => {
    const once = window({ start: '2026-03-29T01:00', durationMinutes: 180 });
    expect(activeAt(once, utc('2026-03-29T02:59'))).toEqual({
      start: utc('2026-03-29T00:00'),
      end: utc('2026-03-29T03:00'),
    });
    expect(activeAt(once, utc('2026-03-29T03:00'))).toBeNull();
  });

  it('Berlin, autumn: a start that happens twice (02:30 on 25 October) is the first one', () => {
    const once = window({ start: '2026-10-25T02:30', durationMinutes: 240 });
    expect(occurrences(once, utc('2026-10-24T00:00'), utc('2026-10-26T00:00'))).toEqual([
      { start: utc('2026-10-25T00:30'), end: utc('2026-10-25T04:30') }, // 02:30 CEST, 4 real hours
    ]);
  });

  it('New York, weekly on Sunday 02:00: 8 March has no 02:00, so 03:00 EDT; the week after, 02:00 EDT', () => {
    const weekly = window({
      timeZone: 'America/New_York',
      start: '2026-03-01T02:00',
      durationMinutes: 120,
      rrule: 'FREQ=WEEKLY;BYDAY=SU',
    });
    const found = occurrences(weekly, utc('2026-03-01T00:00'), utc('2026-03-16T00:00'));
    expect(found.map((o) => iso(o.start))).toEqual([
      '2026-03-01T07:00', // 02:00 EST
      '2026-03-08T07:00', // no 02:00: 03:00 EDT
      '2026-03-15T06:00', // 02:00 EDT
    ]);
  });

  it('New York, autumn: 01:30 on 1 November is the first (EDT); an hour later it is 01:30 again (EST)', () => {
    const once = window({ timeZone: 'America/New_York', start: '2026-11-01T01:30' });
    const [only] = occurrences(once, utc('2026-11-01T00:00'), utc('2026-11-02T00:00'));
    expect(only).toEqual({ start: utc('2026-11-01T05:30'), end: utc('2026-11-01T06:30') });
  });

  it('a monthly rule, the next start, and a rule with a count that runs out', () => {
    const monthly = window({ start: '2026-01-03T22:00', rrule: 'FREQ=MONTHLY;BYDAY=1SA;COUNT=3' });
    // First Saturdays: 3 Jan, 7 Feb, 7 Mar 2026 at 22:00 CET (21:00 UTC); then none.
    expect(iso(nextStart(monthly, utc('2026-01-10T00:00'))?.start ?? 0)).toBe('2026-02-07T21:00');
    expect(nextStart(monthly, utc('2026-03-08T00:00'))).toBeNull();
    expect(activeAt(monthly, utc('2026-03-07T21:30'))?.end).toBe(utc('2026-03-07T22:00'));
  });

  it('keeps the last day of an UNTIL given before noon, and the start as the first occurrence', () => {
    const daily = window({ start: '2026-03-03T02:00', rrule: 'FREQ=DAILY;UNTIL=20260305T010000Z' });
    const found = occurrences(daily, utc('2026-03-01T00:00'), utc('2026-03-10T00:00'));
    expect(found.map((o) => iso(o.start))).toEqual([
      '2026-03-03T01:00',
      '2026-03-04T01:00',
      '2026-03-05T01:00',
    ]);
    // A Thursday start with a Sunday rule: the Thursday is the first, then the Sundays.
    const sundays = window({ start: '2026-03-05T02:00', rrule: 'FREQ=WEEKLY;BYDAY=SU' });
    const next = occurrences(sundays, utc('2026-03-01T00:00'), utc('2026-03-16T00:00'));
    expect(next.map((o) => iso(o.start).slice(0, 10))).toEqual([
      '2026-03-05',
      '2026-03-08',
      '2026-03-15',
    ]);
  });

  it('a daily window longer than a day runs until the last overlapping occurrence ends', () => {
    const long = window({
      start: '2026-06-01T00:00',
      durationMinutes: 3 * 1440,
      rrule: 'FREQ=DAILY;COUNT=3',
    });
    // 1 June 00:00 CEST (31 May 22:00 UTC) + three 3-day windows: the last ends 6 June 00:00 CEST.
    expect(activeAt(long, utc('2026-06-02T12:00'))?.end).toBe(utc('2026-06-05T22:00'));
  });

  it('refuses, naming the field, an unknown zone, a sub-daily or timed rule, and a rule that does not parse', () => {
    const problem = verdictOf(CheckedMaintenanceWindow);
    expect(problem({ timeZone: 'Mars/Olympus' })).toBe(
      'timeZone: unknown time zone "Mars/Olympus"',
    );
    expect(problem({ rrule: 'FREQ=HOURLY' })).toMatch(
      /^rrule: a maintenance recurrence repeats whole days/,
    );
    expect(problem({ rrule: 'FREQ=DAILY;BYHOUR=3' })).toMatch(
      /^rrule: a maintenance recurrence repeats whole days/,
    );
    expect(problem({ rrule: 'FREQ=SOMETIMES' })).toMatch(/^rrule: not a recurrence rule/);
    expect(problem({ start: '2026-02-30T02:30' })).toBe(
      'start: "2026-02-30T02:30" is not a valid date and time',
    );
    expect(problem({ rrule: 'FREQ=DAILY' })).toBe('accepted');
    // The start's reason alone: no second complaint about a rule read against no date.
    expect(problem({ start: '2026-02-30T02:30', rrule: 'FREQ=DAILY' })).toBe(
      'start: "2026-02-30T02:30" is not a valid date and time',
    );
  });

  it("on the board (the shared schema): the same checks but the rule's parse, which is the hub's", () => {
    const board = verdictOf(MaintenanceWindow);
    expect(board({ timeZone: 'Mars/Olympus' })).toBe('timeZone: unknown time zone "Mars/Olympus"');
    expect(board({ rrule: 'FREQ=HOURLY' })).toMatch(/^rrule: a maintenance recurrence repeats/);
    expect(board({ rrule: 'RRULE:FREQ=DAILY' })).toMatch(/^rrule: give the rule alone/);
    expect(board({ rrule: 'x'.repeat(501) })).toMatch(/^rrule: /);
    // Shown as text, never expanded on the board: the hub refused it on the way in.
    expect(board({ rrule: 'FREQ=SOMETIMES' })).toBe('accepted');
  });
});
