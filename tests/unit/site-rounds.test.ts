import { describe, expect, it } from 'vitest';
import { SiteRounds } from '../../electron/hub/alerts/site-rounds.js';
import { FakeClock } from '../support/fake-clock.js';

describe('SiteRounds', () => {
  it('visits every site once a round, one per turn, the sites listed when the round starts', () => {
    const clock = new FakeClock(0);
    const sites = ['a', 'b', 'c'];
    const seen: string[] = [];
    const rounds = new SiteRounds(
      clock,
      1000,
      () => [...sites],
      (id) => seen.push(id),
    );
    rounds.start();
    clock.advance(999);
    expect(seen).toEqual([]);
    clock.advance(1);
    expect(seen).toEqual(['a', 'b', 'c']);
    sites.push('d');
    clock.advance(1000);
    expect(seen).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'd']);
    rounds.dispose();
    expect(rounds.openResources).toBe(0);
  });

  it('holds no timer when disposed from inside a visit', () => {
    const clock = new FakeClock(0);
    let rounds: SiteRounds | null = null;
    const seen: string[] = [];
    rounds = new SiteRounds(
      clock,
      10,
      () => ['a', 'b'],
      (id) => {
        seen.push(id);
        rounds?.dispose();
      },
    );
    rounds.start();
    clock.advance(100);
    expect(seen).toEqual(['a']);
    expect(rounds.openResources).toBe(0);
  });
});
