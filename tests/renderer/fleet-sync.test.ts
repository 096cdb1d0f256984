import { describe, expect, it, vi } from 'vitest';
import type { BridgeResult } from '../../shared/bridge/contract.js';
import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import { createFleetStore } from '../../renderer/src/store/fleet-store.js';
import { DELTA_BATCH_MS } from '../../renderer/src/store/delta-batcher.js';
import { startFleetSync, SUBSCRIBE_RETRY_MS } from '../../renderer/src/store/fleet-sync.js';
import { REPORT_REPEAT_MS } from '../../renderer/src/errors/error-reporter.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { delta, device, smallFleet, T0 } from './fleet-fixtures.js';
import { settle } from './settle.js';
import { syncPerTest } from './sync-per-test.js';

const sync = syncPerTest();
const { started } = sync;

describe('startFleetSync', () => {
  it('subscribes, applies the snapshot and the app info, then each delta', async () => {
    const bridge = new FakeBridge(smallFleet(10), {
      ...DEMO_INFO,
      version: '9.9.9',
      demo: true,
      host: 'electron',
    });
    const store = await started(bridge);
    expect(bridge.callCount('fleet.subscribe')).toBe(1);
    expect(store.getState().version).toBe(10);
    expect(store.getState().info?.demo).toBe(true);

    bridge.emit(
      'fleet.delta',
      delta(10, { devices: [{ siteId: 'b', device: device('b1', { status: 'down' }) }] }),
    );
    expect(store.getState().version).toBe(11);
    expect(store.getState().devices.get('b')?.get('b1')?.status).toBe('down');
  });

  it('re-subscribes on a gap and continues from the new snapshot', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const store = await started(bridge);
    bridge.answerSubscribe(smallFleet(15));

    bridge.emit('fleet.delta', delta(12));
    expect(bridge.callCount('fleet.subscribe')).toBe(2);
    await settle();
    expect(store.getState().version).toBe(15);

    bridge.emit('fleet.delta', delta(15));
    vi.advanceTimersByTime(DELTA_BATCH_MS); // the gap's delta was let through just before
    expect(store.getState().version).toBe(16);
    expect(bridge.callCount('fleet.subscribe')).toBe(2);
  });

  it('lets a lone delta through at once and a busy stream through together, twice a second', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const store = await started(bridge);
    const renders: (number | null)[] = [];
    store.subscribe((state) => renders.push(state.version));

    bridge.emit('fleet.delta', delta(10));
    expect(store.getState().version).toBe(11); // quiet before: at once
    bridge.emit('fleet.delta', delta(11));
    bridge.emit('fleet.delta', delta(12));
    expect(store.getState().version).toBe(11); // waiting for the rest of the interval
    vi.advanceTimersByTime(DELTA_BATCH_MS - 1);
    expect(store.getState().version).toBe(11);
    vi.advanceTimersByTime(1);
    expect(store.getState().version).toBe(13);
    // The batch of two is one change of the store: the board renders once for it.
    expect(renders).toEqual([11, 13]);
  });

  it('drops deltas still waiting when it stops, and sets no timer after', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const store = await started(bridge);
    bridge.emit('fleet.delta', delta(10));
    bridge.emit('fleet.delta', delta(11));
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    sync.stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(DELTA_BATCH_MS);
    expect(store.getState().version).toBe(11);
  });

  it('buffers deltas that arrive while a snapshot is on its way and replays the newer ones', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    let answer: (result: BridgeResult<FleetSnapshot>) => void = () => undefined;
    bridge.handle(
      'fleet.subscribe',
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    const store = await started(bridge);
    expect(store.getState().version).toBeNull();

    bridge.emit('fleet.delta', delta(9)); // already in the snapshot
    bridge.emit(
      'fleet.delta',
      delta(10, { devices: [{ siteId: 'a', device: device('a1', { status: 'down' }) }] }),
    );
    answer({ ok: true, value: smallFleet(10) });
    await settle();

    expect(store.getState().version).toBe(11);
    expect(store.getState().devices.get('a')?.get('a1')?.status).toBe('down');
    expect(bridge.callCount('fleet.subscribe')).toBe(1);
  });

  it('marks the store disconnected, and re-subscribes when the bridge is back', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const store = await started(bridge);

    bridge.emit('bridge.status', { connected: false });
    expect(store.getState().connected).toBe(false);
    expect(store.getState().version).toBe(10); // data kept, shown as stale

    bridge.answerSubscribe(smallFleet(3)); // a restarted hub counts from scratch
    bridge.emit('bridge.status', { connected: true });
    await settle();
    expect(store.getState().connected).toBe(true);
    expect(bridge.callCount('fleet.subscribe')).toBe(2);
    expect(bridge.callCount('app.info')).toBe(2);
    expect(store.getState().version).toBe(3);
  });

  it('reports a failed subscribe and retries it', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    bridge.handle('fleet.subscribe', () => ({
      ok: false,
      error: { code: 'forbidden', message: 'fleet.subscribe: bad token' },
    }));
    const store = await started(bridge);
    expect(store.getState().syncError).toBe('fleet.subscribe: bad token');

    bridge.answerSubscribe(smallFleet(10));
    vi.advanceTimersByTime(SUBSCRIBE_RETRY_MS);
    await settle();
    expect(bridge.callCount('fleet.subscribe')).toBe(2);
    expect(store.getState().syncError).toBeNull();
    expect(store.getState().version).toBe(10);
  });

  it('keeps asking for app.info until the hub answers (demo banner, thresholds)', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    bridge.handle('app.info', () => ({
      ok: false,
      error: { code: 'failed', message: 'app.info: the hub did not answer' },
    }));
    const store = await started(bridge);
    expect(store.getState().info).toBeNull();
    bridge.handle('app.info', () => ({ ok: true, value: { ...DEMO_INFO, demo: true } }));
    vi.advanceTimersByTime(SUBSCRIBE_RETRY_MS);
    await settle();
    expect(bridge.callCount('app.info')).toBe(2);
    expect(store.getState().info?.demo).toBe(true);
    expect(vi.getTimerCount()).toBe(0); // answered: no more asking
  });

  it('stops: every listener removed, no timer left', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    bridge.handle('fleet.subscribe', () => Promise.reject(new Error('hub starting')));
    const store = createFleetStore();
    sync.start(bridge, store);
    expect(bridge.listenerCount()).toBe(3); // fleet.delta, fleet.snapshotPart, bridge.status;
    await settle();
    expect(vi.getTimerCount()).toBe(1); // the retry

    sync.stop();
    expect(bridge.listenerCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores a snapshot that arrives after it was stopped', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    let answer: (result: BridgeResult<FleetSnapshot>) => void = () => undefined;
    bridge.handle(
      'fleet.subscribe',
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    const store = createFleetStore();
    startFleetSync(bridge, store)();
    answer({ ok: true, value: smallFleet(10) });
    await settle();
    expect(store.getState().version).toBeNull();
  });

  it('counts each invalid payload with the field it broke, and keeps the last good state', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const store = await started(bridge);
    const bad = { ...delta(10), devices: [{ siteId: 'a', device: { id: 'a1' } }] };
    bridge.emit('fleet.delta', bad);
    expect(store.getState().invalidPayloads).toEqual({
      count: 1,
      last: expect.stringMatching(/^fleet\.delta: devices\[0\]\.device\.name: /) as string,
      at: T0, // hub time: the snapshot stamped T0 as it arrived, whatever this machine's clock says
    });
    expect(store.getState().devices.get('a')?.get('a1')?.name).toBe('dev-a1');
    expect(bridge.callCount('fleet.subscribe')).toBe(2);
    await settle();
    bridge.emit('bridge.status', { connected: 'yes' });
    expect(store.getState().invalidPayloads.count).toBe(2);
    expect(store.getState().invalidPayloads.last).toMatch(/^bridge\.status: connected: /);
    expect(store.getState().connected).toBe(true);
  });

  it('treats an app.info answer outside the contract as a failure: counted, asked again', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    bridge.handle('app.info', () => ({
      ok: true,
      value: { ...DEMO_INFO, thresholds: { staleAfterMs: 'soon' } },
    }));
    const store = await started(bridge);
    expect(store.getState().info).toBeNull();
    expect(store.getState().invalidPayloads.last).toMatch(/^app\.info: result\.value\.thresholds/);
    bridge.handle('app.info', () => ({ ok: true, value: DEMO_INFO }));
    vi.advanceTimersByTime(SUBSCRIBE_RETRY_MS);
    await settle();
    expect(store.getState().info).toEqual(DEMO_INFO);
  });

  it('tells the host of the same invalid payload at most once per interval, and counts them all', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    bridge.handle('app.reportError', () => ({ ok: true, value: { total: 1 } }));
    const store = await started(bridge);
    const bad = () => {
      bridge.emit('fleet.delta', { version: 'x' });
    };
    bad();
    bad();
    await settle();
    expect(bridge.callCount('app.reportError')).toBe(1);
    vi.advanceTimersByTime(REPORT_REPEAT_MS);
    await settle();
    bad();
    const reports = bridge.calls.filter((c) => c.name === 'app.reportError');
    expect(reports.map((c) => c.args)).toEqual([
      {
        scope: 'bridge:payload',
        message: expect.stringMatching(/^fleet\.delta: /) as string,
        stack: null,
      },
      {
        scope: 'bridge:payload',
        message: expect.stringMatching(/^fleet\.delta: /) as string,
        stack: null,
      },
    ]);
    expect(store.getState().invalidPayloads.count).toBe(3);
  });
});
