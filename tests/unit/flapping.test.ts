import { describe, expect, it } from 'vitest';
import {
  flapPercent,
  isFlapping,
  NEW_FLAP_RECORD,
  recordState,
  transitionWeight,
  type FlapRecord,
} from '../../shared/alerts/flapping.js';

/**
 * The Nagios flap computation against a table worked by hand: weights 0.75 + (x − 1)·0.5/19 for
 * transition x = 1 (oldest) … 20 (newest); percent = 100·Σ/20.
 */

/** 21 states, oldest first, from a string of "o" (ok) and "P" (problem). */
const states = (text: string) => Array.from(text, (c) => c === 'P');

describe('flap percentage (Nagios method), by hand', () => {
  it.each([
    // states (oldest → newest)      changed transitions              Σ weights           percent
    ['ooooooooooooooooooooo', 'none', 0],
    ['ooooooooooooooooooooP', 'x = 20 (newest): 1.25', 6.25],
    ['Poooooooooooooooooooo', 'x = 1 (oldest): 0.75', 3.75],
    ['oooooooooooooooooooPo', 'x = 19, 20: 1.223684 + 1.25 = 2.473684', 12.368421],
    [
      'oooooooooooooooooPoPo',
      'x = 17…20: 1.171053 + 1.197368 + 1.223684 + 1.25 = 4.842105',
      24.210526,
    ],
    ['PoPoPoPoPoPoPoPoPoPoP', 'all 20: 20 × 0.75 + 0.5/19 × 190 = 20', 100],
    ['PPPPPPPPPPoooooooooo' + 'o', 'x = 10: 0.75 + 9 × 0.5/19 = 0.986842', 4.934211],
  ])('%s → %s → %f %%', (text, _why, percent) => {
    expect(flapPercent(states(text))).toBeCloseTo(percent, 5);
  });

  it('weighs the oldest transition 0.75 and the newest 1.25', () => {
    expect(transitionWeight(1)).toBe(0.75);
    expect(transitionWeight(20)).toBeCloseTo(1.25, 12);
  });

  it('counts only the newest 21 states; fewer count as if the first had always been', () => {
    expect(flapPercent(states(`PPPP${'o'.repeat(21)}`))).toBe(0);
    expect(flapPercent(states('oP'))).toBeCloseTo(6.25, 10);
    expect(flapPercent([])).toBe(0);
  });
});

describe('flapping: start at ≥ high, stop at ≤ low, unchanged between', () => {
  it.each([
    [false, 24.2, true],
    [false, 20, true],
    [false, 19.9, false],
    [true, 12.4, true],
    [true, 5.01, true],
    [true, 5, false],
    [false, 5, false],
  ])('was %s at %f %% → %s', (was, percent, now) => {
    expect(isFlapping(was, percent)).toBe(now);
  });

  it('follows a check that toggles, then settles', () => {
    let record: FlapRecord = NEW_FLAP_RECORD;
    const trace: boolean[] = [];
    // Toggling every check: flapping once the weighted changes reach 20 %.
    for (let i = 0; i < 8; i++) {
      record = recordState(record, i % 2 === 1);
      trace.push(record.flapping);
    }
    // 1 change: 6.25; 2: 12.37; 3: 18.36; 4: 24.21 → flapping at the 5th state.
    expect(trace).toEqual([false, false, false, false, true, true, true, true]);
    // Settled in problem: the changes age out; it stops only once at or below 5 %.
    let settledAfter = 0;
    while (record.flapping) {
      record = recordState(record, true);
      settledAfter++;
    }
    expect(record.percent).toBeLessThanOrEqual(5);
    // By hand: the 7 changes sit at x = 14…20 and move down one per new state. After 18 more
    // states two are left (x = 1, 2: 0.75 + 0.763 = 7.6 %); after 19, one (x = 1: 3.75 % ≤ 5).
    expect(settledAfter).toBe(19);
  });
});
