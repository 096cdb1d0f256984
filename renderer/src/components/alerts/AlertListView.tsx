import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FleetModel } from '../../../../shared/fleet/fleet-reducer.js';
import { alertRows, NO_FILTER, type AlertFilter, type AlertRow } from '../../alerts/alert-rows.js';
import { useNow } from '../../clock/clock-context.js';
import { inScope, WHOLE_FLEET, type WallScope } from '../../routing/hash-route.js';
import { useFleet } from '../../store/store-context.js';
import { useViewZoom } from '../../rotation/rotation-context.js';
import {
  rowBoxStyle,
  rowHeightFor,
  rowSlots,
  scrollRowIntoView,
  useRowWindow,
} from '../site/row-window.js';
import { AlertFilters } from './AlertFilters.js';
import { AlertRowView } from './AlertRowView.js';
import { BulkAckBar, type AlertRef } from './BulkAckBar.js';

/** The alerts a row stands for: itself, or those of a root cause the filter shows. */
function alertsOf(row: AlertRow): AlertRef[] {
  if (row.kind === 'alert') return [{ siteId: row.siteId, alertId: row.alert.id }];
  return row.matchingIds.map((alertId) => ({ siteId: row.siteId, alertId }));
}

/** The list shows no check records: a constant, so they never rebuild its rows. */
const EMPTY_CHECK_MAPS: FleetModel['checks'] = new Map();

const KEYS_HELP =
  '↑/↓ or j/k move · Space select · Enter or → expand a cause, ← fold it · a acknowledge · Esc clear';

/**
 * Every site's open alerts in one list, worst first and longest open first, folded by root
 * cause, filtered, and worked with the keyboard: move, select, expand a cause, acknowledge the
 * selection in one go. Virtual: only the rows in view are in the page, so a storm of thousands
 * scrolls like a handful.
 */
export function AlertListView({ scope = WHOLE_FLEET }: { scope?: WallScope }) {
  // What the rows are built from; a delta of device metrics alone leaves these maps as they were
  // (the store replaces only what changed), so it rebuilds nothing.
  const everything = useFleet(
    useShallow((s): Omit<FleetModel, 'incidents'> => ({
      version: null,
      sites: s.sites,
      devices: s.devices,
      alerts: s.alerts,
      actions: s.actions,
      checks: EMPTY_CHECK_MAPS,
    })),
  );
  const technician = useFleet((s) => s.info?.technician ?? null);
  const now = useNow(60_000);
  // A list of part of the fleet (`#/alerts?customer=Acme`, a screen of one customer's): only its
  // sites, apart from the filter a technician may change, which narrows within them.
  const fleet = useMemo(
    () =>
      scope.customers === null && scope.sites === null
        ? everything
        : {
            ...everything,
            sites: new Map(
              [...everything.sites].filter(([id, site]) => inScope(scope, id, site.customer)),
            ),
          },
    [everything, scope],
  );
  const [filter, setFilter] = useState<AlertFilter>(NO_FILTER);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Focus follows a row, not a position: a storm re-sorting the list must not slide it onto
  // another alert that Space or "a" would then act on. The index is where to fall back to.
  const [focus, setFocus] = useState<{ key: string | null; index: number }>({
    key: null,
    index: 0,
  });
  const scroller = useRef<HTMLDivElement | null>(null);
  const comment = useRef<HTMLInputElement | null>(null);

  const rows = useMemo(
    () =>
      alertRows(fleet, filter, expanded, (id) => fleet.sites.get(id)?.health.state === 'down', now),
    [fleet, filter, expanded, now],
  );
  const byKey = focus.key === null ? -1 : rows.findIndex((row) => row.key === focus.key);
  const focused = byKey >= 0 ? byKey : Math.min(focus.index, Math.max(0, rows.length - 1));
  const pinned = useMemo(() => [focused], [focused]);
  const rowHeight = rowHeightFor(useViewZoom());
  const window = useRowWindow(rows.length, scroller, pinned, rowHeight);
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
    setFocus({ key: rows[next]?.key ?? null, index: next });
    if (scroller.current) scrollRowIntoView(window, scroller.current, next, 0, rowHeight);
  };
  const toggle = useCallback((key: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  const expand = useCallback((key: string, open?: boolean) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (open ?? !current.has(key)) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  // One function for every row, so a row re-renders only when what it shows changes.
  const onPick = useCallback(
    (row: AlertRow, index: number, add: boolean) => {
      setFocus({ key: row.key, index });
      if (add) toggle(row.key);
      else if (row.kind === 'root') expand(row.key);
    },
    [toggle, expand],
  );

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
        style={rowBoxStyle(rowHeight)}
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
                    onPick={onPick}
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
