import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FleetSnapshot, ReceivingSite, SnapshotPart } from '../../shared/bridge/fleet-view.js';
import type { Device } from '../../shared/protocol/device.js';
import { createFleetStore } from '../../renderer/src/store/fleet-store.js';
import {
  MAX_DELTAS_WHILE_COMPLETING,
  startFleetSync,
  SUBSCRIBE_RETRY_MS,
} from '../../renderer/src/store/fleet-sync.js';
import { MAX_EARLY_PARTS, PART_WAIT_MS } from '../../renderer/src/store/parts-intake.js';
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

/**
 * A page that holds nothing yet takes a big site's devices in parts (docs/architecture.md, "Big
 * sites"): the snapshot's head is shown at once, with the hub's counts and roll-up for the site;
 * the parts are kept until the last, then the site is shown whole; deltas wait for it.
 */

const SITE = 'big';
const TOTAL = 12;
/** d00…d11: d03 down, d07 warning, the rest up. */
const all: Device[] = Array.from({ length: TOTAL }, (_, i) =>
  device(`d${String(i).padStart(2, '0')}`, {
    name: `device-${String(i).padStart(2, '0')}`,
    status: i === 3 ? 'down' : i === 7 ? 'warning' : 'up',
  }),
);
const byId = (id: string): Device => {
  const found = all.find((d) => d.id === id);
  if (!found) throw new Error(id);
  return found;
};
/** The hub's head: the first rows of the table's order (its problems first). */
const HEAD = ['d03', 'd07', 'd00', 'd01'].map(byId);
const REST = all.filter((d) => !HEAD.includes(d));
/** What the hub counted over all twelve: not what four devices say. */
const RECEIVING: ReceivingSite = {
  siteId: SITE,
  devices: TOTAL,
  counts: { up: 10, warning: 1, down: 1, unknown: 0, maintenance: 0, total: TOTAL },
  rollup: 'degraded',
};

function head(id = 7, parts = 2): FleetSnapshot {
  return {
    ...snapshot(
      20,
      [site(SITE), site('small')],
      [content(SITE, HEAD), content('small', [device('s1')])],
    ),
    following: { id, parts, sites: [RECEIVING] },
  };
}

function part(n: number, overrides: Partial<SnapshotPart> = {}): SnapshotPart {
  const devices = n === 1 ? REST.slice(0, 4) : REST.slice(4);
  return { id: 7, part: n, parts: 2, siteId: SITE, devices, ...overrides };
}

let stop: (() => void) | null = null;

/** `fleet.subscribe` answers with head() only when the returned function is called. */
function answerLater(bridge: FakeBridge): () => void {
  let answer: () => void = () => undefined;
  bridge.handle(
    'fleet.subscribe',
    () =>
      new Promise((resolve) => {
        answer = () => {
          resolve({ ok: true, value: head() });
        };
      }),
  );
  return () => {
    answer();
  };
}

async function started(bridge: FakeBridge) {
  const store = createFleetStore();
  stop = startFleetSync(bridge, store);
  await settle();
  return store;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  stop?.();
  stop = null;
  vi.useRealTimers();
});

