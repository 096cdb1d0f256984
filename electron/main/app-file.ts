import { normalize, resolve, sep } from 'node:path';

/** Our pages' origin: a custom scheme, never file:// and never a remote URL. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'noc';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The board itself. */
export const BOARD_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for a URL on exactly our origin. The URL is parsed, never prefix-matched: a prefix
 * check lets `app://noc.evil/` or `app://noc@evil/` through, and these must stay foreign.
 */
export function isOwnPage(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Maps an app:// URL to a file under `rootDir`, or null when it is not ours or would escape the
 * folder (`app://noc/../../etc/passwd`, encoded or not).
 */
export function resolveAppFile(rootDir: string, url: string): string | null {
  const pathname = appPathname(url);
  if (pathname === null) return null;
  const root = resolve(rootDir);
  const file = resolve(root, normalize(`.${pathname === '/' ? '/index.html' : pathname}`));
  return file.startsWith(root + sep) ? file : null;
}

/** The decoded path of one of our URLs (`/index.html`), or null if foreign or malformed. */
export function appPathname(url: string): string | null {
  if (!isOwnPage(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  return pathname.includes('\0') ? null : pathname;
}
