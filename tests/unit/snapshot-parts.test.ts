import { describe, expect, it } from 'vitest';
import { FleetSnapshot, SnapshotPart, type FleetDelta } from '../../shared/bridge/fleet-view.js';
import { worstFirst } from '../../shared/fleet/device-order.js';
import { devicesRollup } from '../../shared/fleet/site-rollup.js';
import { countStatuses } from '../../shared/fleet/status-counts.js';
import type { Device, DeviceStatus } from '../../shared/protocol/device.js';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { Publisher } from '../../electron/hub/publisher/publisher.js';
import { firstInOrder, splitSnapshot } from '../../electron/hub/publisher/snapshot-parts.js';
import { FakeClock } from '../support/fake-clock.js';
import { device, sample } from '../support/fleet-fixtures.js';

/**
 * docs/architecture.md, "Big sites": a viewer that holds nothing yet gets a big site's first rows in
 * the snapshot and the rest in parts, each in a task of its own, before any delta.
 */

const SIZES = { head: 3, part: 4 } as const;

/** `count` devices named out of order; every fifth down, every seventh warning. */
function devices(count: number): Device[] {
  const status = (i: number): DeviceStatus =>
    i % 5 === 2 ? 'down' : i % 7 === 4 ? 'warning' : 'up';
  return Array.from({ length: count }, (_, i) =>
    device(`d${String((i * 7) % count).padStart(3, '0')}`, {
      name: `device ${(i * 7) % count}`,
      status: status(i),
    }),
  );
}

function fleetOf(big: number): FleetState {
  const fleet = new FleetState([
    { id: 'big', customer: 'A' },
    { id: 'small', customer: 'B' },
  ]);
  fleet.replaceSite('big', { stream: 's', seq: 0, at: 0, devices: devices(big), alerts: [] });
  fleet.replaceSite('small', { stream: 's', seq: 0, at: 0, devices: devices(5), alerts: [] });
  return fleet;
}

function wholeOf(fleet: FleetState): FleetSnapshot {
  const publisher = new Publisher(fleet, new FakeClock(), 200);
  const snapshot = publisher.subscribe(() => undefined).snapshot;
  publisher.dispose();
  return snapshot;
}

describe('splitSnapshot', () => {
  it('cuts a big site into its first rows and parts, the hub counting all of it; a small one stays whole', () => {
    const fleet = fleetOf(20);
    const whole = wholeOf(fleet);
    const all = whole.contents[0]?.devices ?? [];
    const { head, parts } = splitSnapshot(whole, 4, 0.25, SIZES);

    // Seven problems: more than the head's three, so all of them, in the table's order.
    const ordered = [...all].sort(worstFirst);
    const problems = ordered.filter((d) => d.status !== 'up');
    expect(problems).toHaveLength(7);
    const first = head.contents[0]?.devices ?? [];
    expect(first).toEqual(ordered.slice(0, problems.length));
    expect(head.contents[1]?.devices).toEqual(whole.contents[1]?.devices);

    expect(head.following).toEqual({
      id: 4,
      parts: 4,
      sites: [
        {
          siteId: 'big',
          devices: 20,
          counts: countStatuses(all),
          rollup: devicesRollup(new Map(all.map((d) => [d.id, d])), 0.25),
        },
      ],
    });
    expect(parts.map((p) => [p.id, p.part, p.parts, p.siteId, p.devices.length])).toEqual([
      [4, 1, 4, 'big', 4],
      [4, 2, 4, 'big', 4],
      [4, 3, 4, 'big', 4],
      [4, 4, 4, 'big', 1],
    ]);
    // Every device exactly once, head and parts together.
    const sent = [...first, ...parts.flatMap((p) => p.devices)].map((d) => d.id).sort();
    expect(sent).toEqual(all.map((d) => d.id).sort());
    // What crosses the bridge passes the contract.
    expect(FleetSnapshot.safeParse(head).success).toBe(true);
    for (const p of parts) expect(SnapshotPart.safeParse(p).success).toBe(true);
  });

  it('sends a site whole when it is no bigger than its head and one part', () => {
    const whole = wholeOf(fleetOf(7));
    const { head, parts } = splitSnapshot(whole, 0, 0.25, SIZES);
    expect(parts).toEqual([]);
    expect(head).toEqual({ ...whole, following: null });
  });
});

describe('firstInOrder', () => {
  it('picks the first of any order, sorted, and leaves the others', () => {
    const numbers = Array.from({ length: 200 }, (_, i) => (i * 7919) % 211);
    const compare = (a: number, b: number) => a - b;
    const { first, others } = firstInOrder(numbers, 15, compare);
    expect(first).toEqual([...numbers].sort(compare).slice(0, 15));
    expect([...first, ...others].sort(compare)).toEqual([...numbers].sort(compare));
  });
});

describe('Publisher, a viewer that takes parts', () => {
  function subscribed() {
    const clock = new FakeClock();
    const fleet = fleetOf(20);
    const publisher = new Publisher(fleet, clock, 200);
    /** Parts and deltas, in the order the viewer got them. */
    const got: string[] = [];
    const deltas: FleetDelta[] = [];
    const subscription = publisher.subscribe(
      (delta) => {
        deltas.push(delta);
        got.push(`delta ${delta.previous}→${delta.version}`);
      },
      {
        send: (part) => got.push(`part ${part.part}/${part.parts}`),
        downShare: 0.25,
        sizes: SIZES,
      },
    );
    return { clock, fleet, publisher, got, deltas, subscription };
  }

  it('sends the parts in tasks of their own after answering, then the deltas held meanwhile', () => {
    const { clock, fleet, publisher, got, deltas, subscription } = subscribed();
    const version = subscription.snapshot.version;
    expect(subscription.snapshot.following?.parts).toBe(4);
    // A change right away: its delta must wait for the parts.
    const id = subscription.snapshot.contents[0]?.devices[0]?.id ?? '';
    fleet.applyEvents('big', [sample(id, 77)]);
    publisher.flush();
    // Nothing in the subscribing task: the host sends its answer first.
    expect(got).toEqual([]);
    expect(publisher.hasTimer).toBe(true);

    clock.advance(0);
    expect(got).toEqual([
      'part 1/4',
      'part 2/4',
      'part 3/4',
      'part 4/4',
      `delta ${version}→${version + 1}`,
    ]);
    expect(publisher.hasTimer).toBe(false);

    fleet.applyEvents('big', [sample(id, 78)]);
    publisher.flush();
    expect(deltas).toHaveLength(2);
    publisher.dispose();
  });

  it('stops sending when the viewer goes, or the publisher does: no timer left', () => {
    const first = subscribed();
    first.subscription.unsubscribe();
    expect(first.publisher.hasTimer).toBe(false);
    expect(first.clock.pendingCount).toBe(0);
    first.clock.advance(10);
    expect(first.got).toEqual([]);

    const second = subscribed();
    second.publisher.dispose();
    expect(second.publisher.hasTimer).toBe(false);
    expect(second.clock.pendingCount).toBe(0);
    second.clock.advance(10);
    expect(second.got).toEqual([]);
  });
});
