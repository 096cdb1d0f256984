import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FleetModel } from '../../../../shared/fleet/fleet-reducer.js';
import { alertRows, NO_FILTER, type AlertFilter, type AlertRow } from '../../alerts/alert-rows.js';
import { useNow } from '../../clock/clock-context.js';
import { useFleet } from '../../store/store-context.js';
import { rowSlots, scrollRowIntoView, useRowWindow } from '../site/row-window.js';
import { AlertFilters } from './AlertFilters.js';
import { AlertRowView } from './AlertRowView.js';
import { BulkAckBar, type AlertRef } from './BulkAckBar.js';

/** The alerts a row stands for: itself, or every alert of a root cause. */
function alertsOf(row: AlertRow): AlertRef[] {
  if (row.kind === 'alert') return [{ siteId: row.siteId, alertId: row.alert.id }];
  return [...row.root.own, ...row.root.folded].map((alertId) => ({ siteId: row.siteId, alertId }));
}

const KEYS_HELP =
  '↑/↓ or j/k move · Space select · Enter or → expand a cause, ← fold it · a acknowledge · Esc clear';

/**
 * Every site's open alerts in one list, worst first and longest open first, folded by root
 * cause, filtered, and worked with the keyboard: move, select, expand a cause, acknowledge the
 * selection in one go. Virtual: only the rows in view are in the page, so a storm of thousands
 * scrolls like a handful.
 */
export function AlertListView() {
  const fleet = useFleet(
    useShallow((s): FleetModel => ({
      version: s.version,
      sites: s.sites,
      devices: s.devices,
      alerts: s.alerts,
      actions: s.actions,
      checks: s.checks,
    })),
  );
  const technician = useFleet((s) => s.info?.technician ?? null);
  const now = useNow(60_000);
  const [filter, setFilter] = useState<AlertFilter>(NO_FILTER);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focus, setFocus] = useState(0);
  const scroller = useRef<HTMLDivElement | null>(null);
  const comment = useRef<HTMLInputElement | null>(null);

  const rows = useMemo(
    () =>
      alertRows(fleet, filter, expanded, (id) => fleet.sites.get(id)?.health.state === 'down', now),
    [fleet, filter, expanded, now],
  );
  const focused = Math.min(focus, Math.max(0, rows.length - 1));
  const pinned = useMemo(() => [focused], [focused]);
  const window = useRowWindow(rows.length, scroller, pinned);
  const customers = useMemo(
    () => [...new Set([...fleet.sites.values()].map((s) => s.customer))].sort(),
    [fleet.sites],
  );
  const sites = useMemo(
    () => [...fleet.sites.values()].map((s) => ({ id: s.id, name: s.name })),
    [fleet.sites],
  );
  // What the bar acknowledges: the selected rows that are still in the list, de-duplicated.
  const chosen = useMemo(() => {
    const refs = new Map<string, AlertRef>();
    for (const row of rows) {
      if (!selected.has(row.key)) continue;
      for (const ref of alertsOf(row)) refs.set(`${ref.siteId}|${ref.alertId}`, ref);
    }
    return [...refs.values()];
  }, [rows, selected]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setFocus(next);
    if (scroller.current) scrollRowIntoView(window, scroller.current, next, 0);
  };
  const toggle = (key: string) => {
    const next = new Set(selected);
    if (!next.delete(key)) next.add(key);
    setSelected(next);
  };
  const expand = (key: string, open: boolean) => {
    const next = new Set(expanded);
    if (open) next.add(key);
    else next.delete(key);
    setExpanded(next);
  };

  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[focused];
    const key = event.key;
    let handled = true;
    if (key === 'ArrowDown' || key === 'j') moveTo(focused + 1);
    else if (key === 'ArrowUp' || key === 'k') moveTo(focused - 1);
    else if (key === 'Home') moveTo(0);
    else if (key === 'End') moveTo(rows.length - 1);
    else if (key === 'PageDown') moveTo(focused + 10);
    else if (key === 'PageUp') moveTo(focused - 10);
    else if ((key === ' ' || key === 'x') && row) toggle(row.key);
    else if ((key === 'Enter' || key === 'ArrowRight') && row?.kind === 'root')
      expand(row.key, true);
    else if (key === 'ArrowLeft' && row?.kind === 'root') expand(row.key, false);
    else if (key === 'Escape') setSelected(new Set());
    else if (key === 'a' && row && technician !== null) {
      if (!selected.has(row.key) && selected.size === 0) setSelected(new Set([row.key]));
      comment.current?.focus();
    } else handled = false;
    if (handled) event.preventDefault();
  };

  const items = window.getVirtualItems();
  return (
    <section className="alert-list-view" data-testid="alert-list-view">
      <div className="alert-list-view__head">
        <h1>
          Alerts <span className="muted">({rows.length} rows)</span>
        </h1>
        <AlertFilters filter={filter} customers={customers} sites={sites} onChange={setFilter} />
        {technician === null ? (
          <p className="muted">Read-only: sign in as a technician to acknowledge.</p>
        ) : (
          <BulkAckBar
            selected={chosen}
            comment={comment}
            onDone={() => {
              setSelected(new Set());
            }}
          />
        )}
        <p className="muted alert-list-view__keys">{KEYS_HELP}</p>
      </div>
      <div
        className="alert-list-view__scroll"
        ref={scroller}
        tabIndex={0}
        role="grid"
        aria-label="Open alerts"
        aria-multiselectable="true"
        data-testid="alert-list-scroll"
        onKeyDown={onKey}
      >
        {rows.length === 0 ? (
          <p className="muted">No open alert matches.</p>
        ) : (
          <table className="alert-table">
            <tbody>
              {rowSlots(items, window.getTotalSize()).map((slot) => {
                if (slot.kind === 'gap') {
                  return (
                    <tr key={slot.key} aria-hidden="true" style={{ height: slot.height }}>
                      <td colSpan={5} />
                    </tr>
                  );
                }
                const row = rows[slot.item.index];
                if (!row) return null;
                return (
                  <AlertRowView
                    key={row.key}
                    row={row}
                    index={slot.item.index}
                    focused={slot.item.index === focused}
                    selected={selected.has(row.key)}
                    expanded={expanded.has(row.key)}
                    onPick={(index, add) => {
                      setFocus(index);
                      if (add) toggle(row.key);
                      else if (row.kind === 'root') expand(row.key, !expanded.has(row.key));
                    }}
                  />
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
