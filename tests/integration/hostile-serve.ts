import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../shared/clock.js';
import type { Hub } from '../../electron/hub/hub.js';
import { Publisher } from '../../electron/hub/publisher/publisher.js';
import type { HealthReport } from '../../electron/serve/health-report.js';
import { startServeHost } from '../../electron/serve/serve-host.js';
import { stubRenderer } from './serve-fixture.js';
import { httpGet } from './serve-http-client.js';
import { memoryRuntime } from '../support/memory-runtime.js';

/**
 * A serve host in front of a hub the test built (on its own clock), so the hostile-site tests
 * read what a monitoring system reads: /healthz and /metrics over HTTP.
 */
export async function serveHub(hub: Hub, clock: Clock) {
  const dir = mkdtempSync(join(tmpdir(), 'noc-hostile-'));
  const publisher = new Publisher(hub.fleet, clock);
  const host = await startServeHost({
    runtime: memoryRuntime(hub, publisher),
    host: '127.0.0.1',
    port: 0,
    viewerToken: null,
    rendererDir: stubRenderer(dir),
    clock,
  });
  return {
    healthz: async () => JSON.parse((await httpGet(host.url, '/healthz')).body) as HealthReport,
    metrics: async () => (await httpGet(host.url, '/metrics')).body,
    close: async () => {
      await host.close();
      publisher.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
