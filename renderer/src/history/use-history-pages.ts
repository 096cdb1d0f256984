import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  HistoryAlertRow,
  HistoryCursor,
  HistoryFilter,
} from '../../../shared/bridge/history.js';
import { useBridge } from '../bridge/bridge-context.js';
import { invokeChecked } from '../bridge/invoke-checked.js';

/** Rows per request, and the most the view holds: beyond, it asks for a narrower filter. */
export const PAGE_ROWS = 100;
export const MAX_LOADED_ROWS = 2_000;

export interface HistoryPages {
  readonly rows: readonly HistoryAlertRow[];
  /** How many match in all, "1,000+" past the count's cap (null before the first answer). */
  readonly total: string | null;
  readonly loading: boolean;
  readonly error: string | null;
  /** Whether another page can be loaded (and the view has room for it). */
  readonly more: boolean;
  readonly loadMore: () => void;
}

/** What has been loaded, for which filter: another filter's pages are never shown. */
interface Loaded {
  readonly filter: HistoryFilter;
  readonly rows: readonly HistoryAlertRow[];
  readonly total: string | null;
  readonly next: HistoryCursor | null;
  readonly error: string | null;
  readonly loading: boolean;
}

/**
 * The alerts matching `filter`, a page at a time: the first page when the filter changes, the
 * next on loadMore(). An answer for a filter no longer shown is dropped.
 */
export function useHistoryPages(filter: HistoryFilter): HistoryPages {
  const bridge = useBridge();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const generation = useRef(0);

  const load = useCallback(
    (cursor: HistoryCursor | null, keep: readonly HistoryAlertRow[]) => {
      const mine = ++generation.current;
      void invokeChecked(bridge, 'history.alerts', { filter, limit: PAGE_ROWS, cursor }).then(
        (answer) => {
          if (mine !== generation.current) return;
          setLoaded(
            answer.ok
              ? {
                  filter,
                  rows: [...keep, ...answer.value.rows],
                  total: `${answer.value.total.toLocaleString('en-US')}${answer.value.totalCapped ? '+' : ''}`,
                  next: answer.value.next,
                  error: null,
                  loading: false,
                }
              : {
                  filter,
                  rows: keep,
                  total: null,
                  // The cursor stays: "Load more" asks for the same page again.
                  next: cursor,
                  error: answer.error.message,
                  loading: false,
                },
          );
        },
      );
    },
    [bridge, filter],
  );

  useEffect(() => {
    load(null, []);
    // Not a DOM ref: the counter itself, bumped so a late answer for this filter is dropped.
    const counter = generation;
    return () => {
      counter.current++;
    };
  }, [load]);

  const current = loaded?.filter === filter ? loaded : null;
  const loadMore = useCallback(() => {
    if (current === null || current.next === null || current.loading) return;
    setLoaded({ ...current, loading: true });
    load(current.next, current.rows);
  }, [current, load]);

  const rows = current?.rows ?? [];
  return {
    rows,
    total: current?.total ?? null,
    loading: current === null || current.loading,
    error: current?.error ?? null,
    more: current?.next != null && rows.length < MAX_LOADED_ROWS,
    loadMore,
  };
}
