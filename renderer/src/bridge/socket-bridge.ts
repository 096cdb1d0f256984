import { io, type Socket } from 'socket.io-client';
import type {
  BridgeEvents,
  BridgeResult,
  CommandName,
  EventName,
  NocBridge,
} from '../../../shared/bridge/contract.js';

/** Namespace of the serve mode's bridge (see electron/serve). */
export const BRIDGE_NAMESPACE = '/bridge';

/** Wait before reconnecting after the host dropped us on purpose. */
export const REJOIN_AFTER_MS = 3_000;

type Listener = (payload: never) => void;

/**
 * The bridge for a plain browser (a wall TV): the same contract as Electron's preload, carried
 * by socket.io to the `serve` host this page was loaded from.
 */
export function createSocketBridge(options: { token: string | null; origin?: string }): NocBridge {
  const url = `${options.origin ?? window.location.origin}${BRIDGE_NAMESPACE}`;
  const socket: Socket = io(url, {
    transports: ['websocket'],
    auth: options.token ? { token: options.token } : {},
  });
  const listeners = new Map<EventName, Set<Listener>>();
  const emitLocal = <K extends EventName>(name: K, payload: BridgeEvents[K]) => {
    for (const listener of listeners.get(name) ?? [])
      (listener as (p: BridgeEvents[K]) => void)(payload);
  };
  socket.on('connect', () => {
    emitLocal('bridge.status', { connected: true });
  });
  socket.on('disconnect', (reason) => {
    emitLocal('bridge.status', { connected: false });
    // The host drops a viewer that cannot keep up (electron/serve/bridge-socket.ts); socket.io
    // never retries a server-side disconnect by itself, and a wall TV must come back unattended.
    if (reason === 'io server disconnect') {
      setTimeout(() => {
        if (!socket.connected) socket.connect();
      }, REJOIN_AFTER_MS);
    }
  });
  socket.on('connect_error', () => {
    emitLocal('bridge.status', { connected: false });
  });
  socket.on('event', (name: EventName, payload: unknown) => {
    if (name === 'fleet.delta') emitLocal(name, payload as BridgeEvents['fleet.delta']);
  });

  return {
    invoke(name: CommandName, args: unknown) {
      return new Promise<BridgeResult<never>>((resolve) => {
        socket.timeout(15_000).emit('invoke', name, args, (err: Error | null, result: unknown) => {
          resolve(
            err
              ? { ok: false, error: { code: 'failed', message: `${name}: the hub did not answer` } }
              : (result as BridgeResult<never>),
          );
        });
      });
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(name, set);
      if (name === 'bridge.status' && socket.connected) {
        (listener as (p: BridgeEvents['bridge.status']) => void)({ connected: true });
      }
      return () => {
        set.delete(listener);
      };
    },
  } as NocBridge;
}
