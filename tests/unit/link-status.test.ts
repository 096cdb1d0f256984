import { describe, expect, it } from 'vitest';
import { connectionState, type LinkFacts } from '../../electron/hub/links/link-status.js';
import { FakeClock } from '../support/fake-clock.js';

const thresholds = { staleAfterMs: 10_000, downAfterMs: 30_000 };
const facts = (over: Partial<LinkFacts>): LinkFacts => ({
  status: 'streaming',
  reason: null,
  lastMessageAt: 100_000,
  lastAppliedAt: 100_000,
  startedAt: 0,
  storedAt: null,
  ...over,
});

describe('connectionState', () => {
  it('shows data the hub started from (the store) as stale with its time, down only once the site stays away', () => {
    const start = Date.UTC(2026, 10, 26, 12, 0, 0);
    const storedAt = start - 3 * 3_600_000; // three hours before the hub started
    const stored = facts({
      status: 'connecting',
      lastMessageAt: null,
      lastAppliedAt: storedAt,
      storedAt,
      startedAt: start,
    });
    expect(connectionState(stored, start + 1_000, thresholds)).toEqual({
      state: 'stale',
      reason: 'stored data from 2026-11-26 09:00:00 UTC; not connected to the site yet',
    });
    const refusedAt = { ...stored, status: 'waiting' as const, reason: 'connect ECONNREFUSED' };
    expect(connectionState(refusedAt, start + 29_000, thresholds)).toEqual({
      state: 'stale',
      reason: 'stored data from 2026-11-26 09:00:00 UTC; connect ECONNREFUSED',
    });
    expect(connectionState(refusedAt, start + 30_000, thresholds)).toEqual({
      state: 'down',
      reason: 'no data within 30 s; connect ECONNREFUSED',
    });
  });

  it('is live only while streaming with freshly applied data', () => {
    expect(connectionState(facts({}), 105_000, thresholds)).toEqual({
      state: 'live',
      reason: null,
    });
    expect(connectionState(facts({}), 110_000, thresholds)).toEqual({
      state: 'stale',
      reason: 'no data from the site within 10 s',
    });
  });

  it('ages on applied data, not on messages: a site that talks but applies nothing goes stale, then down', () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 26, 12, 3, 10));
    const appliedAt = clock.now();
    clock.advance(11_000);
    const talking = facts({ lastAppliedAt: appliedAt, lastMessageAt: clock.now() - 100 });
    expect(connectionState(talking, clock.now(), thresholds)).toEqual({
      state: 'stale',
      reason: 'site sends data but none of it was new since 12:03:10 UTC',
    });
    const stuck = {
      ...talking,
      reason: 'site sends data but has not answered a resync since 12:03:10 UTC',
    };
    clock.advance(19_000);
    expect(
      connectionState({ ...stuck, lastMessageAt: clock.now() }, clock.now(), thresholds),
    ).toEqual({
      state: 'down',
      reason:
        'no data applied within 30 s; site sends data but has not answered a resync since 12:03:10 UTC',
    });
  });

  it('gives the same reason at every watchdog round while a problem lasts', () => {
    const clock = new FakeClock();
    const appliedAt = clock.now();
    const reasons = new Set<string | null>();
    for (let i = 0; i < 20; i++) {
      clock.advance(1000);
      const f = facts({ lastAppliedAt: appliedAt, lastMessageAt: clock.now() });
      const { state, reason } = connectionState(f, clock.now(), thresholds);
      if (state === 'stale') reasons.add(reason);
    }
    expect(reasons.size).toBe(1);
  });

  it('is stale at once when the link drops, then down with the silence and the cause', () => {
    const dropped = facts({ status: 'waiting', reason: 'connect ECONNREFUSED' });
    expect(connectionState(dropped, 101_000, thresholds)).toEqual({
      state: 'stale',
      reason: 'connect ECONNREFUSED',
    });
    expect(connectionState(dropped, 130_000, thresholds)).toEqual({
      state: 'down',
      reason: 'no data within 30 s; connect ECONNREFUSED',
    });
  });

  it('is connecting, with a reason, for a site that has not given data yet; down after the threshold from start', () => {
    const never = facts({ status: 'connecting', lastMessageAt: null, lastAppliedAt: null });
    expect(connectionState(never, 29_000, thresholds)).toEqual({
      state: 'connecting',
      reason: 'no data from the site yet',
    });
    expect(connectionState(never, 30_000, thresholds).state).toBe('down');
    // A hello is a message, not data: still connecting, and down on the same threshold.
    const hello = facts({ status: 'syncing', lastMessageAt: 1000, lastAppliedAt: null });
    expect(connectionState(hello, 29_000, thresholds).state).toBe('connecting');
    expect(connectionState(hello, 30_000, thresholds)).toEqual({
      state: 'down',
      reason: 'no data applied within 30 s',
    });
  });

  it('stays refused with its reason whatever the age', () => {
    const refused = facts({ status: 'refused', reason: 'bad token' });
    expect(connectionState(refused, 10_000_000, thresholds)).toEqual({
      state: 'refused',
      reason: 'bad token',
    });
  });
});
