import { afterEach, describe, expect, it } from 'vitest';
import type { AfterFrame } from '../../renderer/src/store/after-frame.js';
import { createFleetStore } from '../../renderer/src/store/fleet-store.js';
import { DELTA_BATCH_MS } from '../../renderer/src/store/delta-batcher.js';
import { startFleetSync } from '../../renderer/src/store/fleet-sync.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeBridge } from './fake-bridge.js';
import { delta, device, smallFleet } from './fleet-fixtures.js';
import { settle } from './settle.js';

/** An afterFrame whose "frame" comes when the test says so. */
function heldFrames() {
  const waiting = new Set<() => void>();
  const afterFrame: AfterFrame = (run) => {
    waiting.add(run);
    return () => waiting.delete(run);
  };
  const draw = () => {
    const runs = [...waiting];
    waiting.clear();
    for (const run of runs) run();
  };
  return { afterFrame, draw, waiting };
}

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

async function started(bridge: FakeBridge) {
  const clock = new FakeClock();
  const frames = heldFrames();
  const store = createFleetStore();
  stop = startFleetSync(bridge, store, { clock, afterFrame: frames.afterFrame });
  await settle();
  return { clock, frames, store };
}

describe('startFleetSync: a batch is reduced in its task and shown after the next frame', () => {
  it('tells the board nothing until the frame, then the whole batch at once', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const { clock, frames, store } = await started(bridge);
    const seen: (number | null)[] = [];
    store.subscribe((state) => seen.push(state.version));

    bridge.emit(
      'fleet.delta',
      delta(10, { devices: [{ siteId: 'b', device: device('b1', { status: 'down' }) }] }),
    );
    expect(store.getState().version).toBe(10);
    expect(seen).toEqual([]);
    frames.draw();
    expect(seen).toEqual([11]);
    expect(store.getState().devices.get('b')?.get('b1')?.status).toBe('down');

    // The rest of a busy second: two deltas, one batch, one change of the store after its frame.
    bridge.emit('fleet.delta', delta(11));
    bridge.emit('fleet.delta', delta(12));
    clock.advance(DELTA_BATCH_MS);
    expect(frames.waiting.size).toBe(1);
    expect(seen).toEqual([11]);
    frames.draw();
    expect(seen).toEqual([11, 13]);
  });

  it('shows a batch up to its gap, asks for one snapshot, and drops what came after the gap', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const { clock, frames, store } = await started(bridge);
    bridge.emit('fleet.delta', delta(10)); // quiet before: its own batch
    frames.draw();
    bridge.answerSubscribe(smallFleet(20));

    // One batch: applied, gap (13 is missing), then one that would follow the gap's.
    bridge.emit(
      'fleet.delta',
      delta(11, { devices: [{ siteId: 'b', device: device('b1', { status: 'down' }) }] }),
    );
    bridge.emit('fleet.delta', delta(13));
    bridge.emit(
      'fleet.delta',
      delta(14, { devices: [{ siteId: 'a', device: device('a1', { status: 'down' }) }] }),
    );
    clock.advance(DELTA_BATCH_MS);
    expect(bridge.callCount('fleet.subscribe')).toBe(2);
    frames.draw();
    expect(store.getState().version).toBe(12);
    expect(store.getState().devices.get('b')?.get('b1')?.status).toBe('down');
    expect(store.getState().devices.get('a')?.get('a1')?.status).toBe('up');

    await settle();
    expect(store.getState().version).toBe(20);
    expect(bridge.callCount('fleet.subscribe')).toBe(2);
  });

  it('keeps what the link said in between: a publish changes only the fleet', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const { frames, store } = await started(bridge);
    bridge.emit('fleet.delta', delta(10));
    bridge.emit('bridge.status', { connected: false });
    frames.draw();
    expect(store.getState().version).toBe(11);
    expect(store.getState().connected).toBe(false);
  });

  it('drops a staged batch that a newer snapshot covers', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const { frames, store } = await started(bridge);
    bridge.emit(
      'fleet.delta',
      delta(10, { devices: [{ siteId: 'b', device: device('b1', { status: 'down' }) }] }),
    );
    // The link drops and comes back before the frame: a new snapshot, newer than the batch.
    bridge.answerSubscribe(smallFleet(20));
    bridge.emit('bridge.status', { connected: false });
    bridge.emit('bridge.status', { connected: true });
    await settle();
    expect(store.getState().version).toBe(20);
    frames.draw();
    expect(store.getState().version).toBe(20);
    expect(store.getState().devices.get('b')?.get('b1')?.status).not.toBe('down');
  });

  it('gives back the frame it waits for when it stops', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const { clock, frames, store } = await started(bridge);
    bridge.emit('fleet.delta', delta(10));
    expect(frames.waiting.size).toBe(1);
    stop?.();
    stop = null;
    expect(frames.waiting.size).toBe(0);
    expect(clock.pendingCount).toBe(0);
    expect(store.getState().version).toBe(10);
  });
});
