import type { Server, Socket } from 'socket.io';
import { BRIDGE_NAMESPACE, SOCKET_EVENT, SOCKET_INVOKE } from '../../shared/bridge/channels.js';
import type { BridgeEvents, CommandName, HostEventName } from '../../shared/bridge/contract.js';
import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import type { Clock } from '../../shared/clock.js';
import { runCommand, type CommandContext } from '../hub/bridge/commands.js';
import type { RendererErrors } from '../hub/bridge/error-reports.js';
import { COMMAND_LIMIT, describeLimit, windowLimiter } from '../hub/bridge/rate-limit.js';
import type { Subscription } from '../hub/publisher/publisher.js';
import { appInfo, type HubRuntime } from '../hub/runtime.js';
import { socketIdentity, type AccessTokens, type Identity } from './viewer-access.js';

/**
 * Deltas a viewer may be sent in a row while its transport has not flushed the previous ones
 * (≈ a minute at 5 per second). A viewer on a link too slow to keep up is disconnected rather
 * than buffered without bound; it reconnects and starts again from a fresh snapshot, so nothing
 * it shows is wrong, only late.
 */
export const MAX_DELTAS_WHILE_BUSY = 300;

/**
 * A browser viewer watches; it does not act on customer sites. Acknowledging alerts needs a
 * technician's identity, which a shared viewer token is not: a browser signed in with a
 * technician's own token may run every command. Reporting an error its own screen caught acts
 * on no site, and the rate limit bounds it like any other command.
 */
export const VIEWER_COMMANDS: ReadonlySet<CommandName> = new Set([
  'fleet.subscribe',
  'app.info',
  'app.windows',
  'app.reportError',
  // Reading the store's history acts on no site.
  'history.alerts',
  'history.timeline',
  'history.metric',
  // Seeing what is planned acts on nothing.
  'maintenance.list',
  // Nor does reading SLA compliance, or an incident's timeline.
  'sla.compliance',
  'sla.timeline',
  // A wall TV asks what its screen shows; anyone may see the screens.
  'displays.layout',
  'displays.list',
]);

/**
 * The one way this host sends a viewer an event: a misspelt name, a payload that is not the
 * contract's, or an event only the page's transport may raise fails to compile.
 */
export function emitEvent<K extends HostEventName>(
  socket: { emit(event: string, ...args: unknown[]): unknown },
  name: K,
  payload: BridgeEvents[K],
): void {
  socket.emit(SOCKET_EVENT, name, payload);
}

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
 * publisher registration, made by `fleet.subscribe` and dropped when the socket goes. Errors
 * pages report are counted in `rendererErrors` (shown by /healthz and /metrics).
 */
export function setupBridge(
  io: Server,
  runtime: HubRuntime,
  access: AccessTokens,
  clock: Clock,
  rendererErrors: RendererErrors,
): BridgeHost {
  const subscriptions = new Map<Socket, Subscription>();
  const identities = new WeakMap<Socket, Identity & { ok: true }>();
  let disposed = false;

  // Nothing is served on the default namespace; refuse it rather than hold idle sockets.
  io.of('/').use((_socket, next) => {
    next(refusal(`connect to the ${BRIDGE_NAMESPACE} namespace`));
  });

  const bridge = io.of(BRIDGE_NAMESPACE);
  bridge.use((socket, next) => {
    const { cookie, origin, host } = socket.handshake.headers;
    const identity = socketIdentity(access, socket.handshake.auth, { cookie, origin, host });
    if (!identity.ok) {
      next(refusal(identity.reason));
      return;
    }
    identities.set(socket, identity);
    next();
  });

  const unsubscribe = (socket: Socket): void => {
    subscriptions.get(socket)?.unsubscribe();
    subscriptions.delete(socket);
  };

  bridge.on('connection', (socket) => {
    // Per socket, on the injected clock: COMMAND_LIMIT commands per window.
    const limiter = windowLimiter(() => clock.now(), COMMAND_LIMIT);
    const technician = identities.get(socket)?.technician ?? null;
    const ctx: CommandContext = {
      hub: runtime.hub,
      info: appInfo(runtime, 'browser', technician),
      history: runtime.history,
      technician,
      ...(technician === null ? { allowed: VIEWER_COMMANDS } : {}),
      subscribe: ({ parts }): FleetSnapshot => {
        unsubscribe(socket);
        const isBacklogged = backlogGuard(socket);
        const subscription = runtime.publisher.subscribe(
          (delta) => {
            if (isBacklogged()) socket.disconnect(true);
            else emitEvent(socket, 'fleet.delta', delta);
          },
          parts
            ? {
                send: (part) => {
                  emitEvent(socket, 'fleet.snapshotPart', part);
                },
                downShare: ctx.info.siteDownShare,
              }
            : undefined,
        );
        // A socket that left while its command was queued must not stay registered.
        if (disposed || !socket.connected) subscription.unsubscribe();
        else subscriptions.set(socket, subscription);
        return subscription.snapshot;
      },
      reportError: (report) => rendererErrors.record(report),
    };
    socket.on('disconnect', () => {
      unsubscribe(socket);
    });
    // Everything from the page is untrusted: the command checks name and arguments itself.
    socket.on(SOCKET_INVOKE, (name: unknown, args: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (result: unknown) => void;
      if (!limiter.take()) {
        const message = describeLimit(COMMAND_LIMIT, 'commands');
        reply({ ok: false, error: { code: 'rate-limited', message } });
        return;
      }
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
