// @vitest-environment happy-dom
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoardClock } from '../../renderer/src/clock/board-clock.js';
import { firstText, holdText, phaseOf, TEXT_HOLD_MS } from '../../renderer/src/layout/text-hold.js';
import { HeldSelection } from '../../renderer/src/layout/held-selection.js';
import { DELTA_BATCH_MS } from '../../renderer/src/store/delta-batcher.js';
import { systemClock } from '../../shared/system-clock.js';
import { handSource as source } from './hand-source.js';

/**
 * A big wall's tile text (layout/text-hold.ts, held-selection.ts): newer text shows once the
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

describe('HeldSelection', () => {
  const clock = new BoardClock(systemClock);
  /** A selection of a source showing 3, subscribed, its first hold over (when it has one). */
  function heldFromThree(holdMs: number) {
    const src = source(3);
    const held = new HeldSelection(() => src.value, src.subscribe, clock, {
      holdMs,
      phase: 0,
      equal: same,
      urgent: worse,
      graceMs: DELTA_BATCH_MS,
    });
    let notified = 0;
    const unsubscribe = held.subscribe(() => notified++);
    vi.advanceTimersByTime(holdMs);
    return { src, held, unsubscribe, notifications: () => notified };
  }

  it('tells its subscriber nothing while it holds a better value, and its timer ends the hold', () => {
    const { src, held, notifications } = heldFromThree(TEXT_HOLD_MS);
    src.set(1); // worse: at once, and the hold starts again
    expect(held.getSnapshot()).toBe(1);
    expect(notifications()).toBe(1);
    src.set(2);
    src.set(4);
    expect(held.getSnapshot()).toBe(1);
    expect(notifications()).toBe(1); // held: the component is not rendered at all
    vi.advanceTimersByTime(TEXT_HOLD_MS);
    expect(held.getSnapshot()).toBe(1);
    // With no source change, its timer shows the newest value a batch interval after the hold.
    vi.advanceTimersByTime(DELTA_BATCH_MS);
    expect(held.getSnapshot()).toBe(4);
    expect(notifications()).toBe(2);
    expect(held.waiting).toBe(false);
  });

  it('shows what waited with the first source change after the hold, before its timer', () => {
    const { src, held, notifications } = heldFromThree(TEXT_HOLD_MS);
    src.set(1);
    src.set(2);
    vi.advanceTimersByTime(TEXT_HOLD_MS);
    expect(held.getSnapshot()).toBe(1);
    src.set(5); // a batch: the hold is over, so it shows now
    expect(held.getSnapshot()).toBe(5);
    expect(notifications()).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shows every change at once with no hold (a small wall)', () => {
    const { src, held, notifications } = heldFromThree(0);
    src.set(4);
    expect(held.getSnapshot()).toBe(4);
    src.set(4); // the same value: nothing to render
    expect(notifications()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets go of its source and its timer when unsubscribed', () => {
    const { src, held, unsubscribe } = heldFromThree(TEXT_HOLD_MS);
    src.set(1);
    src.set(2); // held: a timer waits for the end of the hold
    expect(held.waiting).toBe(true);
    expect(vi.getTimerCount()).toBe(1);
    unsubscribe();
    expect(src.listeners).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