const held = (store: ReturnType<typeof createFleetStore>) =>
  store.getState().devices.get(SITE) ?? EMPTY_DEVICES;

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
    stop = startFleetSync(bridge, store);
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

  it('a part out of order, or one that would exceed the count, is reported and the snapshot asked for whole', async () => {
    const bridge = new FakeBridge(head());
    const store = await started(bridge);
    bridge.answerSubscribe(snapshot(21, [site(SITE)], [content(SITE, all)]));
    bridge.emit('fleet.snapshotPart', part(2));
    expect(store.getState().invalidPayloads.last).toBe(
      'fleet.snapshotPart: part 2 of 2 came where part 1 of 2 was due',
    );
    await settle();
    expect(bridge.calls.at(-1)?.args).toEqual({ parts: false });
    expect(held(store).size).toBe(TOTAL);
    expect(store.getState().receiving.size).toBe(0);

    const again = new FakeBridge(head(7, 1));
    stop?.();
    const other = createFleetStore();
    stop = startFleetSync(again, other);
    await settle();
    again.emit('fleet.snapshotPart', { ...part(1), parts: 1, devices: [...REST, byId('d00')] });
    expect(other.getState().invalidPayloads.last).toBe(
      'fleet.snapshotPart: part 1 brings site big to 13 devices; the hub said it holds 12',
    );
  });

  it('checks one part per frame, so the first rows paint before any part is looked at', async () => {
    const frames: (() => void)[] = [];
    const bridge = new FakeBridge(head());
    const store = createFleetStore();
    stop = startFleetSync(bridge, store, {
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
    stop();
    stop = null;
    const again = new FakeBridge(head());
    const other = createFleetStore();
    stop = startFleetSync(again, other, {
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
    stop();
    stop = null;
    expect(frames).toHaveLength(0);
  });

  it('a part that fails the contract is reported by field', async () => {
    const bridge = new FakeBridge(head());
    const store = await started(bridge);
    bridge.emit('fleet.snapshotPart', { ...part(1), devices: [] });
    expect(store.getState().invalidPayloads.last).toMatch(/^fleet\.snapshotPart: devices: /);
  });

  it('never applies a delta to a snapshot whose parts were given up, even while the whole one is not coming yet', async () => {
    const bridge = new FakeBridge(head());
    const store = await started(bridge);
    // The resubscribe fails (the hub busy, say): the page holds a head, not the hub's fleet.
    bridge.handle('fleet.subscribe', () => Promise.reject(new Error('busy')));
    bridge.emit('fleet.snapshotPart', part(2));
    await settle();
    expect(store.getState().syncError).toMatch(/busy/);
    bridge.emit(
      'fleet.delta',
      delta(20, { devices: [{ siteId: SITE, device: { ...byId('d00'), status: 'down' } }] }),
    );
    vi.advanceTimersByTime(100);
    expect(store.getState().version).toBe(20);
    expect(statusCounts(held(store))).toEqual(RECEIVING.counts);

    // The retry brings the whole fleet; deltas follow it again.
    bridge.answerSubscribe(snapshot(30, [site(SITE)], [content(SITE, all)]));
    vi.advanceTimersByTime(SUBSCRIBE_RETRY_MS);
    await settle();
    expect(store.getState().version).toBe(30);
    expect(store.getState().receiving.size).toBe(0);
    expect(statusCounts(held(store)).total).toBe(TOTAL);
    bridge.emit('fleet.delta', delta(30));
    expect(store.getState().version).toBe(31);
  });

  it('gives up a snapshot whose next part does not come, and asks for it whole', async () => {
    const bridge = new FakeBridge(head());
    const store = await started(bridge);
    bridge.emit('fleet.snapshotPart', part(1));
    bridge.answerSubscribe(snapshot(30, [site(SITE)], [content(SITE, all)]));
    vi.advanceTimersByTime(PART_WAIT_MS - 1);
    expect(bridge.callCount('fleet.subscribe')).toBe(1);
    vi.advanceTimersByTime(1);
    expect(store.getState().invalidPayloads.last).toBe(
      'fleet.snapshotPart: part 2 of 2 did not come within 30 s',
    );
    await settle();
    expect(bridge.calls.at(-1)).toEqual({ name: 'fleet.subscribe', args: { parts: false } });
    expect(store.getState().version).toBe(30);
    expect(held(store).size).toBe(TOTAL);
  });

  it('gives it up when too many deltas wait for its parts: held deltas stay bounded', async () => {
    const bridge = new FakeBridge(head());
    const store = await started(bridge);
    bridge.answerSubscribe(snapshot(30, [site(SITE)], [content(SITE, all)]));
    for (let i = 0; i <= MAX_DELTAS_WHILE_COMPLETING; i++)
      bridge.emit('fleet.delta', delta(20 + i));
    expect(store.getState().invalidPayloads.last).toBe(
      `fleet.snapshotPart: ${MAX_DELTAS_WHILE_COMPLETING} deltas came while the snapshot's parts did not`,
    );
    await settle();
    expect(store.getState().version).toBe(30);
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

  it('refuses a summary whose counts do not add up', async () => {
    const bad: FleetSnapshot = {
      ...head(),
      following: {
        id: 7,
        parts: 2,
        sites: [{ ...RECEIVING, counts: { ...RECEIVING.counts, down: 5 } }],
      },
    };
    const store = await started(new FakeBridge(bad));
    expect(store.getState().invalidPayloads.last).toMatch(
      /fleet\.subscribe: .*counts: the counts must add up to the devices/,
    );
    expect(store.getState().version).toBeNull();
  });

  it('reports parts that overtake their snapshot beyond what it keeps', async () => {
    const bridge = new FakeBridge(head());
    const answer = answerLater(bridge);
    const store = createFleetStore();
    stop = startFleetSync(bridge, store);
    for (let i = 0; i <= MAX_EARLY_PARTS; i++) bridge.emit('fleet.snapshotPart', part(1));
    expect(store.getState().invalidPayloads.last).toBe(
      `fleet.snapshotPart: more than ${MAX_EARLY_PARTS} parts came before their snapshot`,
    );
    answer();
    await settle();
  });

  it('a sync started on a store that holds a head applies no delta to it until a whole snapshot', async () => {
    const store = createFleetStore();
    store.getState().applySnapshot(head(), 0);
    const bridge = new FakeBridge(head());
    bridge.handle('fleet.subscribe', () => Promise.reject(new Error('busy')));
    stop = startFleetSync(bridge, store);
    await settle();
    bridge.emit('fleet.delta', delta(20));
    vi.advanceTimersByTime(100);
    expect(store.getState().version).toBe(20);
  });
});
