import { describe, expect, it } from 'vitest';
import {
  ROW_HEIGHT,
  rowBoxStyle,
  rowHeightFor,
  rowSlots,
  scrollRowIntoView,
  withPinned,
  type RowWindow,
} from '../../renderer/src/components/site/row-window.js';

/** The virtualizer's item, as rowSlots takes it (this folder may not import the library). */
type VirtualItem = Parameters<typeof rowSlots>[0][number];

/** A row of `height` px at index `index`, as the virtualizer lays rows out: end to end. */
function item(index: number, height: number): VirtualItem {
  return {
    key: index,
    index,
    start: index * height,
    end: (index + 1) * height,
    size: height,
    lane: 0,
  };
}

/** Only what scrollRowIntoView reads of the virtualizer: the scroll box's height. */
function rowsOf(height: number): RowWindow {
  return { scrollRect: { width: 800, height } } as unknown as RowWindow;
}

describe("a virtual row window at a screen's zoom", () => {
  it('makes rows the zoomed height in whole pixels, never shorter than their zoomed contents', () => {
    expect(rowHeightFor(1)).toBe(ROW_HEIGHT);
    expect(rowHeightFor(2)).toBe(88);
    expect(rowHeightFor(0.5)).toBe(22);
    expect(rowHeightFor(1.25)).toBe(55);
    // 44 × 1.1 = 48.4: 49, not 48, so two zoomed lines of text still fit in the row.
    expect(rowHeightFor(1.1)).toBe(49);
    expect(rowBoxStyle(88)).toEqual({ '--row-height': '88px' });
  });

  it('lays the rendered rows and the gaps around them end to end, to the full height', () => {
    const slots = rowSlots([item(10, 88), item(11, 88), item(40, 88)], 100 * 88);
    const heights = slots.map((slot) => (slot.kind === 'gap' ? slot.height : slot.item.size));
    expect(heights).toEqual([880, 88, 88, 28 * 88, 88, 59 * 88]);
    expect(heights.reduce((sum, h) => sum + h, 0)).toBe(100 * 88);
  });

  it('keeps pinned rows beyond the window, in order', () => {
    expect(withPinned([10, 11, 12], [3, 11, 40])).toEqual([3, 10, 11, 12, 40]);
    expect(withPinned([], [5])).toEqual([5]);
  });

  it('scrolls the least that shows a row whole under the heads, at the zoomed height', () => {
    const box = { scrollTop: 0, clientHeight: 600 } as HTMLElement;
    // Row 20 at 88 px starts at 1,760: scrolled so that it ends at the box's bottom (600 − 60
    // of heads = 540 px of rows).
    scrollRowIntoView(rowsOf(600), box, 20, 60, 88);
    expect(box.scrollTop).toBe(21 * 88 - 540);
    // Already whole in view: stays.
    scrollRowIntoView(rowsOf(600), box, 19, 60, 88);
    expect(box.scrollTop).toBe(21 * 88 - 540);
    // Above the view: to its top.
    scrollRowIntoView(rowsOf(600), box, 3, 60, 88);
    expect(box.scrollTop).toBe(3 * 88);
    // At 100 %, the same row lands elsewhere: the height counts.
    scrollRowIntoView(rowsOf(600), box, 20, 60);
    expect(box.scrollTop).toBe(21 * 44 - 540);
  });
});
