import { describeIssues } from '../shared/protocol/errors.js';
import type { UnsequencedEvent } from '../shared/protocol/events.js';
import { withoutTags } from '../shared/protocol/device.js';
import {
  AckRequest,
  HandshakeAuth,
  MAX_BATCH,
  SyncRequest,
  UnackRequest,
} from '../shared/protocol/messages.js';
import { speaksAtLeast } from '../shared/protocol/version.js';
import type { AckLedger } from './ack-ledger.js';
import type { AckReply, Hello, SyncReply } from '../shared/protocol/messages.js';
import { siteModelToPlain } from '../shared/site-model/site-model.js';
import type { Journal } from './journal.js';
import { clip, refusalError, refusalFor } from './site-handshake.js';
import { untaggedEvent, type LiveFeed } from './live-feed.js';
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
  /** Each ack id applied once, however often it arrives. */
  readonly acks: AckLedger;
}

/** A 1.0 site's acknowledgement: strict, so the 1.1 fields are refused as unknown. */
const AckRequest10 = AckRequest.omit({ sticky: true, expiresAt: true });

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
    // A site that claims 1.0 knows no un-ack: the event goes unanswered, as it would there.
    if (speaksAtLeast(ctx.hello().protocolVersion, 1)) {
      socket.on('alert.unack', (request: unknown, reply: unknown) => {
        ctx.feed.whenAwake(() => {
          unack(ctx, request, replier(reply));
        });
      });
    }
    ctx.feed.whenAwake(() => {
      socket.emit('hello', ctx.hello());
      ctx.frames.hello++;
    });
  });
}

/**
 * Device tags are 1.2's: sent only when this site claims 1.2 or later and so does the dashboard
 * (a site sends nothing newer than the dashboard announced in its handshake).
 */
function readsTags(ctx: SessionContext, socket: SiteSocket): boolean {
  const auth = HandshakeAuth.safeParse(socket.handshake.auth);
  return (
    auth.success &&
    speaksAtLeast(auth.data.protocolVersion, 2) &&
    speaksAtLeast(ctx.hello().protocolVersion, 2)
  );
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
  const tags = readsTags(ctx, socket);
  const replay = stream !== null && after !== null ? journal.since(stream, after) : null;
  if (replay) {
    const events = tags ? replay : replay.map(untaggedEvent);
    for (let i = 0; i < events.length; i += MAX_BATCH) {
      socket.emit('events', { stream: journal.stream, events: events.slice(i, i + MAX_BATCH) });
      ctx.frames.events++;
    }
    reply({ mode: 'replay', replayed: replay.length, seq: journal.lastSeq });
  } else {
    const plain = siteModelToPlain(journal.model);
    const devices = tags ? plain.devices : plain.devices.map(withoutTags);
    const seq = journal.lastSeq;
    const { alerts } = plain;
    socket.emit('snapshot', { stream: journal.stream, seq, at: ctx.now(), devices, alerts });
    ctx.frames.snapshot++;
    reply({ mode: 'snapshot', seq });
  }
  ctx.feed.join(socket, tags);
}

function ack(ctx: SessionContext, request: unknown, reply: (value: AckReply) => void): void {
  const current = speaksAtLeast(ctx.hello().protocolVersion, 1);
  const parsed = (current ? AckRequest : AckRequest10).safeParse(request);
  if (!parsed.success) {
    const reason = clip(`alert.ack: ${describeIssues(parsed.error)}`);
    reply({ ok: false, ackId: ackIdOf(request), reason });
    return;
  }
  const { ackId, alertId, technician, comment } = parsed.data;
  // A repeated ack id (the dashboard had no answer the first time) is confirmed again, unchanged.
  if (ctx.acks.arrived(ackId)) {
    reply({ ok: true, ackId });
    return;
  }
  const world = ctx.world();
  if (!world.alert(alertId)) {
    reply({ ok: false, ackId, reason: clip(`no open alert ${alertId}`) });
    return;
  }
  const at = ctx.now();
  const given: AckRequest = parsed.data;
  const policy = current
    ? { sticky: given.sticky ?? true, expiresAt: given.expiresAt ?? null }
    : {};
  const event = world.applyAck(alertId, { ackId, technician, comment, at, ...policy });
  if (event) ctx.publish([event], at);
  ctx.acks.markApplied(ackId);
  reply({ ok: true, ackId });
}

/** Protocol 1.1: withdraws the alert's acknowledgement, once per ack id. */
function unack(ctx: SessionContext, request: unknown, reply: (value: AckReply) => void): void {
  const parsed = UnackRequest.safeParse(request);
  if (!parsed.success) {
    const reason = clip(`alert.unack: ${describeIssues(parsed.error)}`);
    reply({ ok: false, ackId: ackIdOf(request), reason });
    return;
  }
  const { ackId, alertId } = parsed.data;
  if (ctx.acks.arrived(ackId)) {
    reply({ ok: true, ackId });
    return;
  }
  const world = ctx.world();
  const open = world.alert(alertId);
  if (!open?.ack) {
    const why = open ? `alert ${alertId} is not acknowledged` : `no open alert ${alertId}`;
    reply({ ok: false, ackId, reason: clip(why) });
    return;
  }
  const at = ctx.now();
  const event = world.applyUnack(alertId, at);
  if (event) ctx.publish([event], at);
  ctx.acks.markApplied(ackId);
  reply({ ok: true, ackId });
}
