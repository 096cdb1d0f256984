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
    void exportAlerts(bridge, filter, format, (done, total) => {
      setStatus(`Exporting ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}…`);
    }).then((outcome) => {
      setBusy(false);
      if (!outcome.ok) {
        setStatus(`Export failed: ${outcome.message}`);
        return;
      }
      downloadBlob(outcome.blob, exportFileName(format, clock.now()));
      const capped = outcome.total > outcome.rows;
      setStatus(
        `Exported ${outcome.rows.toLocaleString('en-US')} alerts` +
          (capped
            ? ` (the first ${EXPORT_LIMIT.toLocaleString('en-US')} of ${outcome.total.toLocaleString('en-US')}: narrow the filter for the rest)`
            : ''),
      );
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
