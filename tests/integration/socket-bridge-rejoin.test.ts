import { afterEach, describe, expect, it } from 'vitest';
import { checkEvent, checkResult } from '../../shared/bridge/check-payload.js';
import type { FleetDelta } from '../../shared/bridge/fleet-view.js';
import type {
  BridgeEvents,
  BridgeResult,
  EventName,
  NocBridge,
} from '../../shared/bridge/contract.js';
import { systemClock } from '../../shared/system-clock.js';
import {
  Publisher,
  type DeltaSink,
  type Subscription,
} from '../../electron/hub/publisher/publisher.js';
import { MAX_DELTAS_WHILE_BUSY } from '../../electron/serve/bridge-socket.js';
import { startServeHost, type ServeHost } from '../../electron/serve/serve-host.js';
import {
  REJOIN_AFTER_MS,
  createSocketBridge,
  type SocketBridge,
} from '../../renderer/src/bridge/socket-bridge.js';
import { waitFor } from '../support/wait.js';
import { startServeFixture, type ServeFixture } from './serve-fixture.js';
import { memoryRuntime } from '../support/memory-runtime.js';

/**
 * The browser page's bridge (renderer/src/bridge/socket-bridge.ts, run in Node) against a real
 * serve host that drops it for backlog: the bridge says it is disconnected, comes back by itself
 * and, once it subscribes again, gets deltas again.
 */

/**
 * The hub's real publisher, plus a burst: every subscriber handed `count` deltas in one go, as
 * a busy fleet on a slow link would. The serve host's backlog guard sees its socket's transport
 * still writing the first while the rest arrive, and drops the viewer, as in production.
 */
class BurstingPublisher extends Publisher {
  private readonly subscribed = new Set<DeltaSink>();
  private lastDelta: FleetDelta | null = null;

  override subscribe(sink: DeltaSink): Subscription {
    const subscription = super.subscribe((delta) => {
      this.lastDelta = delta;
      sink(delta);
    });
    this.subscribed.add(sink);
    return {
      snapshot: subscription.snapshot,
      unsubscribe: () => {
        this.subscribed.delete(sink);
        subscription.unsubscribe();
      },
    };
  }

  /** True once a real delta has gone out, so there is one to repeat. */
  get hasDelta(): boolean {
    return this.lastDelta !== null;
  }

  burst(count: number): void {
    const delta = this.lastDelta;
    if (!delta) throw new Error('no delta to repeat yet');
    for (const sink of [...this.subscribed]) {
      for (let i = 0; i < count && this.subscribed.has(sink); i++) sink(delta);
    }
  }
}

let fx: ServeFixture | null = null;
const cleanups: (() => Promise<void> | void)[] = [];
/** Payloads the contract refused: a test that ends with any has failed. */
const refused: string[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await fx?.close();
  fx = null;
  refused.length = 0;
});

async function hostWithBurstingPublisher(): Promise<{
  host: ServeHost;
  publisher: BurstingPublisher;
}> {
  fx = await startServeFixture({ sites: 1, devices: 20, scenario: 'flapping' });
  const { hub } = fx.runtime;
  await waitFor('the site live', () => hub.health().every((h) => h.state === 'live'));
  const publisher = new BurstingPublisher(hub.fleet, systemClock, 50);
  cleanups.push(() => {
    publisher.dispose();
  });
  const host = await startServeHost({
    runtime: memoryRuntime(hub, publisher),
    host: '127.0.0.1',
    port: 0,
    viewerToken: null,
    rendererDir: fx.rendererDir,
  });
  cleanups.push(() => host.close());
  return { host, publisher };
}

function value<T>(result: BridgeResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Listens as the page does: every payload checked against the contract before it is used. */
function listen<K extends EventName>(
  bridge: NocBridge,
  name: K,
  use: (payload: BridgeEvents[K]) => void,
): void {
  bridge.on(name, (payload) => {
    const checked = checkEvent(name, payload);
    if (checked.ok) use(checked.value);
    else refused.push(checked.problem);
  });
}

/** Distinct consecutive values: what a status light would have shown, in order. */
const transitions = (values: readonly boolean[]) =>
  values.filter((v, i) => i === 0 || values[i - 1] !== v);

describe('the socket bridge after the serve host drops it for backlog', () => {
  it('reports the loss, rejoins by itself, and gets deltas again after subscribing', async () => {
    const { host, publisher } = await hostWithBurstingPublisher();
    const bridge: SocketBridge = createSocketBridge({
      token: null,
      origin: new URL(host.url).origin,
    });
    cleanups.push(() => {
      bridge.dispose();
    });
    const statuses: boolean[] = [];
    const deltas: FleetDelta[] = [];
    listen(bridge, 'bridge.status', (s) => statuses.push(s.connected));
    listen(bridge, 'fleet.delta', (d) => deltas.push(d));
    await waitFor('connected', () => statuses.includes(true));
    value(checkResult('fleet.subscribe', await bridge.invoke('fleet.subscribe', {})));
    await waitFor('deltas flowing', () => deltas.length >= 2);
    expect(host.bridgeSubscribers).toBe(1);

    publisher.burst(MAX_DELTAS_WHILE_BUSY + 10);
    await waitFor('the bridge to report the loss', () => statuses.at(-1) === false);
    await waitFor('the host to drop its registration', () => host.bridgeSubscribers === 0);
    // Back without anyone asking, once REJOIN_AFTER_MS has passed (waited for, not timed).
    await waitFor('the bridge to rejoin', () => statuses.at(-1) === true, REJOIN_AFTER_MS + 15_000);
    expect(transitions(statuses)).toEqual([true, false, true]);

    // A rejoined page starts again from a snapshot; the deltas that follow chain from it.
    const snapshot = value(
      checkResult('fleet.subscribe', await bridge.invoke('fleet.subscribe', {})),
    );
    expect(snapshot.sites.map((s) => s.id)).toEqual(['site-1']);
    const fresh = () => deltas.filter((d) => d.version > snapshot.version);
    await waitFor('deltas after the new snapshot', () => fresh().length >= 2);
    expect(fresh()[0]?.previous).toBe(snapshot.version);
    expect(host.bridgeSubscribers).toBe(1);
    expect(refused).toEqual([]);
  });

  it('dispose() closes the socket and cancels a pending rejoin; nothing fires after', async () => {
    const { host, publisher } = await hostWithBurstingPublisher();
    const bridge = createSocketBridge({ token: null, origin: new URL(host.url).origin });
    const statuses: boolean[] = [];
    listen(bridge, 'bridge.status', (s) => statuses.push(s.connected));
    await waitFor('connected', () => statuses.includes(true));
    value(checkResult('fleet.subscribe', await bridge.invoke('fleet.subscribe', {})));
    await waitFor('a delta sent', () => publisher.hasDelta);
    publisher.burst(MAX_DELTAS_WHILE_BUSY + 10);
    await waitFor('dropped', () => statuses.at(-1) === false);
    // Disposed while its rejoin is pending: it must neither reconnect nor report anything.
    bridge.dispose();
    const reported = statuses.length;
    await waitFor('the host to see no viewer', () => host.openConnections === 0);
    await new Promise((resolve) => setTimeout(resolve, REJOIN_AFTER_MS + 500));
    expect(host.openConnections).toBe(0);
    expect(statuses).toHaveLength(reported);
  });
});
