// The machine's floor for bench/wall-render.ts: a hub and its simulated sites at a given load,
// with a bridge client in Node taking its deltas as a board's socket would, beside a page that
// does not draw them. Whatever long frames that page has come from the machine, not its work.
import type { Socket } from 'socket.io-client';
import type { BridgeResult } from '../shared/bridge/contract.js';
import type { FleetDelta } from '../shared/bridge/fleet-view.js';
import {
  bridgeClient,
  bridgeConnected,
  startServeFixture,
  type ServeFixture,
} from '../tests/integration/serve-fixture.js';
import type { Fleet } from './render-load.js';

export interface BesideLoad {
  /** Device changes in the `fleet.delta` events the client has received so far. */
  deviceUpdates(): number;
  close(): Promise<void>;
}

const SUBSCRIBE_TIMEOUT_MS = 60_000;

export async function startBesideLoad(fleet: Fleet, rendererDir: string): Promise<BesideLoad> {
  const fixture: ServeFixture = await startServeFixture({
    ...fleet,
    heartbeatMs: 1000,
    staleAfterSeconds: 15,
    downAfterSeconds: 60,
    rendererDir,
  });
  let socket: Socket | null = null;
  try {
    socket = bridgeClient(fixture.host.url);
    await bridgeConnected(socket);
    let updates = 0;
    socket.on('event', (name: string, payload: FleetDelta) => {
      if (name === 'fleet.delta') updates += payload.devices.length + payload.devicePatches.length;
    });
    const subscribed = (await socket
      .timeout(SUBSCRIBE_TIMEOUT_MS)
      .emitWithAck('invoke', 'fleet.subscribe', {})) as BridgeResult<unknown>;
    if (!subscribed.ok)
      throw new Error(`fleet.subscribe beside the page: ${JSON.stringify(subscribed.error)}`);
    const open = socket;
    return {
      deviceUpdates: () => updates,
      close: async () => {
        open.close();
        await fixture.close();
      },
    };
  } catch (error) {
    socket?.close();
    await fixture.close();
    throw error;
  }
}
