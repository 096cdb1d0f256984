import { normalize, resolve, sep } from 'node:path';

/** Our pages' origin: a custom scheme, never file:// and never a remote URL. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://noc`;

export function isOwnPage(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Maps an app:// URL to a file under `rootDir`, or null when it is not ours or would escape the
 * folder (`app://noc/../../etc/passwd`, encoded or not).
 */
export function resolveAppFile(rootDir: string, url: string): string | null {
  if (!isOwnPage(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, normalize(`.${pathname === '/' ? '/index.html' : pathname}`));
  return file.startsWith(root + sep) ? file : null;
}
