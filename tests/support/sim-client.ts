import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { SiteEvent } from '../../shared/protocol/events.js';
import type {
  DashboardToSite,
  EventBatch,
  HandshakeAuth,
  Heartbeat,
  Hello,
  SiteToDashboard,
  Snapshot,
} from '../../shared/protocol/messages.js';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';

/** A bare protocol client for simulator tests: records every frame a site sends it. */

export type DashboardSocket = Socket<SiteToDashboard, DashboardToSite>;

export interface Recording {
  readonly hello: Hello[];
  readonly snapshots: Snapshot[];
  readonly batches: EventBatch[];
  readonly heartbeats: Heartbeat[];
  /** Frames on any event name, validated or not (for the malformed-frame test). */
  readonly raw: { event: string; payload: unknown }[];
}

export function events(rec: Recording): SiteEvent[] {
  return rec.batches.flatMap((b) => b.events);
}

/** Connects (WebSocket only, a fresh manager, no reconnection) and records what arrives. */
export function connectClient(
  url: string,
  auth: Partial<HandshakeAuth> | Record<string, unknown> = {},
): { socket: DashboardSocket; rec: Recording } {
  const socket: DashboardSocket = io(url, {
    forceNew: true,
    transports: ['websocket'],
    reconnection: false,
    auth: { token: 'test-token', protocolVersion: PROTOCOL_VERSION, client: 'vitest', ...auth },
  });
  const rec: Recording = { hello: [], snapshots: [], batches: [], heartbeats: [], raw: [] };
  socket.on('hello', (hello) => rec.hello.push(hello));
  socket.on('snapshot', (snapshot) => rec.snapshots.push(snapshot));
  socket.on('events', (batch) => rec.batches.push(batch));
  socket.on('heartbeat', (heartbeat) => rec.heartbeats.push(heartbeat));
  socket.onAny((event: string, payload: unknown) => rec.raw.push({ event, payload }));
  return { socket, rec };
}

/** Resolves on connect; rejects with the connect_error (whose `data` holds a Refusal). */
export function connected(socket: DashboardSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      resolve();
    });
    socket.once('connect_error', reject);
  });
}

/** The connect_error a refused handshake produces. */
export function refused(socket: DashboardSocket): Promise<Error & { data?: unknown }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      reject(new Error('connected, expected a refusal'));
    });
    socket.once('connect_error', resolve);
  });
}

/** Polls until `check` holds (real time; sockets need it), failing with `what`. */
export async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
