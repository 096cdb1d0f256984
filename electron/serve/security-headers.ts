import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp.js';

/**
 * The board's one policy (shared/security/csp.ts), here as a header, which also carries what a
 * meta tag cannot: `frame-ancestors` keeps the board out of other sites' frames. Its
 * `connect-src 'self'` is what lets the page open its WebSocket back to this host.
 */
export { CONTENT_SECURITY_POLICY };

/**
 * On every answer, errors included. No referrer: the page's URL may carry the viewer token. The
 * cross-origin policies isolate the page (`crossOriginIsolated`) where the browser honours them,
 * on https and on localhost (a TV loading http://<LAN address> ignores them): no window of another
 * origin keeps a handle on it, and its timers keep their full resolution (5 µs in Chromium
 * instead of 100 µs), which bench:render's frame times need to tell an on-time 60-Hz frame
 * (16.67 ms) from a late one. The board loads nothing from elsewhere, so nothing breaks. The
 * Electron app's own protocol (electron/main/app-protocol.ts) does not send them.
 */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/** A short plain-text answer (errors, refusals): the same headers, never cached. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(`${text}\n`);
}
