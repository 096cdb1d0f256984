import { describe, expect, it } from 'vitest';
import { holdRanks, nextRelease, type HeldRanks } from '../../renderer/src/layout/rank-hold.js';

const HOLD = 60_000;
const live = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('holdRanks', () => {
  it('takes a worse rank at once and a better one only after the hold', () => {
    let held: HeldRanks = holdRanks(new Map(), live({ a: 4, b: 4 }), 0, HOLD);
    held = holdRanks(held, live({ a: 4, b: 1 }), 1_000, HOLD);
    expect(held.get('b')).toEqual({ rank: 1, leftAt: null });
    held = holdRanks(held, live({ a: 4, b: 4 }), 2_000, HOLD);
    expect(held.get('b')).toEqual({ rank: 1, leftAt: 2_000 });
    expect(nextRelease(held, HOLD)).toBe(62_000);
    held = holdRanks(held, live({ a: 4, b: 4 }), 61_999, HOLD);
    expect(held.get('b')?.rank).toBe(1);
    held = holdRanks(held, live({ a: 4, b: 4 }), 62_000, HOLD);
    expect(held.get('b')).toEqual({ rank: 4, leftAt: null });
    expect(nextRelease(held, HOLD)).toBeNull();
  });

  it('restarts the hold when the site is back at its rank, and keeps it from its first departure', () => {
    let held: HeldRanks = holdRanks(new Map(), live({ b: 1 }), 0, HOLD);
    held = holdRanks(held, live({ b: 3 }), 10_000, HOLD);
    held = holdRanks(held, live({ b: 2 }), 20_000, HOLD);
    // Still better than its place: the hold counts from the first departure (10 s).
    expect(held.get('b')).toEqual({ rank: 1, leftAt: 10_000 });
    held = holdRanks(held, live({ b: 1 }), 30_000, HOLD);
    expect(held.get('b')).toEqual({ rank: 1, leftAt: null });
  });

  it('returns the same map when nothing changed, and a new one when a site comes or goes', () => {
    const held = holdRanks(new Map(), live({ a: 4, b: 1 }), 0, HOLD);
    expect(holdRanks(held, live({ a: 4, b: 1 }), 5_000, HOLD)).toBe(held);
    const left = holdRanks(held, live({ a: 4, b: 4 }), 5_000, HOLD);
    expect(holdRanks(left, live({ a: 4, b: 4 }), 6_000, HOLD)).toBe(left);
    expect(holdRanks(held, live({ a: 4 }), 5_000, HOLD).has('b')).toBe(false);
    expect(holdRanks(held, live({ a: 4, b: 1, c: 0 }), 5_000, HOLD).get('c')?.rank).toBe(0);
  });
});
