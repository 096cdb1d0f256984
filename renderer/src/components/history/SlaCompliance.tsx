import { useEffect, useState } from 'react';
import { complianceCsv, type CustomerCompliance } from '../../../../shared/sla/compliance.js';
import { useBridge } from '../../bridge/bridge-context.js';
import { invokeChecked } from '../../bridge/invoke-checked.js';
import { useBoardClock } from '../../clock/clock-context.js';
import { downloadBlob } from '../../history/export-alerts.js';
import { ComplianceBreaches } from './ComplianceBreaches.js';

/** What came back for a month (the month shown may have moved on meanwhile: then it is loading). */
type Loaded =
  | { readonly kind: 'idle' }
  | { readonly kind: 'error'; readonly month: string; readonly message: string }
  | { readonly kind: 'done'; readonly month: string; readonly rows: readonly CustomerCompliance[] };

/** "2026-12" for the month that holds `at`, in the viewer's time. */
function monthOf(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** The month's first and the next month's first instants, in the viewer's time. */
export function monthBounds(month: string): { from: number; to: number } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return null;
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  if (index < 0 || index > 11) return null;
  return { from: new Date(year, index, 1).getTime(), to: new Date(year, index + 1, 1).getTime() };
}

const minutes = (ms: number | null) => (ms === null ? '—' : `${Math.round(ms / 60_000)} min`);
const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);

/**
 * SLA compliance in the history view: per customer, for a month (the viewer's), MTTA and MTTR
 * in business and wall time, the shares within target and the breaches, exportable to CSV and
 * JSON. Fetched when opened, and when the month changes.
 */
export function SlaCompliance() {
  const bridge = useBridge();
  const clock = useBoardClock();
  const [open, setOpen] = useState(false);
  const [month, setMonth] = useState(() => monthOf(clock.displayNow()));
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'idle' });

  useEffect(() => {
    const bounds = monthBounds(month);
    if (!open || bounds === null) return undefined;
    let current = true;
    void invokeChecked(bridge, 'sla.compliance', bounds).then((answer) => {
      if (!current) return;
      setLoaded(
        answer.ok
          ? { kind: 'done', month, rows: answer.value.rows }
          : { kind: 'error', month, message: answer.error.message },
      );
    });
    return () => {
      current = false;
    };
  }, [bridge, open, month]);

  const fresh = loaded.kind !== 'idle' && loaded.month === month;
  const rows = fresh && loaded.kind === 'done' ? loaded.rows : [];
  // A column for plans where some customer had incidents with a plan target, and plans made.
  const plans = rows.some((row) => row.planned > 0);
  const save = (format: 'csv' | 'json') => {
    const text = format === 'csv' ? complianceCsv(rows) : JSON.stringify({ month, rows }, null, 2);
    const type = format === 'csv' ? 'text/csv' : 'application/json';
    downloadBlob(new Blob([text], { type }), `sla-compliance-${month}.${format}`);
  };
  return (
    <details
      className="sla-compliance"
      data-testid="sla-compliance"
      onToggle={(event) => {
        setOpen(event.currentTarget.open);
      }}
    >
      <summary>SLA compliance</summary>
      <div className="sla-compliance__head">
        <label>
          Month{' '}
          <input
            type="month"
            value={month}
            onChange={(event) => {
              setMonth(event.target.value);
            }}
          />
        </label>
        <button
          type="button"
          disabled={rows.length === 0}
          onClick={() => {
            save('csv');
          }}
        >
          Export CSV
        </button>
        <button
          type="button"
          disabled={rows.length === 0}
          onClick={() => {
            save('json');
          }}
        >
          Export JSON
        </button>
      </div>
      {open && !fresh ? <p className="muted">Loading…</p> : null}
      {fresh && loaded.kind === 'error' ? <p role="alert">{loaded.message}</p> : null}
      {fresh && loaded.kind === 'done' && rows.length === 0 ? (
        <p className="muted" data-testid="sla-compliance-empty">
          No incidents opened in {month}.
        </p>
      ) : null}
      {rows.length > 0 ? (
        <table className="sla-table" data-testid="sla-compliance-table">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Incidents</th>
              <th scope="col">MTTA (business / wall)</th>
              <th scope="col">MTTR (business / wall)</th>
              <th scope="col">Responded in target</th>
              <th scope="col">Resolved in target</th>
              {plans ? <th scope="col">Plan in target</th> : null}
              <th scope="col">Breaches</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.customer} data-testid="sla-compliance-row">
                <td>
                  <bdi>{row.customer}</bdi>
                </td>
                <td>{row.incidents}</td>
                <td>
                  {minutes(row.mttaBusinessMs)} / {minutes(row.mttaWallMs)}
                </td>
                <td>
                  {minutes(row.mttrBusinessMs)} / {minutes(row.mttrWallMs)}
                </td>
                <td>{percent(row.respondedWithinTarget)}</td>
                <td>{percent(row.resolvedWithinTarget)}</td>
                {plans ? <td>{percent(row.plannedWithinTarget)}</td> : null}
                <td>{row.breachCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {rows.map((row) => (
        <ComplianceBreaches key={row.customer} row={row} />
      ))}
    </details>
  );
}
