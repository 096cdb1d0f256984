import { useState } from 'react';
import type { HistoryFilter } from '../../../../shared/bridge/history.js';
import { useBridge } from '../../bridge/bridge-context.js';
import { useBoardClock } from '../../clock/clock-context.js';
import {
  downloadBlob,
  EXPORT_LIMIT,
  exportAlerts,
  exportFileName,
  type ExportFormat,
} from '../../history/export-alerts.js';

/** Export of the filtered alerts (all pages, up to EXPORT_LIMIT), with its progress. */
export function HistoryExport({ filter }: { filter: HistoryFilter }) {
  const bridge = useBridge();
  const clock = useBoardClock();
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (format: ExportFormat) => {
    setBusy(true);
    setStatus('Exporting…');
    const progress = (done: number, total: string) => {
      setStatus(`Exporting ${done.toLocaleString('en-US')} of ${total}…`);
    };
    exportAlerts(bridge, filter, format, progress)
      .then((outcome) => {
        if (!outcome.ok) {
          setStatus(`Export failed: ${outcome.message}`);
          return;
        }
        downloadBlob(outcome.blob, exportFileName(format, clock.now()));
        const rows = outcome.rows.toLocaleString('en-US');
        const limit = EXPORT_LIMIT.toLocaleString('en-US');
        setStatus(
          outcome.complete
            ? `Exported ${rows} alerts`
            : `Exported the newest ${limit} alerts: the filter finds more; narrow it for the rest`,
        );
      })
      .catch((error: unknown) => {
        setStatus(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        setBusy(false);
      });
  };
  return (
    <div className="history-export">
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          run('csv');
        }}
        data-testid="export-csv"
      >
        Export CSV
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          run('json');
        }}
        data-testid="export-json"
      >
        Export JSON
      </button>
      <span className="muted" role="status" data-testid="export-status">
        {status}
      </span>
    </div>
  );
}
