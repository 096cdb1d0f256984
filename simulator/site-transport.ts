import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket as NetSocket } from 'node:net';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';
import type { DashboardToSite, SiteToDashboard } from '../shared/protocol/messages.js';

/** The site is the socket.io server: it listens to the dashboard and emits site → dashboard. */
export type SiteServer = Server<DashboardToSite, SiteToDashboard>;
export type SiteSocket = Socket<DashboardToSite, SiteToDashboard>;

export interface SiteTransport {
  readonly http: HttpServer;
  readonly io: SiteServer;
  readonly port: number;
  /** Closes socket.io and the listener and drops every TCP connection; resolves when all are gone. */
  close(): Promise<void>;
}

/** PEM key and certificate for a site that serves TLS. */
export interface SiteTls {
  readonly key: string;
  readonly cert: string;
}

/** An http(s) server with socket.io on it, listening on host:port (0 = any free port). */
export async function openTransport(
  host: string,
  port: number,
  tls?: SiteTls,
): Promise<SiteTransport> {
  const http: HttpServer = tls
    ? createHttpsServer({ key: tls.key, cert: tls.cert })
    : createServer();
  // Upgraded (WebSocket) connections are invisible to closeAllConnections; track them ourselves.
  const connections = new Set<NetSocket>();
  http.on('connection', (socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  const io: SiteServer = new Server(http, { serveClient: false });
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await io.close();
    throw error;
  }
  const address = http.address();
  return {
    http,
    io,
    port: typeof address === 'object' && address !== null ? address.port : port,
    close: async () => {
      // io.close() also closes the http server; its callback waits for every connection to end,
      // so end them now rather than waiting on peers to finish WebSocket close handshakes.
      const closing = io.close();
      http.closeAllConnections();
      for (const socket of connections) socket.destroy();
      await closing;
    },
  };
}

/**
 * Resolves once the socket's transport has handed everything to the kernel (or the socket is
 * gone): the back-pressure a burst waits on so its queued frames never pile up in memory.
 */
export async function drained(socket: SiteSocket): Promise<void> {
  for (;;) {
    const transport = socket.conn.transport;
    if (!socket.connected || transport.writable) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        transport.off('drain', done);
        transport.off('close', done);
        socket.conn.off('close', done);
        resolve();
      };
      transport.on('drain', done);
      transport.on('close', done);
      socket.conn.on('close', done);
    });
  }
}
