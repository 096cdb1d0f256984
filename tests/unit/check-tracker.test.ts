import { describe, expect, it } from 'vitest';
import { CheckTracker } from '../../electron/hub/alerts/check-tracker.js';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { DEFAULT_CHECK_OPTIONS } from '../../shared/alerts/check-record.js';
import type { Alert } from '../../shared/protocol/alert.js';
import type { SiteEvent } from '../../shared/protocol/events.js';
import { FakeClock } from '../support/fake-clock.js';

/**
 * Dedupe and flapping per device and check, under a fake clock: what the hub shows every window
 * (through the fleet state) as a site raises and clears the same check.
 */

const MIN = 60_000;

function rig() {
  const clock = new FakeClock();
  const fleet = new FleetState([{ id: 's', customer: 'C' }], { clock });
  const flaps: { flapping: boolean; alertId: string; at: number }[] = [];
  const tracker = new CheckTracker(fleet, clock, DEFAULT_CHECK_OPTIONS, (tracked, at) => {
    flaps.push({ flapping: tracked.record.flapping, alertId: tracked.lastAlertId, at });
  });
  let seq = 0;
  let n = 0;
  const apply = (events: SiteEvent[]) => {
    fleet.applyEvents('s', events);
  };
  const alert = (check = 'ping', severity: Alert['severity'] = 'high'): Alert => ({
    id: `pc1:${check}:${++n}`,
    deviceId: 'pc1',
    check,
    severity,
    title: `PC 1 ${check}`,
    detail: '',
    raisedAt: clock.now(),
    updatedAt: clock.now(),
    ack: null,
  });
  let open: Alert | null = null;
  const raise = (check = 'ping') => {
    open = alert(check);
    apply([{ seq: ++seq, at: clock.now(), type: 'alert.raise', alert: open }]);
    return open;
  };
  const clear = () => {
    if (!open) throw new Error('nothing open');
    apply([{ seq: ++seq, at: clock.now(), type: 'alert.clear', alertId: open.id }]);
    open = null;
  };
  const shown = () => fleet.site('s')?.checks.get('pc1/ping') ?? null;
  return { clock, fleet, tracker, raise, clear, shown, apply, flaps };
}

