import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { SiteEvent } from '../../shared/protocol/events.js';
import type {
  AckReply,
  AckRequest,
  SyncReply,
  SyncRequest,
} from '../../shared/protocol/messages.js';
import type { HubOptions } from '../../electron/hub/config/hub-options.js';
import { Hub } from '../../electron/hub/hub.js';
import type { FakeClock } from './fake-clock.js';
import { recordingHub, testHubOptions } from './hub-harness.js';

/**
 * A scripted site: the test decides exactly which frames go out, to produce gaps, failed
 * resumes, silent handshakes and impostors that a well-behaved simulator never would.
 */
export interface Scripted {
  url: string;
  socket: () => Socket;
  /** Every sync request received, in order. */
  syncs: SyncRequest[];
  /** Connections accepted so far, and how many of them have closed. */
  connections: number;
  disconnections: number;
  /** Whether a hub is connected right now (as the site sees it). */
  readonly connected: boolean;
  /** Sent on each new connection before its hello: frames a hub must not take from a stranger. */
  greet: (socket: Socket) => void;
  /** What the next connection's hello says; null: say nothing at all. */
  hello: unknown;
  /** The reply to a sync; null: never answer it. */
  answer: (request: SyncRequest, socket: Socket) => SyncReply | null;
  /** Runs right after a sync is answered, in the same tick: live events that follow the reply. */
  afterReply: (request: SyncRequest, socket: Socket) => void;
  /** Every acknowledgement request received, in order. */
  acks: AckRequest[];
  /** The reply to an `alert.ack`; null: never answer it. Default: confirm it. */
  ack: (request: AckRequest) => AckReply | null;
  /**
   * Calls `send` with the connected socket every `ms` (real time) until `close` or the returned
   * stop: heartbeats or events on a timer, as a site sends them.
   */
  every: (ms: number, send: (socket: Socket) => void) => () => void;
  close: () => Promise<void>;
}

export const STREAM = 'scripted-1';

export const HELLO = {
  siteId: 'scripted',
  name: 'Scripted',
  customer: 'Test',
  timeZone: 'UTC',
  protocolVersion: '1.0',
  agentVersion: 'test',
  stream: STREAM,
};

export const clear = (seq: number): SiteEvent => ({
  seq,
  at: seq,
  type: 'alert.clear',
  alertId: `x${seq}`,
});

/** A site-wide alert `id` raised at seq `seq` (warning). */
export const raise = (seq: number, id: string): SiteEvent => ({
  seq,
  at: seq,
  type: 'alert.raise',
  alert: {
    id,
    deviceId: null,
    check: 'scripted',
    severity: 'warning',
    title: `alert ${id}`,
    detail: '',
    raisedAt: seq,
    updatedAt: seq,
    ack: null,
  },
});

/** A technician's acknowledgement of alert `a1` at the scripted site (see withOpenAlert). */
export const ACK_A1 = {
  siteId: 's',
  alertId: 'a1',
  kind: 'ack',
  technician: 'Dana',
  comment: '',
  sticky: true,
  expiresAt: null,
} as const;

/**
 * A scripted site that is live on its hub with alert `a1` open (seq 1): what a technician's
 * acknowledgement needs.
 */
export async function withOpenAlert(
  s: Scripted,
  h: { fleet: { modelOf(id: string): { alerts: ReadonlyMap<string, unknown> } | undefined } },
): Promise<void> {
  s.socket().emit('events', { stream: STREAM, events: [raise(1, 'a1')] });
  const deadline = Date.now() + 10_000;
  while (!h.fleet.modelOf('s')?.alerts.has('a1')) {
    if (Date.now() > deadline) throw new Error('alert a1 never reached the hub');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const upsert = (seq: number, id: string): SiteEvent => ({
  seq,
  at: seq,
  type: 'device.upsert',
  device: {
    id,
    name: id,
    kind: 'server',
    status: 'up',
    parentId: null,
    metrics: {},
    security: null,
    updatedAt: seq,
  },
});

export async function scriptedSite(): Promise<Scripted> {
  const http = createServer();
  const io = new Server(http);
  let current: Socket | null = null;
  const timers = new Set<ReturnType<typeof setInterval>>();
  const scripted: Scripted = {
    url: '',
    socket: () => {
      if (!current) throw new Error('no hub connected');
      return current;
    },
    syncs: [],
    connections: 0,
    disconnections: 0,
    get connected() {
      return current?.connected ?? false;
    },
    greet: () => undefined,
    hello: HELLO,
    answer: (_request, socket) => {
      socket.emit('snapshot', { stream: STREAM, seq: 0, at: 0, devices: [], alerts: [] });
      return { mode: 'snapshot', seq: 0 };
    },
    afterReply: () => undefined,
    acks: [],
    ack: (request) => ({ ok: true, ackId: request.ackId }),
    every: (ms, send) => {
      const timer = setInterval(() => {
        if (current?.connected) send(current);
      }, ms);
      timers.add(timer);
      return () => {
        clearInterval(timer);
        timers.delete(timer);
      };
    },
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      timers.clear();
      await io.close();
    },
  };
  io.on('connection', (socket) => {
    current = socket;
    scripted.connections++;
    socket.on('disconnect', () => {
      scripted.disconnections++;
    });
    socket.on('sync', (request: SyncRequest, reply: (r: SyncReply) => void) => {
      scripted.syncs.push(request);
      const answer = scripted.answer(request, socket);
      if (answer === null) return;
      reply(answer);
      scripted.afterReply(request, socket);
    });
    socket.on('alert.ack', (request: AckRequest, reply: (r: AckReply) => void) => {
      scripted.acks.push(request);
      const answer = scripted.ack(request);
      if (answer !== null) reply(answer);
    });
    scripted.greet(socket);
    if (scripted.hello !== null) socket.emit('hello', scripted.hello);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  scripted.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return scripted;
}

/**
 * A recording hub linked to one fresh scripted site (id "s"); `close` disposes both. `options`
 * overrides the test hub options (thresholds, reconnect, budgets).
 */
export async function hubOnScriptedSite(
  prepare: (site: Scripted) => void = () => undefined,
  options: Partial<HubOptions> = {},
) {
  const site = await scriptedSite();
  prepare(site);
  const { hub, applied } = recordingHub({
    ...testHubOptions([{ id: 's', customer: 'T', url: site.url, token: 't' }]),
    ...options,
  });
  hub.start();
  const close = async () => {
    hub.dispose();
    await site.close();
  };
  return { site, hub, applied, close };
}

/**
 * A hub on a fake clock (the sockets are real) linked to one fresh scripted site (id "s"): time
 * moves only when the test advances it, so backoffs, pauses and ages are exact. Requests get 5 s,
 * the backoff has no jitter (random 1: the whole delay). `applied` lists every seq the hub applied;
 * `close` disposes both.
 */
export async function hubOnScriptedSiteAt(
  clock: FakeClock,
  options: Omit<HubOptions, 'sites'>,
  prepare: (site: Scripted) => void = () => undefined,
) {
  const site = await scriptedSite();
  prepare(site);
  const sites = [{ id: 's', customer: 'T', url: site.url, token: 't' }];
  /** Every seq the hub applied for the site, in order: to check for loss and duplication. */
  const applied: number[] = [];
  const hub = new Hub(
    { ...options, sites },
    {
      clock,
      requestTimeoutMs: 5000,
      random: () => 1,
      onApplied: (_siteId, events) => {
        for (const event of events) applied.push(event.seq);
      },
    },
  );
  hub.start();
  const close = async () => {
    hub.dispose();
    await site.close();
  };
  return { site, hub, applied, close };
}
