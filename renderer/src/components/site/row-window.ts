import type { RefObject } from 'react';
import {
  observeElementRect,
  useVirtualizer,
  type Rect,
  type Virtualizer,
} from '@tanstack/react-virtual';

/**
 * Every device row is exactly this tall (site.css holds its contents to two lines: a value and a
 * finding's "needs attention"), so the virtualizer never measures a row: the scroll height of
 * 50,000 rows is a multiplication, and no row's layout is read back while scrolling.
 */
export const ROW_HEIGHT = 44;

/**
 * Rows kept beyond each edge of the visible window: a fast wheel or a held arrow key shows rows
 * already in the DOM while React catches up, and a dozen rows cost little.
 */
const OVERSCAN = 12;

type Scroller = Virtualizer<HTMLDivElement, HTMLTableRowElement>;

/**
 * The scroll box's size, or the window's height while the box has none: a page without layout
 * (happy-dom in the tests) or a box not laid out yet would otherwise show no rows at all.
 */
function observeRectOrWindow(instance: Scroller, report: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => {
    report(
      rect.height > 0
        ? rect
        : { width: rect.width, height: instance.targetWindow?.innerHeight ?? 0 },
    );
  });
}

/** The rows of `count` to render for the scroll position of `scroller`, with fixed heights. */
export function useRowWindow(count: number, scroller: RefObject<HTMLDivElement | null>) {
  // The rule warns that React Compiler cannot memoize around the virtualizer (one mutable
  // instance). This project does not use the compiler, and DeviceTable only reads plain values
  // from the instance while rendering; it never hands the instance to a memoized child.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  return useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    observeElementRect: observeRectOrWindow,
  });
}