describe('CheckTracker', () => {
  it('counts a check raised again on one line; a check raised once is not news', () => {
    const r = rig();
    r.raise();
    expect(r.shown()).toBeNull();
    r.clock.advance(5 * MIN);
    r.clear();
    r.clock.advance(5 * MIN);
    const second = r.raise();
    expect(r.shown()).toMatchObject({ raises: 2, alertId: second.id, flapping: false });
    r.clock.advance(5 * MIN);
    r.clear();
    r.clock.advance(5 * MIN);
    r.raise();
    expect(r.shown()?.raises).toBe(3);
  });

  it('starts counting again after the check was quiet for the dedupe window (1 h)', () => {
    const r = rig();
    r.raise();
    r.clear();
    r.raise();
    expect(r.shown()?.raises).toBe(2);
    r.clear();
    r.clock.advance(DEFAULT_CHECK_OPTIONS.dedupeWindowMs);
    // The sweep forgot it: no longer shown, and the next raise is the first.
    expect(r.shown()).toBeNull();
    r.raise();
    expect(r.tracker.tracked('s', 'pc1/ping')?.record.raises).toBe(1);
  });

  it('one flapping line while a check toggles, kept while momentarily clear, until it settles', () => {
    const r = rig();
    // Toggle every 10 s: after 1, 2, 3 changes (6.25, 12.37, 18.36 %) not yet flapping; the 4th
    // change (24.2 %: see flapping.test.ts) starts it.
    r.raise();
    r.clock.advance(10_000);
    r.clear();
    r.clock.advance(10_000);
    r.raise();
    r.clock.advance(10_000);
    r.clear();
    expect(r.shown()).toMatchObject({ flapping: false, raises: 2 });
    expect(r.shown()?.flapPercent).toBeCloseTo(18.355263, 5);
    r.clock.advance(10_000);
    r.raise();
    expect(r.shown()).toMatchObject({ flapping: true, raises: 3 });
    // The timeline hears it, on the alert that made it flap.
    expect(r.flaps).toEqual([{ flapping: true, alertId: r.shown()?.alertId, at: r.clock.now() }]);
    expect(r.shown()?.flapPercent).toBeCloseTo(24.210526, 5);
    r.clock.advance(10_000);
    r.clear();
    // Clear now, and still one flapping line: the alert's title kept, no alert open.
    expect(r.shown()).toMatchObject({ flapping: true, alertId: null, title: 'PC 1 ping' });
    // It stays clear: each minute counts as a check; it stops flapping once ≤ 5 %.
    let minutes = 0;
    while (r.shown()?.flapping) {
      r.clock.advance(MIN);
      minutes++;
    }
    expect(minutes).toBeGreaterThan(10);
    expect(minutes).toBeLessThan(21);
    expect(r.flaps.map((f) => f.flapping)).toEqual([true, false]);
    // Noted at the sample that settled it: within the last minute advanced.
    expect(r.flaps[1]?.at).toBeGreaterThan(r.clock.now() - MIN);
    // Settled and quiet for the window: forgotten, so nothing is left on the board.
    r.clock.advance(DEFAULT_CHECK_OPTIONS.dedupeWindowMs);
    expect(r.shown()).toBeNull();
    expect(r.tracker.tracked('s', 'pc1/ping')).toBeUndefined();
    expect(r.tracker.openResources).toBe(0);
  });

  it('reads a snapshot as what changed: an alert gone is a clear, a new one a raise', () => {
    const r = rig();
    const first = r.raise();
    r.fleet.replaceSite('s', { stream: 'x', seq: 10, at: 0, devices: [], alerts: [] });
    expect(r.tracker.tracked('s', 'pc1/ping')?.record.alertId).toBeNull();
    const again = { ...first, id: 'pc1:ping:99' };
    r.fleet.replaceSite('s', { stream: 'x', seq: 11, at: 0, devices: [], alerts: [again] });
    expect(r.shown()).toMatchObject({ raises: 2, alertId: 'pc1:ping:99' });
  });

  it('an alert the site moves to another check leaves the old one clear', () => {
    const r = rig();
    const moved = r.raise('ping');
    r.apply([
      { seq: 100, at: r.clock.now(), type: 'alert.update', alert: { ...moved, check: 'cpu' } },
    ]);
    expect(r.tracker.tracked('s', 'pc1/ping')?.record.alertId).toBeNull();
    expect(r.tracker.tracked('s', 'pc1/cpu')?.record.alertId).toBe(moved.id);
    r.apply([{ seq: 101, at: r.clock.now(), type: 'alert.clear', alertId: moved.id }]);
    r.clock.advance(DEFAULT_CHECK_OPTIONS.dedupeWindowMs);
    // Both forgotten once quiet: nothing left open, no timer running on.
    expect(r.tracker.tracked('s', 'pc1/ping')).toBeUndefined();
    expect(r.tracker.tracked('s', 'pc1/cpu')).toBeUndefined();
    expect(r.tracker.openResources).toBe(0);
  });

  it('two open alerts on one check (a site that should not): not a raise, and clear only when both are', () => {
    const r = rig();
    const first = r.raise();
    const second = { ...first, id: 'pc1:ping:dup' };
    r.apply([{ seq: 200, at: r.clock.now(), type: 'alert.raise', alert: second }]);
    expect(r.tracker.tracked('s', 'pc1/ping')?.record).toMatchObject({
      raises: 1,
      alertId: 'pc1:ping:dup',
    });
    r.apply([{ seq: 201, at: r.clock.now(), type: 'alert.clear', alertId: second.id }]);
    expect(r.tracker.tracked('s', 'pc1/ping')?.record.alertId).toBe(first.id);
    r.clear();
    expect(r.tracker.tracked('s', 'pc1/ping')?.record.alertId).toBeNull();
  });

  it('holds no timer and no subscription after dispose', () => {
    const r = rig();
    r.raise();
    expect(r.tracker.openResources).toBe(1);
    const listeners = r.fleet.listenerCount;
    r.tracker.dispose();
    expect(r.tracker.openResources).toBe(0);
    expect(r.fleet.listenerCount).toBe(listeners - 1);
  });
});
