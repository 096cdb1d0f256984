import { io, type Socket } from 'socket.io-client';
import { BRIDGE_NAMESPACE, SOCKET_EVENT, SOCKET_INVOKE } from '../../../shared/bridge/channels.js';
import type {
  BridgeEvents,
  BridgeResult,
  EventName,
  NocBridge,
} from '../../../shared/bridge/contract.js';

/**
 * The events a serve host sends: the fleet's. The connection status is this transport's to say,
 * never the host's, and `notice.open` is the desktop app's (a native notice clicked).
 */
const SERVE_EVENTS: ReadonlySet<unknown> = new Set<EventName>([
  'fleet.delta',
  'fleet.snapshotPart',
]);

/** Wait before reconnecting after the host dropped us on purpose. */
export const REJOIN_AFTER_MS = 3_000;

type Listener = (payload: unknown) => void;

export interface SocketBridge extends NocBridge {
  /** Closes the socket, cancels a pending rejoin and drops every listener; nothing fires after. */
  dispose(): void;
}

/**
 * The bridge for a plain browser (a wall TV): the same contract as Electron's preload, carried
 * by socket.io to the `serve` host this page was loaded from.
 */
export function createSocketBridge(options: {
  token: string | null;
  /** The serve host's origin: the page's own (connect.ts), or a test's server. */
  origin: string;
}): SocketBridge {
  const url = `${options.origin}${BRIDGE_NAMESPACE}`;
  const socket: Socket = io(url, {
    transports: ['websocket'],
    auth: options.token ? { token: options.token } : {},
  });
  const listeners = new Map<EventName, Set<Listener>>();
  const emitLocal = (name: EventName, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
  const status = (connected: boolean): BridgeEvents['bridge.status'] => ({ connected });
  socket.on('connect', () => {
    emitLocal('bridge.status', status(true));
  });
  let rejoin: ReturnType<typeof setTimeout> | null = null;
  socket.on('disconnect', (reason) => {
    emitLocal('bridge.status', status(false));
    // The host drops a viewer that cannot keep up (electron/serve/bridge-socket.ts); socket.io
    // never retries a server-side disconnect by itself, and a wall TV must come back unattended.
    if (reason === 'io server disconnect' && rejoin === null) {
      rejoin = setTimeout(() => {
        rejoin = null;
        if (!socket.connected) socket.connect();
      }, REJOIN_AFTER_MS);
    }
  });
  socket.on('connect_error', () => {
    emitLocal('bridge.status', status(false));
  });
  // Passed on unchecked: the page checks every payload against the contract. Only the hub's
  // own events (SERVE_EVENTS).
  socket.on(SOCKET_EVENT, (name: unknown, payload: unknown) => {
    if (SERVE_EVENTS.has(name)) emitLocal(name as EventName, payload);
  });

  return {
    invoke(name, args) {
      return new Promise<unknown>((resolve) => {
        socket
          .timeout(15_000)
          .emit(SOCKET_INVOKE, name, args, (err: Error | null, result: unknown) => {
            const silent: BridgeResult<never> = {
              ok: false,
              error: { code: 'failed', message: `${name}: the hub did not answer` },
            };
            resolve(err ? silent : result);
          });
      });
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(name, set);
      if (name === 'bridge.status' && socket.connected) listener(status(true));
      return () => {
        set.delete(listener);
      };
    },
    dispose() {
      if (rejoin !== null) clearTimeout(rejoin);
      rejoin = null;
      listeners.clear();
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
