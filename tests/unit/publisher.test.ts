import { describe, expect, it, vi } from 'vitest';
import { FleetDelta, type FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import {
  emptyFleetModel,
  GAP,
  reduceDelta,
  reduceSnapshot,
  type FleetModel,
} from '../../shared/fleet/fleet-reducer.js';
import type { Notice } from '../../shared/notify/notice.js';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { MAX_WARNINGS_PER_DELTA, Publisher } from '../../electron/hub/publisher/publisher.js';
import { FakeClock } from '../support/fake-clock.js';
import { alert, device, sample } from '../support/fleet-fixtures.js';

function setup() {
  const clock = new FakeClock();
  const fleet = new FleetState([
    { id: 'a', customer: 'A' },
    { id: 'b', customer: 'B' },
  ]);
  fleet.replaceSite('a', {
    stream: 's',
    seq: 0,
    at: 0,
    devices: [device('d1'), device('d2')],
    alerts: [],
  });
  const publisher = new Publisher(fleet, clock, 200);
  const deltas: FleetDelta[] = [];
  const subscription = publisher.subscribe((d) => deltas.push(d));
  return { clock, fleet, publisher, deltas, subscription };
}

describe('Publisher', () => {
  it('starts a subscriber with a snapshot of every site at the current version', () => {
    const { fleet, subscription } = setup();
    expect(subscription.snapshot.version).toBe(fleet.version);
    expect(subscription.snapshot.sites.map((s) => s.id)).toEqual(['a', 'b']);
    expect(subscription.snapshot.contents[0]?.devices.map((d) => d.id)).toEqual(['d1', 'd2']);
  });

  it('sends fifty changes to one device within a tick as one delta holding it once', () => {
    const { clock, fleet, deltas, subscription } = setup();
    for (let i = 1; i <= 50; i++) fleet.applyEvents('a', [sample('d1', i)]);
    expect(deltas).toHaveLength(0);
    clock.advance(199);
    expect(deltas).toHaveLength(0);
    clock.advance(1);
    expect(deltas).toHaveLength(1);
    const delta = deltas[0];
    expect(delta?.devices).toHaveLength(1);
    expect(delta?.devices[0]?.device.metrics.cpu).toBe(50);
    expect(delta?.previous).toBe(subscription.snapshot.version);
    expect(delta?.version).toBe(fleet.version);
  });

  it('chains versions from delta to delta, and a later subscriber lines up with the next one', () => {
    const { clock, fleet, publisher, deltas } = setup();
    fleet.applyEvents('a', [sample('d1', 1)]);
    clock.advance(200);
    fleet.applyEvents('a', [sample('d2', 2)]);
    const late: FleetDelta[] = [];
    const { snapshot } = publisher.subscribe((d) => late.push(d));
    // Subscribing flushed the pending change to the first viewer, before the snapshot.
    expect(deltas.map((d) => [d.previous, d.version])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(snapshot.version).toBe(3);
    fleet.applyEvents('b', [{ seq: 1, at: 1, type: 'device.upsert', device: device('x') }]);
    clock.advance(200);
    expect(late[0]?.previous).toBe(3);
    expect(deltas.at(-1)).toEqual(late[0]);
  });

  it('reports removals and sends a site reset with its whole contents instead of its pieces', () => {
    const { clock, fleet, deltas } = setup();
    fleet.applyEvents('a', [
      { seq: 1, at: 1, type: 'alert.raise', alert: alert('al1', 'd1') },
      { seq: 2, at: 2, type: 'device.remove', deviceId: 'd2' },
    ]);
    clock.advance(200);
    expect(deltas[0]?.alerts.map((a) => a.alert.id)).toEqual(['al1']);
    expect(deltas[0]?.removedDevices).toEqual([{ siteId: 'a', id: 'd2' }]);
    fleet.applyEvents('a', [sample('d1', 99)]);
    fleet.replaceSite('a', { stream: 't', seq: 9, at: 9, devices: [device('n1')], alerts: [] });
    fleet.applyEvents('a', [{ seq: 10, at: 10, type: 'device.upsert', device: device('n2') }]);
    clock.advance(200);
    const reset = deltas[1];
    expect(reset?.devices).toEqual([]);
    expect(reset?.resets.map((r) => r.devices.map((d) => d.id))).toEqual([['n1', 'n2']]);
  });

  it('sends SLA warnings as events: each once, in order, never coalesced, not lost to a site reset', () => {
    const { clock, fleet, deltas } = setup();
    const warning = (incidentId: string, share: number, at: number) => ({
      siteId: 'a',
      incidentId,
      clock: 'response' as const,
      share,
      at,
    });
    fleet.raiseSlaWarnings([warning('i1', 0.5, 10), warning('i1', 0.75, 20)]);
    fleet.raiseSlaWarnings([warning('i1', 0.9, 30), warning('i2', 0.5, 30)]);
    fleet.replaceSite('a', { stream: 't', seq: 9, at: 9, devices: [device('n1')], alerts: [] });
    // A site the hub does not hold: nothing to say about it.
    fleet.raiseSlaWarnings([{ ...warning('i9', 1, 40), siteId: 'gone' }]);
    clock.advance(200);
    expect(deltas).toHaveLength(1);
    expect(deltas[0]?.slaWarnings.map((w) => [w.incidentId, w.share, w.at])).toEqual([
      ['i1', 0.5, 10],
      ['i1', 0.75, 20],
      ['i1', 0.9, 30],
      ['i2', 0.5, 30],
    ]);
    expect(deltas[0]?.resets).toHaveLength(1);
    // Sent once: the next delta has none.
    fleet.applyEvents('b', [{ seq: 1, at: 1, type: 'device.upsert', device: device('x') }]);
    clock.advance(200);
    expect(deltas[1]?.slaWarnings).toEqual([]);
  });

  it('sends notices as events: each once, in order, checked by the bridge schema', () => {
    const { clock, fleet, deltas } = setup();
    const notice = (id: string): Notice => ({
      id,
      severity: 'high',
      title: `notice ${id}`,
      body: '',
      count: 1,
      target: { view: 'alerts' },
      sound: false,
      at: clock.now(),
    });
    fleet.raiseNotices([notice('n1'), notice('n2')]);
    fleet.raiseNotices([notice('n3')]);
    clock.advance(200);
    expect(deltas).toHaveLength(1);
    expect(deltas[0]?.notices.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(FleetDelta.safeParse(deltas[0]).success).toBe(true);
    fleet.applyEvents('b', [{ seq: 1, at: 1, type: 'device.upsert', device: device('x') }]);
    clock.advance(200);
    expect(deltas[1]?.notices).toEqual([]);
  });

  it('keeps at most MAX_WARNINGS_PER_DELTA warnings for one delta, dropping the oldest and counting them', () => {
    const { clock, fleet, publisher, deltas } = setup();
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
      errors.push(line);
    });
    try {
      const many = Array.from({ length: MAX_WARNINGS_PER_DELTA + 5 }, (_, i) => ({
        siteId: 'a',
        incidentId: `i${i}`,
        clock: 'resolution' as const,
        share: 0.5,
        at: i,
      }));
      fleet.raiseSlaWarnings(many);
      clock.advance(200);
    } finally {
      spy.mockRestore();
    }
    const sent = deltas[0]?.slaWarnings ?? [];
    expect(sent).toHaveLength(MAX_WARNINGS_PER_DELTA);
    expect(sent[0]?.incidentId).toBe('i5');
    expect(sent.at(-1)?.incidentId).toBe(`i${MAX_WARNINGS_PER_DELTA + 4}`);
    expect(publisher.droppedWarnings).toBe(5);
    expect(errors).toHaveLength(1);
    expect(FleetDelta.safeParse(deltas[0]).success).toBe(true);
  });

  it('runs no timer while idle, and releases everything on dispose', () => {
    const { clock, fleet, publisher, deltas, subscription } = setup();
    expect(publisher.hasTimer).toBe(false);
    const health = fleet.site('b')?.health;
    if (!health) throw new Error('no site b');
    fleet.setHealth('b', { ...health, state: 'live' });
    expect(publisher.hasTimer).toBe(true);
    clock.advance(200);
    expect(deltas[0]?.sites.map((s) => [s.id, s.health.state])).toEqual([['b', 'live']]);
    expect(publisher.hasTimer).toBe(false);
    subscription.unsubscribe();
    expect(publisher.subscriberCount).toBe(0);
    fleet.applyEvents('a', [sample('d1', 5)]);
    clock.advance(200);
    expect(publisher.devicesHeld).toBe(1);
    publisher.dispose();
    expect(publisher.devicesHeld).toBe(0);
    expect(clock.pendingCount).toBe(0);
    expect(fleet.listenerCount).toBe(0);
  });
});

describe('Publisher: a device whose live fields alone changed goes as a patch', () => {
  /** What a viewer holds after the snapshot and every delta: the shared reducer, as pages use it. */
  function follow(snapshot: FleetSnapshot, deltas: readonly FleetDelta[]): FleetModel {
    let state = reduceSnapshot(emptyFleetModel, snapshot);
    for (const delta of deltas) {
      const next = reduceDelta(state, FleetDelta.parse(delta));
      if (next === GAP) throw new Error(`gap at ${delta.version}`);
      state = next;
    }
    return state;
  }

  it('sends a new device whole, then its samples as patches, and the viewer follows the hub', () => {
    const { clock, fleet, deltas, subscription } = setup();
    fleet.applyEvents('a', [sample('d1', 20)]);
    clock.advance(200);
    fleet.applyEvents('a', [sample('d1', 30), sample('d2', 40)]);
    clock.advance(200);
    fleet.applyEvents('a', [sample('d1', 50)]);
    clock.advance(200);
    expect(deltas.map((d) => [d.devices.length, d.devicePatches.length])).toEqual([
      [1, 0],
      // d2 is new (no snapshot or reset held it), so viewers do not hold it: it goes whole.
      [1, 1],
      [0, 1],
    ]);
    expect(deltas[2]?.devicePatches[0]).toEqual({
      siteId: 'a',
      id: 'd1',
      status: 'up',
      metrics: { cpu: 50 },
      updatedAt: fleet.site('a')?.model.devices.get('d1')?.updatedAt,
    });
    const viewer = follow(subscription.snapshot, deltas);
    expect([...(viewer.devices.get('a')?.values() ?? [])]).toEqual([
      ...(fleet.site('a')?.model.devices.values() ?? []),
    ]);
  });

  it('sends a device whole when anything but its live fields changed, or after a removal', () => {
    const { clock, fleet, deltas } = setup();
    fleet.applyEvents('a', [sample('d1', 20)]);
    clock.advance(200);
    const renamed = { ...device('d1'), name: 'Renamed', metrics: { cpu: 21 } };
    fleet.applyEvents('a', [{ seq: 100, at: 100, type: 'device.upsert', device: renamed }]);
    clock.advance(200);
    expect(deltas[1]?.devices.map((d) => d.device.name)).toEqual(['Renamed']);
    expect(deltas[1]?.devicePatches).toEqual([]);
    fleet.applyEvents('a', [{ seq: 101, at: 101, type: 'device.remove', deviceId: 'd1' }]);
    clock.advance(200);
    fleet.applyEvents('a', [{ seq: 102, at: 102, type: 'device.upsert', device: renamed }]);
    clock.advance(200);
    expect(deltas[3]?.devices.map((d) => d.device.id)).toEqual(['d1']);
  });

  it('patches against what a reset sent, and a late viewer follows as well as the first', () => {
    const { clock, fleet, publisher, deltas, subscription } = setup();
    fleet.replaceSite('a', { stream: 't', seq: 9, at: 9, devices: [device('n1')], alerts: [] });
    clock.advance(200);
    fleet.applyEvents('a', [sample('n1', 70)]);
    const late: FleetDelta[] = [];
    const lateSubscription = publisher.subscribe((d) => late.push(d));
    fleet.applyEvents('a', [sample('n1', 80)]);
    clock.advance(200);
    expect(deltas.map((d) => [d.resets.length, d.devices.length, d.devicePatches.length])).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 0, 1],
    ]);
    const hub = [...(fleet.site('a')?.model.devices.values() ?? [])];
    expect([...(follow(subscription.snapshot, deltas).devices.get('a')?.values() ?? [])]).toEqual(
      hub,
    );
    expect([...(follow(lateSubscription.snapshot, late).devices.get('a')?.values() ?? [])]).toEqual(
      hub,
    );
  });
});
