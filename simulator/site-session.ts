import { describeIssues } from '../shared/protocol/errors.js';
import type { UnsequencedEvent } from '../shared/protocol/events.js';
import { AckRequest, MAX_BATCH, SyncRequest } from '../shared/protocol/messages.js';
import type { AckReply, Hello, SyncReply } from '../shared/protocol/messages.js';
import { siteModelToPlain } from '../shared/site-model/site-model.js';
import type { Journal } from './journal.js';
import { clip, refusalError, refusalFor } from './site-handshake.js';
import type { LiveFeed } from './live-feed.js';
import type { SentFrames } from './site-options.js';
import type { SiteServer, SiteSocket } from './site-transport.js';
import type { SiteWorld } from './world.js';

/**
 * What one dashboard connection sees: the handshake check, hello, then sync (replay or snapshot)
 * before any live event, and acknowledgements. Kept apart from SimSite's lifecycle so that a
 * restart can attach the same behaviour to a fresh socket.io server.
 */

export interface SessionContext {
  readonly token: string;
  hello(): Hello;
  journal(): Journal;
  world(): SiteWorld;
  now(): number;
  publish(events: readonly UnsequencedEvent[], at: number): unknown;
  /** Live sockets, and the outage switch: while silent, every answer here is held. */
  readonly feed: LiveFeed;
  readonly frames: SentFrames;
}

/**
 * A socket.io acknowledgement callback, or a no-op when the peer sent none. Typed to accept
 * anything so it fits every reply type; the handlers that call it declare the precise one.
 */
function replier(reply: unknown): (value: unknown) => void {
  return typeof reply === 'function' ? (reply as (value: unknown) => void) : () => undefined;
}

function ackIdOf(request: unknown): string {
  if (typeof request === 'object' && request !== null && 'ackId' in request) {
    const { ackId } = request;
    if (typeof ackId === 'string' && ackId.length > 0 && ackId.length <= 128) return ackId;
  }
  return 'invalid';
}

export function attachSession(io: SiteServer, ctx: SessionContext): void {
  io.use((socket, next) => {
    const refusal = refusalFor(socket.handshake.auth, ctx.token);
    ctx.feed.whenAwake(() => {
      if (refusal) next(refusalError(refusal));
      else next();
    });
  });

  io.on('connection', (socket) => {
    socket.on('disconnect', () => {
      ctx.feed.leave(socket);
    });
    // Listeners take unknown: the peer's payloads are validated here, not trusted by type.
    socket.on('sync', (request: unknown, reply: unknown) => {
      ctx.feed.whenAwake(() => {
        sync(ctx, socket, request, replier(reply));
      });
    });
    socket.on('alert.ack', (request: unknown, reply: unknown) => {
      ctx.feed.whenAwake(() => {
        ack(ctx, request, replier(reply));
      });
    });
    ctx.feed.whenAwake(() => {
      socket.emit('hello', ctx.hello());
      ctx.frames.hello++;
    });
  });
}

/** Replay or snapshot first, then the reply, then live events: the order the protocol promises. */
function sync(
  ctx: SessionContext,
  socket: SiteSocket,
  request: unknown,
  reply: (value: SyncReply) => void,
): void {
  const parsed = SyncRequest.safeParse(request);
  if (!parsed.success) {
    reply({ mode: 'error', reason: clip(`sync: ${describeIssues(parsed.error)}`) });
    return;
  }
  if (!socket.connected) return;
  // A second sync on the same socket starts over: no live events until this one is answered.
  ctx.feed.leave(socket);
  const journal = ctx.journal();
  const { stream, after } = parsed.data;
  const replay = stream !== null && after !== null ? journal.since(stream, after) : null;
  if (replay) {
    for (let i = 0; i < replay.length; i += MAX_BATCH) {
      socket.emit('events', { stream: journal.stream, events: replay.slice(i, i + MAX_BATCH) });
      ctx.frames.events++;
    }
    reply({ mode: 'replay', replayed: replay.length, seq: journal.lastSeq });
  } else {
    const { devices, alerts } = siteModelToPlain(journal.model);
    const seq = journal.lastSeq;
    socket.emit('snapshot', { stream: journal.stream, seq, at: ctx.now(), devices, alerts });
    ctx.frames.snapshot++;
    reply({ mode: 'snapshot', seq });
  }
  ctx.feed.join(socket);
}

function ack(ctx: SessionContext, request: unknown, reply: (value: AckReply) => void): void {
  const parsed = AckRequest.safeParse(request);
  if (!parsed.success) {
    const reason = clip(`alert.ack: ${describeIssues(parsed.error)}`);
    reply({ ok: false, ackId: ackIdOf(request), reason });
    return;
  }
  const { ackId, alertId, technician, comment } = parsed.data;
  const world = ctx.world();
  const open = world.alert(alertId);
  if (!open) {
    reply({ ok: false, ackId, reason: clip(`no open alert ${alertId}`) });
    return;
  }
  // A retried ack (same ackId) is confirmed again without a second update.
  if (open.ack?.ackId !== ackId) {
    const at = ctx.now();
    const event = world.applyAck(alertId, { ackId, technician, comment, at });
    if (event) ctx.publish([event], at);
  }
  reply({ ok: true, ackId });
}
