import { readFile, realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { sendText } from './security-headers.js';

/**
 * The built renderer, read from disk per request (a rebuild shows up on reload). Only regular
 * files under the renderer folder are served: the path is resolved and checked after decoding,
 * and again after following links, so neither `..` nor a symlink can leave the folder.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Inside `root`, or null when the path leaves it (or cannot be decoded). */
export function resolveUnder(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  // `//` as `/`: a board opened as http://host:port//?token=… (a base URL with its slash) works.
  const collapsed = decoded.replace(/\/{2,}/g, '/');
  const wanted = collapsed === '/' ? '/index.html' : collapsed;
  const file = resolve(root, `.${wanted}`);
  return isInside(root, file) ? file : null;
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

const MISSING_BUILD = (dir: string) =>
  `The wallboard has not been built: ${join(dir, 'index.html')} is missing.\n` +
  'Run `npm run build` (or start with `npm run serve`, which builds first), then reload.';

/** Answers GET/HEAD for a path of the page; `extraHeaders` carry the viewer cookie. */
export async function serveStatic(
  rendererDir: string,
  pathname: string,
  res: ServerResponse,
  head: boolean,
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<void> {
  const root = resolve(rendererDir);
  const realRoot = await realpath(root).catch(() => null);
  const index = await stat(join(root, 'index.html')).catch(() => null);
  if (realRoot === null || !index?.isFile()) {
    sendText(res, 503, MISSING_BUILD(root));
    return;
  }
  const file = resolveUnder(root, pathname);
  const real = file === null ? null : await realpath(file).catch(() => null);
  const info = real === null ? null : await stat(real).catch(() => null);
  if (real === null || !info?.isFile() || !isInside(realRoot, real)) {
    sendText(res, 404, 'not found');
    return;
  }
  const body = await readFile(real);
  res.writeHead(200, {
    'Content-Type': contentTypeOf(real),
    'Content-Length': String(body.length),
    // Revalidate every time: a wall screen must pick up a new build on its next reload.
    'Cache-Control': 'no-cache',
    ...extraHeaders,
  });
  res.end(head ? undefined : body);
}
