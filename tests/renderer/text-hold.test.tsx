// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoardClock } from '../../renderer/src/clock/board-clock.js';
import { BoardClockContext } from '../../renderer/src/clock/clock-context.js';
import { firstText, holdText, phaseOf, TEXT_HOLD_MS } from '../../renderer/src/layout/text-hold.js';
import { useHeldText } from '../../renderer/src/layout/use-held-text.js';
import { DELTA_BATCH_MS } from '../../renderer/src/store/delta-batcher.js';
import { systemClock } from '../../shared/system-clock.js';

/**
 * A big wall's tile text (layout/text-hold.ts, use-held-text.ts): newer text shows once the
 * shown text has stood its hold, or at once when the site gets worse; tiles start at different
 * phases, so a batch that changes every tile redraws only some of them.
 */

const T0 = 1_700_000_000_000;
const same = (a: number, b: number) => a === b;
/** Numbers stand for a roll-up rank here: lower is worse. */
const worse = (live: number, shown: number) => live < shown;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('holdText', () => {
  it('keeps the shown text until it has stood the hold, then takes the newest', () => {
    const first = firstText(3, 0, 0);
    expect(holdText(first, 3, 500, TEXT_HOLD_MS, same, worse)).toBe(first);
    expect(holdText(first, 4, TEXT_HOLD_MS - 1, TEXT_HOLD_MS, same, worse)).toBe(first);
    expect(holdText(first, 4, TEXT_HOLD_MS, TEXT_HOLD_MS, same, worse)).toEqual({
      value: 4,
      since: TEXT_HOLD_MS,
    });
  });

  it('counts a hold dated ahead of now (the hub clock stepped back) as over', () => {
    const held = { value: 3, since: 60_000 };
    expect(holdText(held, 4, 10_000, TEXT_HOLD_MS, same, worse)).toEqual({
      value: 4,
      since: 10_000,
    });
  });

  it('shows a worse value at once, and dates the hold from it', () => {
    const first = firstText(3, 0, 0);
    expect(holdText(first, 1, 10, TEXT_HOLD_MS, same, worse)).toEqual({ value: 1, since: 10 });
  });

  it('dates a first text back by its phase, so tiles take newer text at different times', () => {
    const first = firstText(3, 10_000, 1_500);
    expect(first.since).toBe(8_500);
    // Only 500 ms after it appeared, its hold is over.
    expect(holdText(first, 4, 10_500, TEXT_HOLD_MS, same, worse).value).toBe(4);
  });

  it('gives each key a steady phase within the hold, spread over it', () => {
    const phases = Array.from({ length: 50 }, (_, i) => phaseOf(`site-${i + 1}`, TEXT_HOLD_MS));
    for (const phase of phases) {
      expect(phase).toBeGreaterThanOrEqual(0);
      expect(phase).toBeLessThan(TEXT_HOLD_MS);
    }
    expect(phaseOf('site-7', TEXT_HOLD_MS)).toBe(phases[6]);
    // Spread: no quarter of the hold has more than half the tiles (ids that differ in their
    // last character alone, as the simulator's do, must not bunch).
    const quarters = [0, 1, 2, 3].map(
      (q) => phases.filter((p) => Math.floor((p / TEXT_HOLD_MS) * 4) === q).length,
    );
    for (const n of quarters) expect(n).toBeLessThanOrEqual(25);
    expect(quarters.filter((n) => n > 0)).toHaveLength(4);
    expect(phaseOf('site-1', 0)).toBe(0);
  });
});

describe('useHeldText', () => {
  const clock = new BoardClock(systemClock);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <BoardClockContext value={clock}>{children}</BoardClockContext>
  );
  /** The hook showing 3, its first hold over (when it has one). */
  const heldFromThree = (holdMs: number) => {
    const view = renderHook(({ live }) => useHeldText('tile', live, holdMs, same, worse), {
      wrapper,
      initialProps: { live: 3 },
    });
    act(() => {
      vi.advanceTimersByTime(holdMs);
    });
    return view;
  };

  it('holds a better value, then shows the newest when its timer ends the hold', () => {
    const { result, rerender } = heldFromThree(TEXT_HOLD_MS);
    rerender({ live: 1 }); // worse: at once, and the hold starts again
    expect(result.current).toBe(1);
    rerender({ live: 2 });
    rerender({ live: 4 });
    expect(result.current).toBe(1);
    act(() => {
      vi.advanceTimersByTime(TEXT_HOLD_MS - 1);
    });
    expect(result.current).toBe(1);
    // The hold is over, but nothing has rendered the tile since.
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current).toBe(1);
    // With no store change to render it, its timer shows the newest value a batch interval later.
    act(() => {
      vi.advanceTimersByTime(DELTA_BATCH_MS);
    });
    expect(result.current).toBe(4);
  });

  it('shows what waited with the first render after the hold, before its timer', () => {
    const { result, rerender } = heldFromThree(TEXT_HOLD_MS);
    rerender({ live: 1 });
    rerender({ live: 2 });
    act(() => {
      vi.advanceTimersByTime(TEXT_HOLD_MS);
    });
    expect(result.current).toBe(1);
    // A batch renders the tile (its live text as before): the hold is over, so it shows now.
    rerender({ live: 2 });
    expect(result.current).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shows live text as it is with no hold (a small wall)', () => {
    const { result, rerender } = heldFromThree(0);
    rerender({ live: 4 });
    expect(result.current).toBe(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets go of its timer when unmounted', () => {
    const { rerender, unmount } = heldFromThree(TEXT_HOLD_MS);
    rerender({ live: 1 });
    rerender({ live: 2 }); // held: a timer waits for the end of the hold
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
