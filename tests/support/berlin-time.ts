import { Temporal } from 'temporal-polyfill';

/** The SLA tests' hand-worked instants, in Europe/Berlin local time ("2026-03-09T10:30"). */
export const at = (local: string): number =>
  Temporal.PlainDateTime.from(local).toZonedDateTime('Europe/Berlin').epochMilliseconds;

/** An instant as Berlin local time to the minute, to compare with a hand-worked one. */
export const local = (ms: number | null): string | null =>
  ms === null
    ? null
    : Temporal.Instant.fromEpochMilliseconds(ms)
        .toZonedDateTimeISO('Europe/Berlin')
        .toPlainDateTime()
        .toString({ smallestUnit: 'minute' });
