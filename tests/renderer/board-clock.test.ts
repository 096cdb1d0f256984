import { describe, expect, it } from 'vitest';
import { BoardClock } from '../../renderer/src/clock/board-clock.js';
import { FakeClock } from '../support/fake-clock.js';
import { T0 } from './fleet-fixtures.js';

describe('BoardClock', () => {
  it('ticks on whole seconds of hub time, one timer for every subscriber, none without', () => {
    const clock = new FakeClock(T0 + 250);
    let offset = 300; // the hub is 300 ms ahead of this screen
    const board = new BoardClock(clock, () => offset);
    const seen: number[] = [];
    const stopA = board.subscribe(() => seen.push(board.displayNow()));
    const stopB = board.subscribe(() => undefined);
    expect(clock.pendingCount).toBe(1);

    clock.advance(2_000);
    // Hub time was T0 + 550: ticks at T0 + 1000 and T0 + 2000 of the hub's clock.
    expect(seen).toEqual([T0 + 1_000, T0 + 2_000]);
    expect(board.displayNow()).toBe(T0 + 2_000); // stable between ticks

    // A new offset shows at once, not at the next tick.
    offset = 3_600_000;
    board.resync();
    expect(seen.at(-1)).toBe(T0 + 2_250 + 3_600_000);

    stopA();
    expect(board.running).toBe(true);
    stopB();
    expect(board.running).toBe(false);
    expect(clock.pendingCount).toBe(0);
    expect(board.subscriberCount).toBe(0);
  });

  it('re-arms on a new offset, so ticks land on whole seconds of the corrected hub time', () => {
    const clock = new FakeClock(T0);
    let offset = 0;
    const board = new BoardClock(clock, () => offset);
    const seen: number[] = [];
    const stop = board.subscribe(() => seen.push(board.displayNow()));
    clock.advance(1_000);
    expect(seen).toEqual([T0 + 1_000]);

    // The hub turns out to be 400 ms ahead: the next whole hub second is 600 ms away, not 1 s.
    offset = 400;
    clock.advance(100);
    board.resync();
    expect(seen.at(-1)).toBe(T0 + 1_500);
    expect(clock.pendingCount).toBe(1);
    clock.advance(500);
    expect(seen.at(-1)).toBe(T0 + 2_000);
    clock.advance(2_000);
    expect(seen.slice(-2)).toEqual([T0 + 3_000, T0 + 4_000]);

    stop();
    board.resync(); // nobody is watching: nothing to re-arm
    expect(clock.pendingCount).toBe(0);
  });

  it('runs a callback at an instant of hub time, and cancels it', () => {
    const clock = new FakeClock(T0);
    const board = new BoardClock(clock, () => 1_000);
    const fired: number[] = [];
    board.at(T0 + 6_000, () => fired.push(board.now()));
    const cancel = board.at(T0 + 7_000, () => fired.push(-1));
    cancel();
    clock.advance(10_000);
    expect(fired).toEqual([T0 + 6_000]);
    expect(clock.pendingCount).toBe(0);
  });
});
