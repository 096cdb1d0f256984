import type { BridgeResult, NocBridge } from '../../../shared/bridge/contract.js';
import {
  MAX_PAGE,
  type HistoryAlertsResult,
  type HistoryFilter,
} from '../../../shared/bridge/history.js';
import { csvHeader, csvRows, jsonArray, jsonRow } from '../../../shared/history/export-format.js';
import { invokeChecked } from '../bridge/invoke-checked.js';

/** The most alerts one export takes: beyond, the file says so in its name and the view says why. */
export const EXPORT_LIMIT = 100_000;

export type ExportFormat = 'csv' | 'json';

export type ExportOutcome =
  | {
      readonly ok: true;
      readonly blob: Blob;
      readonly rows: number;
      /** False when the filter found more than EXPORT_LIMIT: the file holds the newest. */
      readonly complete: boolean;
    }
  | { readonly ok: false; readonly message: string };

/**
 * Fetches the filtered alerts a page at a time (never all at once) and builds the file, saying
 * how far it has got after each page. JSON pages are joined into one array.
 */
export async function exportAlerts(
  bridge: NocBridge,
  filter: HistoryFilter,
  format: ExportFormat,
  onProgress: (done: number, total: string) => void,
): Promise<ExportOutcome> {
  const parts: string[] = format === 'csv' ? [csvHeader()] : [];
  const json: string[] = [];
  let cursor: { raisedAt: number; rowId: number } | null = null;
  let done = 0;
  do {
    const page: BridgeResult<HistoryAlertsResult> = await invokeChecked(bridge, 'history.alerts', {
      filter,
      limit: MAX_PAGE,
      cursor,
    });
    if (!page.ok) return { ok: false, message: page.error.message };
    const rows = page.value.rows.slice(0, EXPORT_LIMIT - done);
    if (format === 'csv') parts.push(csvRows(rows));
    else json.push(...rows.map(jsonRow));
    done += rows.length;
    cursor = page.value.next;
    const { total, totalCapped } = page.value;
    onProgress(done, `${total.toLocaleString('en-US')}${totalCapped ? '+' : ''}`);
  } while (cursor !== null && done < EXPORT_LIMIT);
  if (format === 'json') parts.push(jsonArray(json));
  const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json';
  return { ok: true, blob: new Blob(parts, { type }), rows: done, complete: cursor === null };
}

/** `alerts-2026-12-01T0930Z.csv`: when the export was made, in UTC. */
export function exportFileName(format: ExportFormat, now: number): string {
  const stamp = new Date(now).toISOString().slice(0, 16).replace(/[-:]/g, '');
  return `alerts-${stamp}Z.${format}`;
}

/** Hands the file to the browser's (or Electron's) download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // After the click's task: the download has taken the URL by then.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
}
