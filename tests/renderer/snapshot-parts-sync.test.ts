import { describe, expect, it } from 'vitest';
import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import { createFleetStore } from '../../renderer/src/store/fleet-store.js';
import {
  cachedDevicesRollup,
  deviceIdsWorstFirst,
  problemDevices,
  statusCounts,
} from '../../renderer/src/store/selectors.js';
import { EMPTY_DEVICES } from '../../renderer/src/store/fleet-data.js';
import { FakeBridge } from './fake-bridge.js';
import { content, delta, device, site, snapshot } from './fleet-fixtures.js';
import { settle } from './settle.js';
import { syncPerTest } from './sync-per-test.js';
import {
  all,
  answerLater,
  byId,
  head,
  HEAD,
  held,
  part,
  RECEIVING,
  SITE,
  TOTAL,
} from './big-site-parts.js';

/**
 * A page that holds nothing yet takes a big site's devices in parts (docs/architecture.md, "Big
 * sites"): the snapshot's head is shown at once, with the hub's counts and roll-up for the site;
 * the parts are kept until the last, then the site is shown whole; deltas wait for it.
 */

const sync = syncPerTest();
const { started } = sync;

describe('a big site in parts', () => {
  it('asks for parts only while it holds nothing', async () => {
    const bridge = new FakeBridge(head());
    const store = await started(bridge);
    expect(bridge.calls[0]).toEqual({ name: 'fleet.subscribe', args: { parts: true } });
    bridge.emit('fleet.snapshotPart', part(1));
    bridge.emit('fleet.snapshotPart', part(2));
    expect(held(store).size).toBe(TOTAL);

    // A gap: the page holds the fleet, so the new snapshot comes whole.
    bridge.answerSubscribe(snapshot(30, [site(SITE)], [content(SITE, all)]));
    bridge.emit('fleet.delta', delta(25));
    await settle();
    expect(bridge.calls.filter((c) => c.name === 'fleet.subscribe').at(-1)?.args).toEqual({
      parts: false,
    });
    expect(store.getState().version).toBe(30);
  });

  it("shows the head at once, summarised by the hub's counts, and the whole site after the last part", async () => {
    const bridge = new FakeBridge(head());
    const fresh = await started(bridge);

    const first = held(fresh);
    expect([...first.keys()]).toEqual(HEAD.map((d) => d.id));
    expect(deviceIdsWorstFirst(first)).toEqual(['d03', 'd07', 'd00', 'd01']);
    // Four held of twelve: the counts and roll-up are the hub's, over all twelve.
    expect(statusCounts(first)).toEqual(RECEIVING.counts);
    expect(cachedDevicesRollup(first, 0.25)).toBe('degraded');
    expect(problemDevices(first).map((d) => d.id)).toEqual(['d03', 'd07']);
    expect(fresh.getState().receiving.get(SITE)).toBe(4);
    // A site sent whole is not receiving.
    expect(fresh.getState().receiving.has('small')).toBe(false);

    bridge.emit('fleet.snapshotPart', part(1));
    // Kept, not shown: the board shows the site whole or its head, never a half.
    expect(held(fresh)).toBe(first);
    expect(fresh.getState().receiving.get(SITE)).toBe(8);

    bridge.emit('fleet.snapshotPart', part(2));
    const whole = held(fresh);
    expect(whole.size).toBe(TOTAL);
    expect(fresh.getState().receiving.size).toBe(0);
    // Its own counts now, which agree with the hub's.
    expect(statusCounts(whole)).toEqual(RECEIVING.counts);
    expect(deviceIdsWorstFirst(whole).slice(0, 3)).toEqual(['d03', 'd07', 'd00']);
    // Rings for the devices the parts brought, as for any device a snapshot brings.
    expect(fresh.getState().history.get(SITE)?.size).toBe(TOTAL);
  });

  it('holds deltas until the last part, then applies them on top', async () => {
    const bridge = new FakeBridge(head());
    const store = await started(bridge);
    bridge.emit(
      'fleet.delta',
      delta(20, { devices: [{ siteId: SITE, device: { ...byId('d11'), status: 'down' } }] }),
    );
    expect(store.getState().version).toBe(20);
    bridge.emit('fleet.snapshotPart', part(1));
    bridge.emit('fleet.snapshotPart', part(2));
    expect(store.getState().version).toBe(21);
    expect(held(store).get('d11')?.status).toBe('down');
  });

  it('keeps parts that overtake their snapshot', async () => {
    const bridge = new FakeBridge(head());
    const answer = answerLater(bridge);
    const store = createFleetStore();
    sync.start(bridge, store);
    bridge.emit('fleet.snapshotPart', part(1));
    bridge.emit('fleet.snapshotPart', part(2));
    answer();
    await settle();
    expect(held(store).size).toBe(TOTAL);
    expect(store.getState().receiving.size).toBe(0);
  });

  it("ignores an older subscription's parts", async () => {
    const bridge = new FakeBridge(head());
    const store = await started(bridge);
    bridge.emit('fleet.snapshotPart', part(1, { id: 6 }));
    expect(store.getState().receiving.get(SITE)).toBe(4);
    expect(store.getState().invalidPayloads.count).toBe(0);
  });

  it('checks one part per frame, so the first rows paint before any part is looked at', async () => {
    const frames: (() => void)[] = [];
    const bridge = new FakeBridge(head());
    const store = createFleetStore();
    sync.start(bridge, store, {
      afterFrame: (run) => {
        frames.push(run);
        return () => {
          frames.splice(frames.indexOf(run), 1);
        };
      },
    });
    await settle();
    bridge.emit('fleet.snapshotPart', part(1));
    bridge.emit('fleet.snapshotPart', part(2));
    expect(store.getState().receiving.get(SITE)).toBe(4);
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    expect(store.getState().receiving.get(SITE)).toBe(8);
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    expect(held(store).size).toBe(TOTAL);
    expect(frames).toHaveLength(0);

    // Stopped with a part waiting: its frame is cancelled.
    sync.stop();
    const again = new FakeBridge(head());
    const other = createFleetStore();
    sync.start(again, other, {
      afterFrame: (run) => {
        frames.push(run);
        return () => {
          frames.splice(frames.indexOf(run), 1);
        };
      },
    });
    await settle();
    again.emit('fleet.snapshotPart', part(1));
    expect(frames).toHaveLength(1);
    sync.stop();
    expect(frames).toHaveLength(0);
  });

  it("never lends the hub's summary to a map once its site is whole, even one kept by the next snapshot", async () => {
    // A site named as receiving that no part completes: the head is all it gets.
    const lone = device('x1');
    const odd: FleetSnapshot = {
      ...snapshot(20, [site(SITE), site('x')], [content(SITE, HEAD), content('x', [lone])]),
      following: {
        id: 7,
        parts: 2,
        sites: [
          RECEIVING,
          {
            siteId: 'x',
            devices: 40_000,
            counts: { up: 0, warning: 0, down: 40_000, unknown: 0, maintenance: 0, total: 40_000 },
            rollup: 'down',
          },
        ],
      },
    };
    const bridge = new FakeBridge(odd);
    const store = await started(bridge);
    const headOfX = store.getState().devices.get('x') ?? EMPTY_DEVICES;
    expect(statusCounts(headOfX).down).toBe(40_000);
    bridge.emit('fleet.snapshotPart', part(1));
    bridge.emit('fleet.snapshotPart', part(2));
    const whole = store.getState().devices.get('x') ?? EMPTY_DEVICES;
    expect(statusCounts(whole)).toMatchObject({ up: 1, down: 0, total: 1 });
    expect(cachedDevicesRollup(whole, 0.25)).toBe('ok');
  });
});
