import { describe, expect, it } from 'vitest';
import { connectionState, type LinkFacts } from '../../electron/hub/links/link-status.js';

const thresholds = { staleAfterMs: 10_000, downAfterMs: 30_000 };
const facts = (over: Partial<LinkFacts>): LinkFacts => ({
  status: 'streaming',
  reason: null,
  lastMessageAt: 100_000,
  startedAt: 0,
  ...over,
});

describe('connectionState', () => {
  it('is live only while streaming with fresh data', () => {
    expect(connectionState(facts({}), 105_000, thresholds).state).toBe('live');
    expect(connectionState(facts({}), 110_000, thresholds).state).toBe('stale');
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

  it('is connecting for a site never heard from, and down after the threshold from start', () => {
    const never = facts({ status: 'connecting', lastMessageAt: null });
    expect(connectionState(never, 29_000, thresholds).state).toBe('connecting');
    expect(connectionState(never, 30_000, thresholds).state).toBe('down');
  });

  it('stays refused with its reason whatever the age', () => {
    const refused = facts({ status: 'refused', reason: 'bad token' });
    expect(connectionState(refused, 10_000_000, thresholds)).toEqual({
      state: 'refused',
      reason: 'bad token',
    });
  });
});
