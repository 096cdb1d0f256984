import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp.js';

/**
 * The board's one policy (shared/security/csp.ts), here as a header, which also carries what a
 * meta tag cannot: `frame-ancestors` keeps the board out of other sites' frames. Its
 * `connect-src 'self'` is what lets the page open its WebSocket back to this host.
 */
export { CONTENT_SECURITY_POLICY };

/** On every answer, errors included. No referrer: the page's URL may carry the viewer token. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
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
