import { describe, expect, it } from 'vitest';
import type { SiteEvent } from '../../shared/protocol/events.js';
import { Sequencer } from '../../electron/hub/links/sequencer.js';

const event = (seq: number): SiteEvent => ({
  seq,
  at: 1_000 + seq,
  type: 'alert.clear',
  alertId: `a${seq}`,
});
const seqs = (events: readonly SiteEvent[]) => events.map((e) => e.seq);

describe('Sequencer', () => {
  it('applies nothing before it is positioned by a snapshot', () => {
    const s = new Sequencer();
    expect(s.accept([event(1)]).apply).toEqual([]);
    expect(s.isCurrent('x')).toBe(false);
  });

  it('applies consecutive events once, in order', () => {
    const s = new Sequencer();
    s.reset('stream-a', 10);
    const result = s.accept([event(11), event(12), event(13)]);
    expect(seqs(result.apply)).toEqual([11, 12, 13]);
    expect(result.gap).toBeNull();
    expect(s.lastSeq).toBe(13);
  });

  it('ignores duplicates, whether replayed whole or overlapping', () => {
    const s = new Sequencer();
    s.reset('stream-a', 0);
    s.accept([event(1), event(2)]);
    const again = s.accept([event(1), event(2), event(3)]);
    expect(seqs(again.apply)).toEqual([3]);
    expect(again.duplicates).toBe(2);
  });

  it('reports the first gap and applies only what came before it', () => {
    const s = new Sequencer();
    s.reset('stream-a', 0);
    const result = s.accept([event(1), event(2), event(5), event(6)]);
    expect(seqs(result.apply)).toEqual([1, 2]);
    expect(result.gap).toEqual({ expected: 3, got: 5 });
    expect(s.lastSeq).toBe(2);
  });

  it('during a resync drops out-of-order events quietly and applies the replay', () => {
    const s = new Sequencer();
    s.reset('stream-a', 2);
    s.beginResync();
    const live = s.accept([event(7)]);
    expect(live).toEqual({ apply: [], duplicates: 0, gap: null });
    const replay = s.accept([event(3), event(4), event(5), event(6), event(7)]);
    expect(seqs(replay.apply)).toEqual([3, 4, 5, 6, 7]);
    s.endResync();
    expect(s.isResyncing).toBe(false);
  });

  it('detects a lost tail from a heartbeat, but not for another stream or while resyncing', () => {
    const s = new Sequencer();
    s.reset('stream-a', 4);
    expect(s.checkHeartbeat('stream-a', 4)).toBeNull();
    expect(s.checkHeartbeat('stream-a', 6)).toEqual({ expected: 5, got: 6 });
    expect(s.checkHeartbeat('stream-b', 6)).toBeNull();
    s.beginResync();
    expect(s.checkHeartbeat('stream-a', 6)).toBeNull();
  });
});
