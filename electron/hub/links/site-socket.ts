import { Buffer } from 'node:buffer';
import { rootCertificates } from 'node:tls';
import { io, type Socket } from 'socket.io-client';
import { Refusal, type HandshakeAuth } from '../../../shared/protocol/messages.js';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version.js';
import type { SiteLinkConfig } from '../config/hub-options.js';

/** Inbound payloads are unknown until validated at the link's edge. */
type InboundName = 'hello' | 'snapshot' | 'events' | 'heartbeat';
type Inbound = Record<InboundName, (payload: unknown) => void>;
type Outbound = Record<
  'sync' | 'alert.ack',
  (request: unknown, reply: (r: unknown) => void) => void
>;
export type SiteSocket = Socket<Inbound, Outbound>;

/**
 * The largest WebSocket message a site may send (a snapshot of thousands of devices is a few
 * MB). Beyond it the connection is dropped before anything is parsed, so a broken or hostile
 * site cannot stall the hub for every other site.
 */
export const MAX_SITE_MESSAGE_BYTES = 32 * 2 ** 20;

export interface SiteSocketHandlers {
  readonly clientName: string;
  readonly connectTimeoutMs: number;
  /** The site refused the handshake (bad token, protocol): retrying cannot help. */
  readonly onRefused: (reason: string) => void;
  /** A failed connect or a dropped connection, with its cause in words. */
  readonly onConnectionLost: (reason: string) => void;
  readonly onMessage: Inbound;
  /**
   * The size in bytes of every message as it arrives, before socket.io decodes it (engine.io's
   * `data` event): what the bytes/s budget measures.
   */
  readonly onBytes: (bytes: number) => void;
}

/**
 * The socket.io-client socket of one site link, not yet connected. Its own reconnection is off:
 * the link reconnects on the injected clock. TLS is always verified, with the site's CA if set.
 */
export function createSiteSocket(config: SiteLinkConfig, handlers: SiteSocketHandlers): SiteSocket {
  const auth: HandshakeAuth = {
    token: config.token,
    protocolVersion: PROTOCOL_VERSION,
    client: handlers.clientName,
  };
  const socket: SiteSocket = io(config.url, {
    autoConnect: false,
    reconnection: false,
    forceNew: true,
    transports: ['websocket'],
    timeout: handlers.connectTimeoutMs,
    auth,
    rejectUnauthorized: true,
    // A site's private CA is trusted in addition to the system's, not instead of it.
    ...(config.ca === undefined ? {} : { ca: [...rootCertificates, config.ca] }),
    ...({ maxPayload: MAX_SITE_MESSAGE_BYTES } as object), // passed through to ws
  });
  socket.on('connect_error', (error) => {
    const refusal = Refusal.safeParse((error as Error & { data?: unknown }).data);
    if (refusal.success) handlers.onRefused(`${refusal.data.reason} (${refusal.data.code})`);
    else handlers.onConnectionLost(connectErrorText(error));
  });
  socket.on('disconnect', (why, details) => {
    handlers.onConnectionLost(tooLarge(details) ? TOO_LARGE : `disconnected: ${why}`);
  });
  // Each connection has a new engine; its listener goes with it.
  socket.io.on('open', () => {
    const engine = socket.io.engine;
    const onData = (data: unknown) => {
      handlers.onBytes(messageBytes(data));
    };
    engine.on('data', onData);
    engine.once('close', () => engine.off('data', onData));
  });
  for (const name of ['hello', 'snapshot', 'events', 'heartbeat'] as const) {
    socket.on(name, handlers.onMessage[name]);
  }
  return socket;
}

/**
 * ws closes with 1009 and "Max payload size exceeded" when a frame is over the cap; it does not
 * say how large the frame was, and the reason says so rather than guess.
 */
const TOO_LARGE =
  `a message from the site was larger than the ${MAX_SITE_MESSAGE_BYTES / 2 ** 20} MiB cap ` +
  '(the WebSocket library does not report its size)';

/** engine.io's transport error wraps ws's ErrorEvent, whose `error` is ws's RangeError. */
function tooLarge(details: unknown): boolean {
  const description = (details as { description?: { error?: { code?: unknown } } } | undefined)
    ?.description;
  return description?.error?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
}

function messageBytes(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** "websocket error: self-signed certificate", not just "websocket error": the cause is inside. */
function connectErrorText(error: Error): string {
  const description = (error as Error & { description?: unknown }).description;
  if (typeof description === 'object' && description !== null && 'message' in description) {
    const inner = String(description.message);
    if (inner && inner !== error.message) return `${error.message}: ${inner}`;
  }
  return error.message;
}
