import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS } from '../../electron/hub/config/hub-options.js';
import { Freshness, utcTime } from '../../electron/hub/links/freshness.js';
import { RateBudget, RateWindow } from '../../electron/hub/links/rate-budget.js';
import { RatePause } from '../../electron/hub/links/rate-pause.js';
import { ResyncBrake } from '../../electron/hub/links/resync-brake.js';
import { FakeClock } from '../support/fake-clock.js';

const T0 = Date.UTC(2026, 10, 26, 12, 3, 10);

describe('ResyncBrake', () => {
  const options = { initialDelayMs: 250, maxDelayMs: 30_000, resetAfterMs: 120_000 };

  it('runs the first resync at once, then at most one per doubling delay, up to the cap', () => {
    const clock = new FakeClock(T0);
    const brake = new ResyncBrake(clock, options);
    const ran: number[] = [];
    // Asked every 50 ms for 100 s: a heartbeat naming a seq the site never sends.
    for (let t = 0; t < 100_000; t += 50) {
      brake.request(() => ran.push(clock.now() - T0));
      clock.advance(50);
    }
    expect(ran.slice(0, 8)).toEqual([0, 250, 750, 1750, 3750, 7750, 15_750, 31_750]);
    expect(ran.filter((t) => t < 10_000)).toHaveLength(6);
    const gaps = ran.slice(1).map((t, i) => t - (ran[i] ?? 0));
    expect(Math.max(...gaps)).toBe(30_000);
  });

  it('asks that come while one waits join it: one resync, not one per ask', () => {
    const clock = new FakeClock(T0);
    const brake = new ResyncBrake(clock, options);
    let runs = 0;
    brake.request(() => runs++);
    for (let i = 0; i < 10; i++) brake.request(() => runs++);
    expect(brake.pending).toBe(1);
    clock.advance(250);
    expect(runs).toBe(2);
    expect(brake.pending).toBe(0);
  });

  it('starts over after a clean stretch', () => {
    const clock = new FakeClock(T0);
    const brake = new ResyncBrake(clock, options);
    const ran: number[] = [];
    for (let i = 0; i < 4; i++) {
      brake.request(() => ran.push(clock.now()));
      clock.advance(10_000);
    }
    clock.advance(120_000);
    brake.request(() => ran.push(clock.now()));
    brake.request(() => ran.push(clock.now()));
    clock.advance(250);
    expect(ran.slice(-2)).toEqual([T0 + 160_000, T0 + 160_250]);
  });

  it('frees its timer when cancelled', () => {
    const clock = new FakeClock(T0);
    const brake = new ResyncBrake(clock, options);
    let runs = 0;
    brake.request(() => runs++);
    brake.request(() => runs++);
    expect(clock.pendingCount).toBe(1);
    brake.cancel();
    expect(brake.pending).toBe(0);
    expect(clock.pendingCount).toBe(0);
    clock.advance(60_000);
    expect(runs).toBe(1);
  });
});

describe('RateWindow and RateBudget', () => {
  it('sums what arrived over the last whole seconds of the window only', () => {
    const window = new RateWindow(10);
    expect(window.add(100, T0)).toBe(100);
    expect(window.add(100, T0 + 9_000)).toBe(200);
    expect(window.add(1, T0 + 10_000)).toBe(101); // the first second left the window
    expect(window.add(0, T0 + 60_000)).toBe(0);
  });

  it('names the rate, the window and the budget when one is exceeded', () => {
    const budget = new RateBudget(DEFAULT_BUDGETS);
    expect(budget.addEvents(200_000, T0)).toBeNull(); // 20,000/s over 10 s: at the budget
    expect(budget.addEvents(280_000, T0 + 500)).toBe(
      'sent 48,000 events/s over 10 s, over the budget of 20,000/s',
    );
    expect(budget.addBytes(205 * 2 ** 20, T0)).toBe(
      'sent 20.5 MiB/s over 10 s, over the budget of 16 MiB/s',
    );
    budget.reset();
    expect(budget.addEvents(1000, T0 + 1000)).toBeNull();
  });
});

describe('RatePause', () => {
  it('pauses for the window, doubling while no data is applied in between, back to the window once the data moved on', () => {
    let seq: number | null = 10;
    const budgets = { ...DEFAULT_BUDGETS, maxEventsPerSecond: 10, windowSeconds: 2 };
    const pause = new RatePause(budgets, { initialDelayMs: 500, maxDelayMs: 30_000 }, () => seq);
    /** A new connection that at once sends 100 events: 50/s over 2 s, over the budget. */
    const flood = (at: number) => {
      pause.reconnected();
      expect(pause.events(100, at)).toBe(true);
      return pause.delayMs;
    };
    expect(flood(T0)).toBe(2000);
    expect(flood(T0 + 10_000)).toBe(4000); // still at seq 10: a loop, so longer
    expect(flood(T0 + 20_000)).toBe(8000);
    seq = 500; // the resume brought its backlog: a site catching up, not a loop
    expect(flood(T0 + 30_000)).toBe(2000);
    seq = 900; // and again: each pause is the first one
    expect(flood(T0 + 40_000)).toBe(2000);
    expect(flood(T0 + 50_000)).toBe(4000); // stuck at 900 now
    expect(flood(T0 + 60_000)).toBe(8000);
    expect(pause.reason).toBe(
      'sent 50 events/s over 2 s, over the budget of 10/s: paused, retrying in 8 s',
    );
    pause.streaming();
    expect(pause.reason).toBeNull();
  });
});

describe('Freshness', () => {
  it('keeps the first cause of a stall and its time until data is applied again', () => {
    const clock = new FakeClock(T0);
    const f = new Freshness();
    f.applied(clock.now());
    clock.advance(1000);
    f.message(clock.now());
    f.stalled('gap', 'site sent seq 9 after 2; resyncing', clock.now());
    clock.advance(5000);
    f.message(clock.now());
    f.stalled('invalid', 'site sends invalid data (first: x)', clock.now());
    expect(f.stallReason).toBe('site sent seq 9 after 2; resyncing since 12:03:11 UTC');
    // An unanswered sync is what blocks every other repair: it takes over, with its own time.
    f.stalled('sync-unanswered', 'site sends data but has not answered a resync', T0 + 2000);
    expect(f.stallReason).toBe('site sends data but has not answered a resync since 12:03:12 UTC');
    f.applied(clock.now());
    expect(f.stallReason).toBeNull();
    expect(f.lastAppliedAt).toBe(T0 + 6000);
  });

  it('explains no stall while the site is silent since it began, nor by a hello', () => {
    const f = new Freshness();
    f.stalled('sync-unanswered', 'site sends data but has not answered a sync', T0);
    f.greeted(T0 + 1000);
    expect(f.stallReason).toBeNull();
    f.message(T0 + 2000);
    expect(f.stallReason).toBe('site sends data but has not answered a sync since 12:03:10 UTC');
    expect(utcTime(T0)).toBe('12:03:10 UTC');
  });
});
