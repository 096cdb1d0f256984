import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket as NetSocket } from 'node:net';
import { Server } from 'socket.io';
import type { Clock } from '../../shared/clock.js';
import { RendererErrors } from '../hub/bridge/error-reports.js';
import type { HubRuntime } from '../hub/runtime.js';
import { systemClock } from '../../shared/system-clock.js';
import { setupBridge } from './bridge-socket.js';
import { setupFleetMetrics } from './fleet-metrics.js';
import { healthReport } from './health-report.js';
import { sendText, setSecurityHeaders } from './security-headers.js';
import { serveStatic } from './static-files.js';
import {
  addressedAllowed,
  httpGrant,
  viewerPolicyProblem,
  type AccessTokens,
} from './viewer-access.js';

export interface ServeHostOptions {
  readonly runtime: HubRuntime;
  /** Address to bind; anything but loopback requires `viewerToken`. */
  readonly host: string;
  /** 0 = any free port (see `url`). */
  readonly port: number;
  readonly viewerToken: string | null;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** The hub's clock, for the time stamp of health reports (default: the system clock). */
  readonly clock?: Clock;
}

export interface ServeHost {
  /** `http://host:port/`, with the port actually bound. */
  readonly url: string;
  /** TCP connections held now (page loads, bridge sockets); 0 after close. */
  readonly openConnections: number;
  /** Sockets registered for fleet deltas; 0 after close. */
  readonly bridgeSubscribers: number;
  /** Disconnects every viewer, stops listening; resolves when every connection is gone. */
  close(): Promise<void>;
}

/** Commands are tiny; a page sending more than this is broken or hostile. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * `serve` mode: the hub's data for plain browsers (wall TVs), on one HTTP port: the built page,
 * the bridge over socket.io, and /healthz and /metrics for the MSP's own monitoring.
 */
export async function startServeHost(options: ServeHostOptions): Promise<ServeHost> {
  const { runtime, host, rendererDir } = options;
  // The technicians come from the hub's config: their tokens never leave this process.
  const token: AccessTokens = {
    viewer: options.viewerToken,
    technicians: runtime.hub.options.technicians ?? [],
  };
  const problem = viewerPolicyProblem(host, token);
  if (problem !== null) throw new Error(`serve: refusing to start: ${problem}`);
  const clock = options.clock ?? systemClock;
  const rendererErrors = new RendererErrors(clock);
  const metrics = setupFleetMetrics(runtime, rendererErrors);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    if (!addressedAllowed(token, req)) {
      sendText(res, 403, 'forbidden: without a viewer token, address the board as 127.0.0.1');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const url = requestUrl(req.url);
    if (url === null) {
      sendText(res, 400, 'bad request: the request target is not a path');
      return;
    }
    const grant = httpGrant(token, req, url);
    if (!grant.ok) {
      sendText(res, 401, `unauthorized: ${grant.reason}`, { 'WWW-Authenticate': 'Bearer' });
      return;
    }
    const head = req.method === 'HEAD';
    if (url.pathname === '/healthz') {
      const report = healthReport(runtime, clock.now(), rendererErrors.summary);
      const body = JSON.stringify(report);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(head ? undefined : body);
    } else if (url.pathname === '/metrics') {
      const body = await metrics.render();
      res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
      res.end(head ? undefined : body);
    } else {
      const cookie = grant.setCookie === null ? {} : { 'Set-Cookie': grant.setCookie };
      await serveStatic(rendererDir, url.pathname, res, head, cookie);
    }
  };

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('serve: request failed:', error);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  });
  // Upgraded (WebSocket) connections are invisible to closeAllConnections; track them ourselves.
  const connections = new Set<NetSocket>();
  http.on('connection', (socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  const io = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    connectTimeout: 10_000,
    // The same Host/Origin rule as the page, for the bridge's polling and WebSocket requests.
    allowRequest: (req, callback) => {
      callback(null, addressedAllowed(token, req));
    },
  });
  const bridge = setupBridge(io, runtime, token, clock, rendererErrors);

  const close = async (): Promise<void> => {
    bridge.dispose();
    // io.close() also closes the http server; its callback waits for every connection to end,
    // so end them now rather than waiting on browsers to finish WebSocket close handshakes.
    const closing = io.close();
    http.closeAllConnections();
    for (const socket of connections) socket.destroy();
    await closing;
  };

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await close();
    throw error;
  }
  const address = http.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    get openConnections() {
      return connections.size;
    },
    get bridgeSubscribers() {
      return bridge.subscribed;
    },
    close,
  };
}

/**
 * The request's target as a URL, or null when it is not a path. Read as a path on a fixed origin:
 * `new URL('//x', base)` would take "x" for a host name (and throw for `//?token=`), so a board
 * opened at `http://host:port//?token=…` would fail.
 */
function requestUrl(target: string | undefined): URL | null {
  const path = target ?? '/';
  if (!path.startsWith('/')) return null;
  try {
    return new URL(`http://serve.invalid${path}`);
  } catch {
    return null;
  }
}
