import { useState } from 'react';
import type { HistoryAlertRow, HistoryFilter } from '../../../../shared/bridge/history.js';
import { useBoardClock } from '../../clock/clock-context.js';
import { useHistoryPages } from '../../history/use-history-pages.js';
import { WALL_HREF } from '../../routing/hash-route.js';
import { AlertTimeline } from './AlertTimeline.js';
import { SlaCompliance } from './SlaCompliance.js';
import { HistoryExport } from './HistoryExport.js';
import { HistoryFilters } from './HistoryFilters.js';
import { HistoryTable, rowKey } from './HistoryTable.js';
import { MetricHistory } from './MetricHistory.js';

const DAY = 24 * 3_600_000;
/** Around an alert, the metric chart shows this much before it was raised and after it cleared. */
const CHART_MARGIN_MS = 3_600_000;

function lastDay(now: number): HistoryFilter {
  return {
    from: now - DAY,
    to: now,
    customers: [],
    siteIds: [],
    deviceId: null,
    severities: [],
    states: [],
    text: '',
  };
}

/**
 * The incident history from the hub's store: works with every site unreachable, and with no
 * network at all in the desktop app. Filter, page through, open an alert's timeline and its
 * device's metrics, export what the filter finds.
 */
export function HistoryView() {
  const clock = useBoardClock();
  const [filter, setFilter] = useState(() => lastDay(clock.now()));
  const pages = useHistoryPages(filter);
  const [selection, setSelection] = useState<{ row: HistoryAlertRow; at: number } | null>(null);
  const selected = selection?.row ?? null;
  // An open alert's chart runs to when it was opened, not to each render's now (a re-render
  // would fetch the chart again).
  const chartTo = selected?.clearedAt ?? selection?.at ?? 0;
  const setSelected = (row: HistoryAlertRow | null) => {
    setSelection(row === null ? null : { row, at: clock.now() });
  };
  return (
    <div className="history-view" data-testid="history-view">
      <a className="back-link" href={WALL_HREF}>
        ← All sites
      </a>
      <h1 className="history-view__title">Incident history</h1>
      <HistoryFilters filter={filter} onApply={setFilter} />
      <HistoryExport filter={filter} />
      <SlaCompliance />
      <div className="history-view__body">
        <HistoryTable
          pages={pages}
          selected={selected === null ? null : rowKey(selected)}
          onSelect={setSelected}
        />
        {selected === null ? null : (
          <aside className="history-view__detail" data-testid="history-detail">
            <h2>{selected.title}</h2>
            <button
              type="button"
              onClick={() => {
                setSelected(null);
              }}
            >
              Close
            </button>
            <AlertTimeline key={rowKey(selected)} row={selected} />
            {selected.deviceId === null ? null : (
              <MetricHistory
                siteId={selected.siteId}
                deviceId={selected.deviceId}
                from={selected.raisedAt - CHART_MARGIN_MS}
                to={Math.max(chartTo + CHART_MARGIN_MS, selected.raisedAt + CHART_MARGIN_MS)}
              />
            )}
          </aside>
        )}
      </div>
    </div>
  );
}
