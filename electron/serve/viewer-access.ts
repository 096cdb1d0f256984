import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { TechnicianCredential } from '../hub/config/hub-options.js';
import { MIN_TOKEN_LENGTH } from '../hub/config/token-rules.js';

/**
 * Who may see the board. The board names every customer and site, so anything reachable from
 * another machine needs a viewer token; on loopback without one, only requests addressed to a
 * loopback name are answered, so a web page in the user's browser cannot reach the board through
 * DNS rebinding or a cross-site WebSocket.
 */

/** Holds whichever token the browser signed in with: a viewer's, or a technician's own. */
export const VIEWER_COOKIE = 'noc_viewer_token';

/** Who may look (the viewer token) and who may act (each technician's token). */
export interface AccessTokens {
  readonly viewer: string | null;
  readonly technicians: readonly TechnicianCredential[];
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** Why the host cannot start with this binding and these tokens, or null when it can. */
export function viewerPolicyProblem(host: string, access: AccessTokens): string | null {
  const token = access.viewer;
  if (token !== null && token.length < MIN_TOKEN_LENGTH) {
    return `the viewer token is too short: use at least ${MIN_TOKEN_LENGTH} characters (e.g. openssl rand -hex 16)`;
  }
  if (token === null && !isLoopbackHost(host)) {
    return (
      `${host} is reachable from other machines and the board shows every site: ` +
      'set a viewer token (--viewer-token T or NOC_VIEWER_TOKEN), or bind to 127.0.0.1'
    );
  }
  // A token names one person: shared with the viewers, or another technician, it names nobody.
  const seen = new Set(token === null ? [] : [token]);
  for (const technician of access.technicians) {
    if (seen.has(technician.token)) {
      return `technician ${technician.name}'s token is also the viewer token or another technician's: give each their own`;
    }
    seen.add(technician.token);
  }
  return null;
}

/** Constant-time: both sides are hashed to equal length, so timing reveals neither. */
export function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

export type Grant =
  | { readonly ok: true; readonly setCookie: string | null }
  | { readonly ok: false; readonly reason: string };

/**
 * An HTTP request's token: `?token=`, `Authorization: Bearer`, or the cookie the page set. A
 * valid `?token=` (the viewer's, or a technician's own) also sets the cookie, so the page's own
 * assets load without it and the bridge knows who signed in.
 */
export function httpGrant(access: AccessTokens, req: IncomingMessage, url: URL): Grant {
  const fromQuery = url.searchParams.get('token');
  const setCookie =
    fromQuery !== null && knownToken(access, fromQuery)
      ? `${VIEWER_COOKIE}=${encodeURIComponent(fromQuery)}; Path=/; HttpOnly; SameSite=Strict`
      : null;
  if (access.viewer === null) return { ok: true, setCookie };
  const candidates = [fromQuery, bearerOf(req), cookieOf(req, VIEWER_COOKIE)];
  const given = candidates.filter((c) => c !== null);
  if (given.length === 0) {
    return { ok: false, reason: 'this board needs the viewer token: open it as /?token=…' };
  }
  if (!given.some((candidate) => knownToken(access, candidate))) {
    return { ok: false, reason: 'the viewer token is wrong' };
  }
  return { ok: true, setCookie };
}

/** Who a bridge connection is: a technician (by name), a viewer, or refused with a reason. */
export type Identity =
  | { readonly ok: true; readonly technician: string | null }
  | { readonly ok: false; readonly reason: string };

/**
 * The bridge's socket.io handshake: `auth.token`, else the cookie a `?token=` visit set (it is
 * SameSite=Strict, so another site's page cannot send it), so a board bookmarked without the
 * token in its address keeps working. A technician's token makes the connection that
 * technician's: every action it takes carries their name, whatever the page says.
 */
export function socketIdentity(
  access: AccessTokens,
  auth: unknown,
  headers: {
    readonly cookie: string | undefined;
    readonly origin: string | undefined;
    readonly host: string | undefined;
  },
): Identity {
  const fromAuth =
    typeof auth === 'object' && auth !== null && 'token' in auth ? auth.token : undefined;
  const fromCookie = fromAuth === undefined || fromAuth === null || fromAuth === '';
  const given = fromCookie ? cookieValue(headers.cookie, VIEWER_COOKIE) : fromAuth;
  const technician = technicianOf(access, given);
  // SameSite=Strict keeps other sites' pages from sending the cookie, but not another page of
  // this site (another port, a sibling name): acting on a cookie needs the board's own origin.
  if (technician !== null && fromCookie && !sameOrigin(headers.origin, headers.host)) {
    return {
      ok: false,
      reason: "a technician's sign-in is accepted from the board's own page only",
    };
  }
  if (technician !== null) return { ok: true, technician };
  if (access.viewer === null) return { ok: true, technician: null };
  if (given === null) {
    return { ok: false, reason: 'the bridge needs the viewer token (auth.token or the cookie)' };
  }
  return tokenMatches(access.viewer, given)
    ? { ok: true, technician: null }
    : { ok: false, reason: 'the viewer token is wrong' };
}

/** The technician whose token this is; every token is compared, so timing tells nothing. */
function technicianOf(access: AccessTokens, given: unknown): string | null {
  let found: string | null = null;
  for (const technician of access.technicians) {
    if (tokenMatches(technician.token, given)) found = technician.name;
  }
  return found;
}

function knownToken(access: AccessTokens, given: string): boolean {
  const viewer = access.viewer !== null && tokenMatches(access.viewer, given);
  return technicianOf(access, given) !== null || viewer;
}

/**
 * Without a token, only loopback names may be addressed (Host), and a browser may call in only
 * from the board's own origin: a rebinding DNS name, a foreign site, or another local web app
 * (a dev server on localhost:5173) is turned away. With a token, the token decides.
 */
export function addressedAllowed(access: AccessTokens, req: IncomingMessage): boolean {
  if (access.viewer !== null) return true;
  const host = req.headers.host;
  if (host === undefined || !isLoopbackHost(hostnameOf(host))) return false;
  return sameOrigin(req.headers.origin, host);
}

/** True when a browser's Origin is the host it addressed (no Origin: not a browser page). */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (host === undefined) return false;
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}

function hostnameOf(hostHeader: string): string {
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return '';
  }
}

function bearerOf(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

function cookieOf(req: IncomingMessage, name: string): string | null {
  return cookieValue(req.headers.cookie, name);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}
