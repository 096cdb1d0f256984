import { describe, expect, it, vi } from 'vitest';
import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import { createFleetStore } from '../../renderer/src/store/fleet-store.js';
import {
  MAX_DELTAS_WHILE_COMPLETING,
  SUBSCRIBE_RETRY_MS,
} from '../../renderer/src/store/fleet-sync.js';
import { MAX_EARLY_PARTS, PART_WAIT_MS } from '../../renderer/src/store/parts-intake.js';
import { statusCounts } from '../../renderer/src/store/selectors.js';
import { FakeBridge } from './fake-bridge.js';
import { content, delta, site, snapshot } from './fleet-fixtures.js';
import { settle } from './settle.js';
import { syncPerTest } from './sync-per-test.js';
import {
  all,
  answerLater,
  byId,
  head,
  held,
  part,
  RECEIVING,
  REST,
  SITE,
  TOTAL,
} from './big-site-parts.js';

/**
 * A big site's parts that go wrong (docs/architecture.md, "Big sites"): out of order, failing the
 * contract, stalled, or overtaken by too many deltas: each reported, the snapshot asked for whole,
 * and no delta ever applied to a snapshot that is not whole.
 */

const sync = syncPerTest();
const { started } = sync;

describe('a big site in parts that go wrong', () => {
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
    sync.stop();
    const other = createFleetStore();
    sync.start(again, other);
    await settle();
    again.emit('fleet.snapshotPart', { ...part(1), parts: 1, devices: [...REST, byId('d00')] });
    expect(other.getState().invalidPayloads.last).toBe(
      'fleet.snapshotPart: part 1 brings site big to 13 devices; the hub said it holds 12',
    );
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
    sync.start(bridge, store);
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
    sync.start(bridge, store);
    await settle();
    bridge.emit('fleet.delta', delta(20));
    vi.advanceTimersByTime(100);
    expect(store.getState().version).toBe(20);
  });
});
