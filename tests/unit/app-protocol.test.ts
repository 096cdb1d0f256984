import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp.js';
import {
  registerAppScheme,
  setupAppProtocol,
  type ProtocolLike,
  type SchemeRegistrarLike,
} from '../../electron/main/app-protocol.js';
import { GeneratedPages } from '../../electron/main/generated-pages.js';

type Handler = (request: { readonly url: string }) => Promise<Response>;

class FakeProtocol implements ProtocolLike {
  handlers = new Map<string, Handler>();
  handle(scheme: string, handler: Handler): void {
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  async get(url: string): Promise<Response> {
    const handler = this.handlers.get('app');
    if (!handler) throw new Error('app:// is not handled');
    return handler({ url });
  }
}

/** Like Electron's net.fetch on file:// URLs: rejects for a missing file. */
function readFileUrl(url: string): Promise<Response> {
  try {
    const body = readFileSync(fileURLToPath(url));
    const type = url.endsWith('.html') ? 'text/html' : 'text/javascript';
    return Promise.resolve(new Response(body, { headers: { 'Content-Type': type } }));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

let dir: string;
let rendererDir: string;

beforeAll(() => {
  // The secret sits next to the renderer folder: an escape would reach it.
  dir = mkdtempSync(join(tmpdir(), 'noc-app-protocol-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<title>the board</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("board")');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const protocol = new FakeProtocol();
  const pages = new GeneratedPages();
  const dispose = setupAppProtocol(protocol, readFileUrl, rendererDir, pages);
  return { protocol, pages, dispose };
}

describe('setupAppProtocol', () => {
  it('registers app:// as a secure, standard scheme', () => {
    const registered: unknown[] = [];
    const registrar: SchemeRegistrarLike = {
      registerSchemesAsPrivileged: (schemes) => registered.push(...schemes),
    };
    registerAppScheme(registrar);
    expect(registered).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves files under the renderer folder with the CSP and nosniff', async () => {
    const { protocol } = setup();
    for (const [url, body] of [
      ['app://noc/', '<title>the board</title>'],
      ['app://noc/index.html', '<title>the board</title>'],
      ['app://noc/assets/app.js', 'console.log("board")'],
    ] as const) {
      const response = await protocol.get(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(body);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const js = await protocol.get('app://noc/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript');
  });

  it.each([
    'app://noc/..%2fsecret.txt',
    'app://noc/%2e%2e%2fsecret.txt',
    'app://noc/assets/..%2f..%2fsecret.txt',
    'app://noc/..%5csecret.txt',
    'app://noc/../secret.txt', // folded by the URL parser to /secret.txt: inside, and missing
    'app://noc/%2e%2e/secret.txt',
    'app://noc/%00',
    'app://noc/%E0%A4%A',
    'app://evil/index.html',
    'app://noc.evil/index.html',
    'app://noc/missing.js',
  ])('answers %s with a 404 that still carries the CSP', async (url) => {
    const { protocol } = setup();
    const response = await protocol.get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('not found');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves the pages the main process generated, under the same CSP', async () => {
    const { protocol, pages } = setup();
    expect((await protocol.get('app://noc/crashed.html')).status).toBe(404);
    pages.set('/crashed.html', '<h1>not live</h1>');
    const page = await protocol.get('app://noc/crashed.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<h1>not live</h1>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('cache-control')).toBe('no-store');
    // Only on our own origin.
    expect((await protocol.get('app://evil/crashed.html')).status).toBe(404);
  });

  it('stops answering once disposed', () => {
    const { protocol, dispose } = setup();
    dispose();
    expect(protocol.handlers.size).toBe(0);
  });
});
