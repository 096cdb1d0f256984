import { useCallback, useLayoutEffect, useRef, type CSSProperties, type RefObject } from 'react';
import {
  defaultRangeExtractor,
  observeElementRect,
  useVirtualizer,
  type Range,
  type Rect,
  type VirtualItem,
  type Virtualizer,
} from '@tanstack/react-virtual';

/**
 * Every device row is exactly this tall (site.css holds its contents to two lines: a value and a
 * finding's "needs attention"), so the virtualizer never measures a row: the scroll height of
 * 50,000 rows is a multiplication, and no row's layout is read back while scrolling.
 */
export const ROW_HEIGHT = 44;

/**
 * A row's height on a screen zoomed by `zoom` (its layout's), whole pixels: the rows' CSS height
 * comes from the same number (rowBoxStyle), so what the virtualizer counts is what is laid out;
 * rounded up, so a row is never shorter than its zoomed contents.
 */
export function rowHeightFor(zoom: number): number {
  return Math.max(1, Math.ceil(ROW_HEIGHT * zoom));
}

/** Set on the scroll box: its rows take `--row-height` (site.css, alerts.css). */
export function rowBoxStyle(rowHeight: number): CSSProperties {
  return { '--row-height': `${rowHeight}px` } as CSSProperties;
}

/**
 * Rows kept beyond each edge of the visible window: a fast wheel or a held arrow key shows rows
 * already in the DOM while React catches up, and a dozen rows cost little.
 */
const OVERSCAN = 12;

export type RowWindow = Virtualizer<HTMLDivElement, HTMLTableRowElement>;

/**
 * The scroll box's size, or the window's height while the box has none: a page without layout
 * (happy-dom in the tests) or a box not laid out yet would otherwise show no rows at all.
 */
function observeRectOrWindow(instance: RowWindow, report: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => {
    report(
      rect.height > 0
        ? rect
        : { width: rect.width, height: instance.targetWindow?.innerHeight ?? 0 },
    );
  });
}

/** The window's indices (ascending, as the default gives them) and the pinned ones, ascending. */
export function withPinned(window: readonly number[], pinned: readonly number[]): number[] {
  const first = window[0];
  const last = window.at(-1);
  const extra = pinned.filter(
    (index) => first === undefined || last === undefined || index < first || index > last,
  );
  if (extra.length === 0) return [...window];
  return [...new Set([...window, ...extra])].sort((a, b) => a - b);
}

/**
 * The rows of `count` to render for the scroll position of `scroller`, with fixed heights, plus
 * the `pinned` indices wherever they are: the focused row and the selected one stay in the DOM
 * when the worst-first order carries them out of view (a row that unmounts drops keyboard focus
 * to the page). `pinned` should keep its identity while its indices do.
 */
export function useRowWindow(
  count: number,
  scroller: RefObject<HTMLDivElement | null>,
  pinned: readonly number[],
  rowHeight: number = ROW_HEIGHT,
) {
  const rangeExtractor = useCallback(
    (range: Range) => withPinned(defaultRangeExtractor(range), pinned),
    [pinned],
  );
  // The rule warns that React Compiler cannot memoize around the virtualizer (one mutable
  // instance). This project does not use the compiler, and DeviceTable only reads plain values
  // from the instance while rendering; it never hands the instance to a memoized child.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const rows = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    observeElementRect: observeRectOrWindow,
    rangeExtractor,
  });
  // The virtualizer keeps the offsets it computed until told: a new zoom (a technician changing
  // the screen) recomputes them before paint, so rows and spacers never disagree for a frame.
  const measuredAt = useRef(rowHeight);
  useLayoutEffect(() => {
    if (measuredAt.current === rowHeight) return;
    measuredAt.current = rowHeight;
    rows.measure();
  }, [rows, rowHeight]);
  return rows;
}

export type RowSlot =
  | { readonly kind: 'row'; readonly item: VirtualItem }
  | { readonly kind: 'gap'; readonly key: string; readonly height: number };

/**
 * The rendered rows in order, with a gap (a spacer row) before each run of them and after the
 * last: the window, and any pinned row far from it, sit at their true offsets, and the gaps and
 * rows add up to `total`, so the box scrolls exactly as far as all the rows would take.
 */
export function rowSlots(items: readonly VirtualItem[], total: number): RowSlot[] {
  const slots: RowSlot[] = [];
  let end = 0;
  for (const item of items) {
    if (item.start > end) {
      slots.push({ kind: 'gap', key: `gap:before-${item.index}`, height: item.start - end });
    }
    slots.push({ kind: 'row', item });
    end = item.end;
  }
  if (total > end) slots.push({ kind: 'gap', key: 'gap:end', height: total - end });
  return slots;
}

/**
 * Scrolls `box` the least that shows row `index` whole below the sticky heads (`headHeight` px;
 * the heads sit in the scroll box, so scrollTop = index × rowHeight puts the row just under
 * them). A row already in full view stays where it is. The box is scrolled as a wheel would, and
 * the virtualizer follows its scroll event (its own scrollToOffset clamps to a laid-out height).
 */
export function scrollRowIntoView(
  rows: RowWindow,
  box: HTMLElement,
  index: number,
  headHeight: number,
  rowHeight: number = ROW_HEIGHT,
) {
  const top = index * rowHeight;
  const view = (rows.scrollRect?.height ?? box.clientHeight) - headHeight;
  if (top < box.scrollTop) box.scrollTop = top;
  else if (top + rowHeight > box.scrollTop + view) box.scrollTop = top + rowHeight - view;
}
