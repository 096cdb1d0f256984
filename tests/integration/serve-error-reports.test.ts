import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { SOCKET_INVOKE } from '../../shared/bridge/channels.js';
import type { BridgeResult } from '../../shared/bridge/contract.js';
import {
  bridgeClient,
  bridgeConnected,
  startServeFixture,
  type ServeFixture,
} from './serve-fixture.js';
import { httpGet } from './serve-http-client.js';

/** Errors a browser's board reports reach whoever monitors the serve host. */

let fx: ServeFixture | null = null;
const clients: Socket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await fx?.close();
  fx = null;
});

async function viewer(f: ServeFixture): Promise<Socket> {
  const socket = bridgeClient(f.host.url);
  clients.push(socket);
  await bridgeConnected(socket);
  return socket;
}

function report(socket: Socket, args: unknown): Promise<BridgeResult<unknown>> {
  return socket.timeout(5000).emitWithAck(SOCKET_INVOKE, 'app.reportError', args) as Promise<
    BridgeResult<unknown>
  >;
}

async function healthz(f: ServeFixture): Promise<{ rendererErrors: unknown }> {
  const answer = await httpGet(f.host.url, '/healthz');
  expect(answer.status).toBe(200);
  return JSON.parse(answer.body) as { rendererErrors: unknown };
}

describe('serve: app.reportError', () => {
  it('counts reports from any viewer in /healthz and /metrics, with the last one', async () => {
    fx = await startServeFixture({ sites: 1, devices: 5 });
    expect((await healthz(fx)).rendererErrors).toEqual({ total: 0, last: null });

    const a = await viewer(fx);
    const b = await viewer(fx);
    const stack = 'TypeError: x is undefined\n    at SiteTile';
    expect(await report(a, { scope: 'tile:site-1', message: 'x is undefined', stack })).toEqual({
      ok: true,
      value: { total: 1 },
    });
    expect(await report(b, { scope: 'view:wall', message: 'boom', stack: null })).toEqual({
      ok: true,
      value: { total: 2 },
    });

    const { rendererErrors } = await healthz(fx);
    expect(rendererErrors).toEqual({
      total: 2,
      last: { scope: 'view:wall', message: 'boom', at: expect.any(Number) as number },
    });
    const metrics = await httpGet(fx.host.url, '/metrics');
    expect(metrics.body).toMatch(/^# TYPE noc_renderer_errors_total counter$/m);
    expect(metrics.body).toMatch(/^noc_renderer_errors_total 2$/m);
    // The hub's count, not a sum over scrapes: scraping again says 2 again.
    const again = await httpGet(fx.host.url, '/metrics');
    expect(again.body).toMatch(/^noc_renderer_errors_total 2$/m);
  });

  it('refuses a malformed report without counting it', async () => {
    fx = await startServeFixture({ sites: 1, devices: 5 });
    const socket = await viewer(fx);
    const result = await report(socket, { scope: '', message: 'm', stack: null, admin: true });
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.error.code).toBe('bad-arguments');
    expect((await healthz(fx)).rendererErrors).toEqual({ total: 0, last: null });
  });
});
