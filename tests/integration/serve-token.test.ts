import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeHost } from '../../electron/serve/serve-host.js';
import {
  isLoopbackHost,
  tokenMatches,
  VIEWER_COOKIE,
  viewerPolicyProblem,
} from '../../electron/serve/viewer-access.js';
import {
  bridgeClient,
  bridgeConnected,
  startServeFixture,
  VIEWER_TOKEN,
  type ServeFixture,
} from './serve-fixture.js';
import { httpGet } from './serve-http-client.js';

let fx: ServeFixture;
const clients: Socket[] = [];

beforeAll(async () => {
  fx = await startServeFixture({ sites: 1, devices: 10, viewerToken: VIEWER_TOKEN });
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await fx.close();
});

function connect(auth: Record<string, unknown>): Promise<void> {
  const socket = bridgeClient(fx.host.url, auth);
  clients.push(socket);
  return bridgeConnected(socket);
}

describe('serve with a viewer token', () => {
  it('refuses the page and its assets without the token, or with a wrong one', async () => {
    const none = await httpGet(fx.host.url, '/');
    expect(none.status).toBe(401);
    expect(none.body).toContain('needs the viewer token');
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.headers['x-content-type-options']).toBe('nosniff');
    const wrong = await httpGet(fx.host.url, '/?token=not-the-token');
    expect([wrong.status, wrong.body]).toEqual([401, 'unauthorized: the viewer token is wrong\n']);
    expect((await httpGet(fx.host.url, '/assets/app.js')).status).toBe(401);
    const wrongCookie = { Cookie: `${VIEWER_COOKIE}=guess` };
    expect((await httpGet(fx.host.url, '/assets/app.js', { headers: wrongCookie })).status).toBe(
      401,
    );
  });

  it('serves the page with ?token=, setting a cookie that its assets then carry', async () => {
    const page = await httpGet(fx.host.url, `/?token=${VIEWER_TOKEN}`);
    expect(page.status).toBe(200);
    const cookie = page.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(
      new RegExp(`^${VIEWER_COOKIE}=${VIEWER_TOKEN}; Path=/; HttpOnly; SameSite=Strict$`),
    );
    const pair = cookie.split(';')[0] ?? '';
    const asset = await httpGet(fx.host.url, '/assets/app.js', { headers: { Cookie: pair } });
    expect(asset.status).toBe(200);
    // The token reaches no third party through the Referer header.
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    // Opened from a base URL that ends in a slash: the same page, not an error.
    const doubled = await httpGet(fx.host.url, `//?token=${VIEWER_TOKEN}`);
    expect([doubled.status, doubled.body]).toEqual([page.status, page.body]);
  });

  it('refuses the bridge without auth.token or with a wrong one, with the reason', async () => {
    await expect(connect({})).rejects.toThrow(
      'the bridge needs the viewer token (auth.token or the cookie)',
    );
    await expect(connect({ token: 'not-the-token' })).rejects.toThrow('the viewer token is wrong');
    await expect(connect({ token: 42 })).rejects.toThrow('the viewer token is wrong');
    await expect(connect({ token: VIEWER_TOKEN })).resolves.toBeUndefined();
  });

  it('lets a board opened once with ?token= keep its bridge with the cookie alone', async () => {
    const withCookie = (value: string) => {
      const socket = bridgeClient(fx.host.url, {}, { Cookie: `${VIEWER_COOKIE}=${value}` });
      clients.push(socket);
      return bridgeConnected(socket);
    };
    await expect(withCookie(VIEWER_TOKEN)).resolves.toBeUndefined();
    await expect(withCookie('not-the-token')).rejects.toThrow('the viewer token is wrong');
  });

  it('requires the token on /healthz and /metrics too (Bearer or ?token=)', async () => {
    for (const path of ['/healthz', '/metrics']) {
      expect((await httpGet(fx.host.url, path)).status).toBe(401);
      const bearer = { Authorization: `Bearer ${VIEWER_TOKEN}` };
      expect((await httpGet(fx.host.url, path, { headers: bearer })).status).toBe(200);
      expect((await httpGet(fx.host.url, `${path}?token=${VIEWER_TOKEN}`)).status).toBe(200);
      const wrong = { Authorization: 'Bearer not-the-token' };
      expect((await httpGet(fx.host.url, path, { headers: wrong })).status).toBe(401);
    }
  });

  it('with the token, any Host name is fine (the token is the gate, e.g. behind a proxy)', async () => {
    const port = new URL(fx.host.url).port;
    const answer = await httpGet(fx.host.url, `/?token=${VIEWER_TOKEN}`, {
      headers: { Host: `noc.example:${port}` },
    });
    expect(answer.status).toBe(200);
  });
});

describe('serve: who may start', () => {
  it('refuses a non-loopback address without a viewer token, before binding anything', async () => {
    // A name that cannot resolve: had the check been missing, listen would fail differently.
    const start = startServeHost({
      runtime: fx.runtime,
      host: 'noc.invalid',
      port: 0,
      viewerToken: null,
      rendererDir: fx.rendererDir,
    });
    await expect(start).rejects.toThrow(
      'serve: refusing to start: noc.invalid is reachable from other machines',
    );
    expect(viewerPolicyProblem('0.0.0.0', { viewer: null, technicians: [] })).toMatch(
      /set a viewer token/,
    );
    expect(viewerPolicyProblem('::', { viewer: null, technicians: [] })).toMatch(
      /set a viewer token/,
    );
    expect(viewerPolicyProblem('0.0.0.0', { viewer: VIEWER_TOKEN, technicians: [] })).toBeNull();
  });

  it('refuses a viewer token too short to resist guessing', async () => {
    const start = startServeHost({
      runtime: fx.runtime,
      host: '127.0.0.1',
      port: 0,
      viewerToken: 'short',
      rendererDir: fx.rendererDir,
    });
    await expect(start).rejects.toThrow('the viewer token is too short: use at least 16');
  });

  it('knows loopback names, and compares tokens whatever their type or length', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'localhost.evil.example']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
    expect(tokenMatches(VIEWER_TOKEN, VIEWER_TOKEN)).toBe(true);
    expect(tokenMatches(VIEWER_TOKEN, `${VIEWER_TOKEN}x`)).toBe(false);
    expect(tokenMatches(VIEWER_TOKEN, '')).toBe(false);
    expect(tokenMatches(VIEWER_TOKEN, undefined)).toBe(false);
  });
});
