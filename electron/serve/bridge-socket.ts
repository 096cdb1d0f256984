import type { Server, Socket } from 'socket.io';
import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import type { Subscription } from '../hub/publisher/publisher.js';
import { runCommand, type CommandContext } from '../hub/bridge/commands.js';
import { appInfo, type HubRuntime } from '../hub/runtime.js';
import { socketRefusal } from './viewer-access.js';

/** Namespace of the page's bridge (renderer/src/bridge/socket-bridge.ts connects to it). */
export const BRIDGE_NAMESPACE = '/bridge';

/**
 * Deltas a viewer may be sent in a row while its transport has not flushed the previous ones
 * (≈ a minute at 5 per second). A viewer on a link too slow to keep up is disconnected rather
 * than buffered without bound; it reconnects and starts again from a fresh snapshot, so nothing
 * it shows is wrong, only late.
 */
export const MAX_DELTAS_WHILE_BUSY = 300;

/** Counts deltas sent while the socket's transport was still busy writing earlier ones. */
export function backlogGuard(socket: Pick<Socket, 'conn'>): () => boolean {
  let busy = 0;
  return () => {
    busy = socket.conn.transport.writable ? 0 : busy + 1;
    return busy > MAX_DELTAS_WHILE_BUSY;
  };
}

export interface BridgeHost {
  /** Sockets with a live `fleet.delta` registration. */
  readonly subscribed: number;
  /** Drops every registration; the sockets themselves are closed with the server. */
  dispose(): void;
}

/** A refusal the client sees as connect_error, with the reason in `data` as well. */
function refusal(reason: string): Error & { data: { reason: string } } {
  return Object.assign(new Error(reason), { data: { reason } });
}

/**
 * The same command contract as Electron's IPC, carried by socket.io: the page emits
 * `invoke`(name, args, ack) and receives `event`(name, payload). Each socket holds at most one
 * publisher registration, made by `fleet.subscribe` and dropped when the socket goes.
 */
export function setupBridge(io: Server, runtime: HubRuntime, token: string | null): BridgeHost {
  const subscriptions = new Map<Socket, Subscription>();
  const info = appInfo(runtime, 'browser');
  let disposed = false;

  // Nothing is served on the default namespace; refuse it rather than hold idle sockets.
  io.of('/').use((_socket, next) => {
    next(refusal(`connect to the ${BRIDGE_NAMESPACE} namespace`));
  });

  const bridge = io.of(BRIDGE_NAMESPACE);
  bridge.use((socket, next) => {
    const reason = socketRefusal(token, socket.handshake.auth);
    next(reason === null ? undefined : refusal(reason));
  });

  const unsubscribe = (socket: Socket): void => {
    subscriptions.get(socket)?.unsubscribe();
    subscriptions.delete(socket);
  };

  bridge.on('connection', (socket) => {
    const ctx: CommandContext = {
      hub: runtime.hub,
      info,
      subscribe: (): FleetSnapshot => {
        unsubscribe(socket);
        const isBacklogged = backlogGuard(socket);
        const subscription = runtime.publisher.subscribe((delta) => {
          if (isBacklogged()) socket.disconnect(true);
          else socket.emit('event', 'fleet.delta', delta);
        });
        // A socket that left while its command was queued must not stay registered.
        if (disposed || !socket.connected) subscription.unsubscribe();
        else subscriptions.set(socket, subscription);
        return subscription.snapshot;
      },
    };
    socket.on('disconnect', () => {
      unsubscribe(socket);
    });
    // Everything from the page is untrusted: the command checks name and arguments itself.
    socket.on('invoke', (name: unknown, args: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (result: unknown) => void;
      runCommand(name, args, ctx).then(reply, (error: unknown) => {
        console.error('serve: a bridge command failed:', error);
        reply({ ok: false, error: { code: 'failed', message: 'the hub failed to answer' } });
      });
    });
  });

  return {
    get subscribed() {
      return subscriptions.size;
    },
    dispose() {
      disposed = true;
      for (const socket of [...subscriptions.keys()]) unsubscribe(socket);
    },
  };
}
