import { Temporal } from 'temporal-polyfill';
import type { QuietHours } from './notify-config.js';

function minutesOf(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * Whether `at` (epoch ms) falls in the quiet hours, read on the wall clock of their time zone
 * (Temporal, so a DST change moves them with the local day). `from` equal to `to` is never
 * quiet; `to` before `from` runs past midnight ("22:00"–"07:00": quiet from 22:00 to 06:59).
 */
export function inQuietHours(quiet: QuietHours, at: number): boolean {
  const local = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(quiet.timeZone);
  const now = local.hour * 60 + local.minute;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return false;
  return from < to ? now >= from && now < to : now >= from || now < to;
}
