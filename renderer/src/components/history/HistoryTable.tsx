import type { HistoryAlertRow } from '../../../../shared/bridge/history.js';
import { formatDateTime } from '../../history/local-time.js';
import type { HistoryPages } from '../../history/use-history-pages.js';
import { MAX_LOADED_ROWS } from '../../history/use-history-pages.js';
import { SeverityBadge } from '../common/SeverityBadge.js';

/** A row's key: alert ids are a site's own, so with the site. */
export const rowKey = (row: HistoryAlertRow) => `${row.siteId}\u0000${row.id}`;

interface HistoryTableProps {
  readonly pages: HistoryPages;
  readonly selected: string | null;
  readonly onSelect: (row: HistoryAlertRow) => void;
}

/** The matching alerts, newest first; a title opens the alert's timeline. */
export function HistoryTable({ pages, selected, onSelect }: HistoryTableProps) {
  const { rows, total, loading, error, more, loadMore } = pages;
  return (
    <section className="history-results" aria-label="Alerts found">
      <p className="history-results__count" data-testid="history-count" aria-live="polite">
        {error !== null
          ? null
          : total === null
            ? 'Searching…'
            : `${total} alerts; showing ${rows.length.toLocaleString('en-US')}`}
      </p>
      {error === null ? null : (
        <p className="history-results__error" role="alert" data-testid="history-error">
          {error}
        </p>
      )}
      <table className="history-table" data-testid="history-table">
        <thead>
          <tr>
            <th scope="col">Raised</th>
            <th scope="col">Severity</th>
            <th scope="col">Site</th>
            <th scope="col">Device</th>
            <th scope="col">Alert</th>
            <th scope="col">Cleared</th>
            <th scope="col">Acknowledged by</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              data-testid="history-row"
              data-alert-id={row.id}
              aria-selected={selected === rowKey(row)}
            >
              <td>{formatDateTime(row.raisedAt)}</td>
              <td>
                <SeverityBadge severity={row.severity} />
              </td>
              <td>
                {row.siteName}
                <span className="muted"> · {row.customer}</span>
              </td>
              <td>{row.deviceName || row.deviceId || 'site-wide'}</td>
              <td>
                <button
                  type="button"
                  className="history-table__open"
                  onClick={() => {
                    onSelect(row);
                  }}
                >
                  {row.title}
                </button>
              </td>
              <td>{row.clearedAt === null ? 'open' : formatDateTime(row.clearedAt)}</td>
              <td>{row.ackBy ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more ? (
        <button type="button" onClick={loadMore} disabled={loading} data-testid="history-more">
          {loading ? 'Loading…' : 'Load more'}
        </button>
      ) : rows.length >= MAX_LOADED_ROWS ? (
        <p className="muted">
          The first {MAX_LOADED_ROWS.toLocaleString('en-US')} are shown: narrow the filter, or
          export them all.
        </p>
      ) : null}
    </section>
  );
}
