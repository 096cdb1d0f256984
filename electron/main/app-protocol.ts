import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp.js';
import { APP_SCHEME, appPathname, resolveAppFile } from './app-file.js';
import type { GeneratedPages } from './generated-pages.js';

/** The parts of Electron's `protocol` used here: narrow, so tests drive them with fakes. */
export interface SchemeRegistrarLike {
  registerSchemesAsPrivileged(
    schemes: {
      scheme: string;
      privileges: { standard: boolean; secure: boolean; supportFetchAPI: boolean };
    }[],
  ): void;
}
export interface ProtocolLike {
  handle(scheme: string, handler: (request: { readonly url: string }) => Promise<Response>): void;
  unhandle(scheme: string): void;
}
/** Reads a file:// URL (Electron's `net.fetch`, which also sets the content type). */
export type FetchFile = (fileUrl: string) => Promise<Response>;

/** Must run before the app is ready: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(protocol: SchemeRegistrarLike): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves app://noc/: pages the main process generated (the crash page) first, then the built
 * renderer from `rendererDir`. Every answer, 404s included, carries the CSP and nosniff, so a
 * page from this origin can never run under a weaker policy. Returns the dispose.
 */
export function setupAppProtocol(
  protocol: ProtocolLike,
  fetchFile: FetchFile,
  rendererDir: string,
  generated: GeneratedPages,
): () => void {
  protocol.handle(APP_SCHEME, async (request) => {
    const pathname = appPathname(request.url);
    const page = pathname === null ? null : generated.get(pathname);
    if (page !== null) {
      return secured(page, 200, { 'Content-Type': 'text/html; charset=utf-8' });
    }
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return notFound();
    let response: Response;
    try {
      response = await fetchFile(pathToFileURL(file).href);
    } catch {
      return notFound(); // net.fetch rejects for a missing file: that is a 404, not a crash
    }
    if (!response.ok) return notFound();
    return secured(response.body, response.status, response.headers);
  });
  return () => {
    protocol.unhandle(APP_SCHEME);
  };
}

function notFound(): Response {
  return secured('not found', 404, { 'Content-Type': 'text/plain; charset=utf-8' });
}

type Body = ConstructorParameters<typeof Response>[0];
type HeaderInit = ConstructorParameters<typeof Headers>[0];

function secured(body: Body, status: number, init: HeaderInit): Response {
  const headers = new Headers(init);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  // Generated pages show a moment in time; never let a cache show an old one later.
  headers.set('Cache-Control', 'no-store');
  return new Response(body, { status, headers });
}
