import { afterEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../electron/serve/health-report.js';
import { waitFor } from '../support/wait.js';
import { startServeFixture, type ServeFixture } from './serve-fixture.js';
import { httpGet } from './serve-http-client.js';

let fx: ServeFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

async function health(url: string): Promise<HealthReport> {
  return JSON.parse((await httpGet(url, '/healthz')).body) as HealthReport;
}

describe('serve: the store in /healthz and /metrics', () => {
  it('reports the store file, its disk use, what was written and retention (serve --data)', async () => {
    fx = await startServeFixture({ sites: 2, devices: 10, tickMs: 50, store: true });
    const url = fx.host.url;
    await waitFor('events stored', () => (fx?.runtime.hub.storeStats?.eventsWritten ?? 0) > 0);
    const store = (await health(url)).store;
    expect(store?.file).toBe(`${fx.dir}/data/noc.sqlite`);
    expect(store?.bytes).toBeGreaterThan(0);
    expect(store?.writer).toMatchObject({ eventsDropped: 0, lastError: null, snapshotsWritten: 2 });
    expect(store?.retention).toEqual({ lastRunAt: null, deleted: {}, lastError: null });
    expect(store?.recovered).toBeNull();
    const metrics = (await httpGet(url, '/metrics')).body;
    expect(metrics).toMatch(/^noc_store_bytes [1-9]\d*$/m);
    expect(metrics).toMatch(/^noc_store_events_written_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^noc_store_write_failing 0$/m);
  });

  it('says there is no store without one, and exposes no store series', async () => {
    fx = await startServeFixture({ sites: 1, devices: 5 });
    expect((await health(fx.host.url)).store).toBeNull();
    expect((await httpGet(fx.host.url, '/metrics')).body).not.toContain('noc_store_');
  });
});
