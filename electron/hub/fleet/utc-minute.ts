/**
 * A moment as "2026-11-26 09:03 UTC", for reasons shown to a person. To the minute, so a reason
 * that names when something started does not change while it lasts; with the date, so it still
 * reads right days later; in UTC, because the wall and the sites may sit in other time zones.
 */
export function utcMinute(at: number): string {
  const iso = new Date(at).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
