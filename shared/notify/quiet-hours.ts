import { inDailySpan } from '../daily-span.js';
import type { QuietHours } from './notify-config.js';

/**
 * Whether `at` (epoch ms) falls in the quiet hours, read on the wall clock of their time zone
 * (Temporal, so a DST change moves them with the local day). `from` equal to `to` is never
 * quiet; `to` before `from` runs past midnight ("22:00"–"07:00": quiet from 22:00 to 06:59).
 */
export function inQuietHours(quiet: QuietHours, at: number): boolean {
  return inDailySpan(quiet, at);
}
