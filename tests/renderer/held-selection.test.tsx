// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { Component, useSyncExternalStore, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoardClock } from '../../renderer/src/clock/board-clock.js';
import { HeldSelection } from '../../renderer/src/layout/held-selection.js';
import { TEXT_HOLD_MS } from '../../renderer/src/layout/text-hold.js';
import { DELTA_BATCH_MS } from '../../renderer/src/store/delta-batcher.js';
import { systemClock } from '../../shared/system-clock.js';
import { handSource } from './hand-source.js';

/**
 * HeldSelection's edges (layout/held-selection.ts): what releases a value waiting past its hold,
 * a read that throws outside React, the board clock stepping back, and the catch-up when it is
 * subscribed. The hold itself is in text-hold.test.tsx.
 */

const T0 = 1_700_000_000_000;
const same = (a: number, b: number) => a === b;
/** Numbers stand for a roll-up rank here: lower is worse. */
const worse = (live: number, shown: number) => live < shown;
/** Negative values stand for data the tile cannot read. */
const BAD = -1;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function heldOf(src: ReturnType<typeof handSource>, clock = new BoardClock(systemClock)) {
  const read = () => {
    if (src.value < 0) throw new Error('bad devices');
    return src.value;
  };
  return new HeldSelection(read, src.subscribe, clock, {
    holdMs: TEXT_HOLD_MS,
    phase: 0,
    equal: same,
    urgent: worse,
    graceMs: DELTA_BATCH_MS,
  });
}

/** Subscribed, its first hold over, then shown a worse 1 (which starts a hold) and told of 2. */
function waitingForTwo(clock?: BoardClock) {
  const src = handSource(3);
  const held = heldOf(src, clock);
  let notified = 0;
  const unsubscribe = held.subscribe(() => notified++);
  vi.advanceTimersByTime(TEXT_HOLD_MS);
  src.set(1);
  src.set(2);
  return { src, held, unsubscribe, notifications: () => notified };
}

describe('HeldSelection', () => {
  it('shows what waited with the next change anywhere in the store once its hold is over', () => {
    const { src, held, notifications } = waitingForTwo();
    src.other(); // another site's batch, the hold not over: nothing changes
    expect(held.getSnapshot()).toBe(1);
    expect(notifications()).toBe(1);
    vi.advanceTimersByTime(TEXT_HOLD_MS); // the hold is over; its own timer is a batch away
    expect(held.waiting).toBe(true);
    src.other(); // the next batch, of other sites only, releases it
    expect(held.getSnapshot()).toBe(2);
    expect(notifications()).toBe(2);
    expect(held.waiting).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not even read on other sites’ changes when nothing waits', () => {
    const src = handSource(3);
    let reads = 0;
    const held = new HeldSelection(
      () => {
        reads++;
        return src.value;
      },
      src.subscribe,
      new BoardClock(systemClock),
      { holdMs: TEXT_HOLD_MS, phase: 0, equal: same, urgent: worse, graceMs: DELTA_BATCH_MS },
    );
    const listener = vi.fn();
    held.subscribe(listener);
    const before = reads;
    src.other();
    vi.advanceTimersByTime(10 * TEXT_HOLD_MS);
    src.other();
    expect(reads).toBe(before); // 50 tiles read nothing on a batch that is not theirs
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps a read that throws in a store listener and throws it from getSnapshot', () => {
    const src = handSource(3);
    const held = heldOf(src);
    const listener = vi.fn();
    held.subscribe(listener);
    expect(() => {
      src.set(BAD);
    }).not.toThrow(); // nothing escapes into the store's listener loop
    expect(listener).toHaveBeenCalledTimes(1);
    expect(() => held.getSnapshot()).toThrow('bad devices');
    src.set(4); // failed: it stays failed until its owner mounts a new one
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps a read that throws when its timer ends a hold, and frees the timer', () => {
    const { src, held, notifications } = waitingForTwo();
    src.value = BAD; // changed with no word to the listener: the timer reads it
    vi.advanceTimersByTime(TEXT_HOLD_MS + DELTA_BATCH_MS);
    expect(notifications()).toBe(2);
    expect(() => held.getSnapshot()).toThrow('bad devices');
    expect(held.waiting).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets its owner’s error boundary catch a read that threw outside render', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // React logs the caught throw
    const src = handSource(3);
    const held = heldOf(src);
    function Tile() {
      return <p>{useSyncExternalStore(held.subscribe, held.getSnapshot)} devices</p>;
    }
    render(
      <CatchAll>
        <Tile />
      </CatchAll>,
    );
    expect(screen.getByText('3 devices')).toBeTruthy();
    act(() => {
      src.set(BAD);
    });
    expect(screen.getByText('failed: bad devices')).toBeTruthy();
  });

  it('does not hold longer when the board clock steps back after its timer released a value', () => {
    let offset = 0;
    const clock = new BoardClock(systemClock, () => offset);
    const { src, held } = waitingForTwo(clock);
    vi.advanceTimersByTime(TEXT_HOLD_MS + DELTA_BATCH_MS); // its timer shows 2
    expect(held.getSnapshot()).toBe(2);
    offset = -60_000; // the hub's clock offset steps back a minute
    src.set(4);
    // The hold dated a minute ahead counts as over (text-hold.ts): not a minute's wait.
    expect(held.getSnapshot()).toBe(4);
    src.set(5); // and the hold starts again from the clock as it now is
    expect(held.getSnapshot()).toBe(4);
    vi.advanceTimersByTime(TEXT_HOLD_MS + DELTA_BATCH_MS);
    expect(held.getSnapshot()).toBe(5);
  });

  it('dates what its timer releases by the clock as it is, after the hub clock stepped back', () => {
    let offset = 0;
    const clock = new BoardClock(systemClock, () => offset);
    const { src, held } = waitingForTwo(clock); // 2 waits; the timer is 2.5 s away
    offset = -1_000; // the hub's offset steps back a second while it waits
    vi.advanceTimersByTime(TEXT_HOLD_MS + DELTA_BATCH_MS);
    expect(held.getSnapshot()).toBe(2);
    vi.advanceTimersByTime(100);
    src.set(4); // 100 ms after 2 showed: held, not let through by a date a second ahead
    expect(held.getSnapshot()).toBe(2);
    vi.advanceTimersByTime(TEXT_HOLD_MS + DELTA_BATCH_MS);
    expect(held.getSnapshot()).toBe(4);
  });

  it('catches up on a change made between its first read and its subscription', () => {
    const src = handSource(3);
    const held = heldOf(src);
    src.value = 1; // worse, unseen by any listener (React subscribes after render)
    const listener = vi.fn();
    held.subscribe(listener);
    // React compares the snapshot itself after subscribing: no word needed, the value is there.
    expect(held.getSnapshot()).toBe(1);
    expect(listener).not.toHaveBeenCalled();
    src.value = 2; // better: held, and a timer waits to show it
    const later = heldOf(src);
    src.value = 3;
    later.subscribe(listener);
    expect(later.getSnapshot()).toBe(2);
    expect(later.waiting).toBe(true);
  });
});

/** The smallest error boundary: shows what was thrown in place of its children. */
class CatchAll extends Component<{ children: ReactNode }, { message: string | null }> {
  override state = { message: null as string | null };
  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }
  override render() {
    return this.state.message === null ? this.props.children : <p>failed: {this.state.message}</p>;
  }
}
