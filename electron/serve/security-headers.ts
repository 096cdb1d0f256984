import type { ServerResponse } from 'node:http';

/**
 * The renderer's own policy (the meta tag in renderer/index.html), sent as a header so it also
 * covers what a meta tag cannot: `frame-ancestors` keeps the board out of other sites' frames.
 * `connect-src 'self'` is what lets the page open its WebSocket back to this host.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

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
