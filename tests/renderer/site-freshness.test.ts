import { describe, expect, it } from 'vitest';
import { ZERO_HEALTH_COUNTS, type SiteHealth } from '../../shared/fleet/health.js';
import {
  HUB_LAG_MS,
  nextFreshnessChange,
  shownSiteState,
} from '../../renderer/src/status/site-freshness.js';

const thresholds = { staleAfterMs: 10_000, downAfterMs: 30_000 };
const health = (over: Partial<SiteHealth>): SiteHealth => ({
  siteId: 's',
  state: 'live',
  reason: null,
  lastEventAt: 100_000,
  lastMessageAt: 100_000,
  lastSeq: 5,
  ...ZERO_HEALTH_COUNTS,
  ...over,
});

describe('shownSiteState', () => {
  it("shows the hub's word while the hub keeps the site fresh", () => {
    expect(shownSiteState(health({}), true, 105_000, thresholds)).toEqual({
      state: 'live',
      reason: null,
    });
    const down = health({ state: 'down', reason: 'connect ECONNREFUSED' });
    expect(shownSiteState(down, true, 105_000, thresholds)).toEqual({
      state: 'down',
      reason: 'connect ECONNREFUSED',
    });
  });

  it('never shows live once the page has lost the hub', () => {
    expect(shownSiteState(health({}), false, 100_001, thresholds)).toEqual({
      state: 'stale',
      reason: 'no connection to the hub',
    });
  });

  it('ages a "live" site by itself when a stalled hub stops updating it', () => {
    const live = health({});
    const staleAt = 100_000 + thresholds.staleAfterMs + HUB_LAG_MS;
    expect(shownSiteState(live, true, staleAt - 1, thresholds).state).toBe('live');
    expect(shownSiteState(live, true, staleAt, thresholds)).toEqual({
      state: 'stale',
      reason: 'the hub has sent nothing new for this site',
    });
    const downAt = 100_000 + thresholds.downAfterMs + HUB_LAG_MS;
    expect(shownSiteState(live, true, downAt, thresholds).state).toBe('down');
  });
});

describe('nextFreshnessChange', () => {
  const staleAt = 100_000 + thresholds.staleAfterMs + HUB_LAG_MS;
  const downAt = 100_000 + thresholds.downAfterMs + HUB_LAG_MS;

  it('is the instant shownSiteState flips next, strictly after now', () => {
    const live = health({});
    expect(nextFreshnessChange(live, true, 100_500, thresholds)).toBe(staleAt);
    expect(nextFreshnessChange(live, true, staleAt, thresholds)).toBe(downAt);
    expect(nextFreshnessChange(live, true, downAt, thresholds)).toBeNull();
    for (const at of [staleAt, downAt]) {
      expect(shownSiteState(live, true, at - 1, thresholds)).not.toEqual(
        shownSiteState(live, true, at, thresholds),
      );
    }
  });

  it('is null when only news can change what is shown', () => {
    expect(nextFreshnessChange(health({ state: 'down' }), true, 100_500, thresholds)).toBeNull();
    expect(nextFreshnessChange(health({}), false, 100_500, thresholds)).toBeNull();
    expect(nextFreshnessChange(health({}), true, 100_500, null)).toBeNull();
    expect(nextFreshnessChange(health({ lastEventAt: null }), true, 0, thresholds)).toBeNull();
  });
});
