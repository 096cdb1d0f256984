import { isBeyondSkew } from '../../../shared/fleet/clock-skew.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A Julian year (365.25 d): far-off dates come out at the calendar's count of years. */
const YEAR = 365.25 * DAY;

/** What a time from the future shows instead of an age: it is not "0 s", and never negative. */
export const FUTURE_AGE = 'in the future';

/** What an age starts with when its time is further ahead of the hub than the allowed skew. */
export const CLOCK_AHEAD = 'site clock ahead by';

/** A time ahead of the hub, but within the allowed skew: neither an age nor a flag. */
export const JUST_NOW = 'just now';

/**
 * A short age for a wall screen: "12 s", "4 min", "3 h", "5 d"; "never" without data. A negative
 * age (a time not yet reached) never shows as a number: see `describeAge` for site times.
 */
export function formatAge(ms: number | null): string {
  if (ms === null) return 'never';
  if (ms < 0) return FUTURE_AGE;
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)} h`;
  return `${Math.floor(ms / DAY)} d`;
}

/**
 * A span of time to the nearest unit: "3 h" for 2 h 59 min 50 s (an age floors, since it grows;
 * how far a clock is ahead is a measurement, so it rounds). Years past a year, so an alert raised
 * in the year 10,000 reads as such rather than as millions of days.
 */
export function formatSpan(ms: number): string {
  const seconds = Math.round(ms / SECOND);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(ms / HOUR);
  if (hours < 48) return `${hours} h`;
  const days = Math.round(ms / DAY);
  if (days < 365) return `${days} d`;
  return `${Math.round(ms / YEAR)} y`;
}

/**
 * How far ahead of a display's `now` a time may be and still be "now": displays hold `now` for a
 * tick (a second), and the board's estimate of hub time jitters by up to half a second more.
 */
const NOW_SLACK_MS = 2 * SECOND;

/**
 * The age of `since`, a time a site (or the hub) stamped, at hub time `now`, as a label's value
 * ("data age 12 s", an "Updated" column); in a sentence use `describeAgo`. A time less than
 * `slackMs` ahead is simply "0 s" (see NOW_SLACK_MS; a display that holds `now` longer passes
 * its own); a time further ahead but within the allowed skew is "just now" (clocks that far apart
 * are tolerated); beyond it the site's clock is named as wrong, by how much ("site clock ahead by
 * 3 h"), never as "0 s".
 */
export function describeAge(
  since: number | null,
  now: number,
  skewMs: number,
  slackMs = NOW_SLACK_MS,
): string {
  if (since === null) return formatAge(null);
  const age = now - since;
  if (age > -slackMs) return formatAge(Math.max(0, age));
  if (!isBeyondSkew(since, now, skewMs)) return JUST_NOW;
  return `${CLOCK_AHEAD} ${formatSpan(-age)}`;
}

/**
 * The same, as a whole phrase for a sentence: "12 s ago", "never", "just now", "site clock ahead
 * by 3 h". A sentence says "Failed <describeAgo>" and never appends " ago" to `describeAge`, which
 * would read "just now ago" for a time within the skew.
 */
export function describeAgo(
  since: number | null,
  now: number,
  skewMs: number,
  slackMs = NOW_SLACK_MS,
): string {
  const text = describeAge(since, now, skewMs, slackMs);
  return since === null || text === JUST_NOW || isClockAhead(text) ? text : `${text} ago`;
}

/** True for what `describeAge` says of a time beyond the skew: a flag, not an age. */
export function isClockAhead(text: string): boolean {
  return text.startsWith(CLOCK_AHEAD);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** HH:MM:SS in this machine's time zone, 24-hour, whatever the locale. */
export function formatClock(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** HH:MM, for chart axes. */
export function formatTimeOfDay(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
