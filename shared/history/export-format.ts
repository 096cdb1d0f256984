import type { HistoryAlertRow } from '../bridge/history.js';

/**
 * The history view's export: the filtered alerts as CSV (RFC 4180) or JSON. CSV cells that a
 * spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) get
 * a leading apostrophe, so an alert title a site chose cannot execute in a technician's
 * spreadsheet (OWASP's CSV injection advice). Times are ISO 8601 in UTC.
 */

type Column = readonly [header: string, cell: (row: HistoryAlertRow) => string];

/** ISO 8601 in UTC; a time beyond what a date can hold (a hostile site's) as its number. */
function iso(ms: number | null): string {
  if (ms === null) return '';
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

export const CSV_COLUMNS: readonly Column[] = [
  ['raised_at', (r) => iso(r.raisedAt)],
  ['cleared_at', (r) => iso(r.clearedAt)],
  ['updated_at', (r) => iso(r.updatedAt)],
  ['severity', (r) => r.severity],
  ['state', (r) => (r.clearedAt === null ? 'open' : 'cleared')],
  ['customer', (r) => r.customer],
  ['site_id', (r) => r.siteId],
  ['site', (r) => r.siteName],
  ['device_id', (r) => r.deviceId ?? ''],
  ['device', (r) => r.deviceName],
  ['check', (r) => r.check],
  ['title', (r) => r.title],
  ['detail', (r) => r.detail],
  ['acknowledged_by', (r) => r.ackBy ?? ''],
  ['alert_id', (r) => r.id],
];

const FORMULA_START = /^[=+\-@\t\r]/u;
const NEEDS_QUOTES = /[",\r\n]/u;

/** One CSV field: neutralised if it could be a formula, quoted if it holds , " or a newline. */
export function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.map(([header]) => header).join(',')}\r\n`;
}

/** Rows as CSV records, each ending in CRLF (append to csvHeader()). */
export function csvRows(rows: readonly HistoryAlertRow[]): string {
  let text = '';
  for (const row of rows)
    text += `${CSV_COLUMNS.map(([, cell]) => csvCell(cell(row))).join(',')}\r\n`;
  return text;
}

/** One alert as JSON (times as ISO text beside the epoch ms). */
export function jsonRow(row: HistoryAlertRow): string {
  return JSON.stringify({
    ...row,
    raisedAtIso: iso(row.raisedAt),
    clearedAtIso: iso(row.clearedAt),
  });
}

/** Alerts already in JSON (jsonRow) as one array, one alert per line. */
export function jsonArray(rows: readonly string[]): string {
  return `[\n${rows.join(',\n')}\n]\n`;
}

export function jsonRows(rows: readonly HistoryAlertRow[]): string {
  return jsonArray(rows.map(jsonRow));
}
