import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { stringify } from 'yaml';
import { startHubRuntime, type HubRuntime } from '../../electron/hub/runtime.js';
import { startServeHost, type ServeHost } from '../../electron/serve/serve-host.js';
import type { Scenario } from '../../simulator/scenarios.js';
import { SimSite } from '../../simulator/site-server.js';

/**
 * What the serve tests (and the browser tests) stand on: simulated sites on 127.0.0.1, a hub
 * runtime started from a real config file naming them, and a serve host on an ephemeral port.
 */

export const SITE_TOKEN = 'serve-fixture-site-token';
export const VIEWER_TOKEN = 'viewer-token-0123456789abcdef';

export interface ServeFixtureOptions {
  readonly sites: number;
  readonly devices: number;
  readonly scenario?: Scenario;
  readonly tickMs?: number;
  readonly heartbeatMs?: number;
  readonly staleAfterSeconds?: number;
  readonly downAfterSeconds?: number;
  readonly viewerToken?: string | null;
  /** Default: a temp folder with a stub page (see stubRenderer). */
  readonly rendererDir?: string;
  /** Keep a store in `<dir>/data` (serve --data); default: memory only. */
  readonly store?: boolean;
  /** Technicians who may act from a browser (their tokens reach the config by environment). */
  readonly technicians?: readonly { readonly name: string; readonly token: string }[];
  /** The config's `sla` section (docs/sla.md); the sites' customers are "Customer 1"… */
  readonly sla?: unknown;
  /** The config's `notifications` section (docs/notifications.md). */
  readonly notifications?: unknown;
  /** The config's `displays` section (docs/displays.md). */
  readonly displays?: unknown;
}

export interface ServeFixture {
  readonly sites: readonly SimSite[];
  readonly runtime: HubRuntime;
  readonly host: ServeHost;
  readonly dir: string;
  readonly rendererDir: string;
  /** Closes the host, the runtime and the sites, and removes the temp folder. Idempotent. */
  close(): Promise<void>;
}

/** A stand-in for the built renderer, with a file just outside it to try to reach. */
export function stubRenderer(dir: string): string {
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>stub board</title>' +
      '<script type="module" src="./assets/app.js"></script></head><body>stub</body></html>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'document.title = "stub ran";\n');
  writeFileSync(join(rendererDir, 'assets', 'style.css'), 'body { color: red }\n');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer folder\n');
  return rendererDir;
}

export async function startServeFixture(options: ServeFixtureOptions): Promise<ServeFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'noc-serve-'));
  const sites = Array.from(
    { length: options.sites },
    (_, i) =>
      new SimSite({
        siteId: `site-${i + 1}`,
        name: `Office ${i + 1}`,
        customer: `Customer ${i + 1}`,
        timeZone: 'Europe/Berlin',
        token: SITE_TOKEN,
        devices: options.devices,
        scenario: options.scenario ?? 'calm',
        seed: `serve-${i}`,
        tickMs: options.tickMs ?? 200,
        heartbeatMs: options.heartbeatMs ?? 200,
        failureRate: 0,
      }),
  );
  let runtime: HubRuntime | null = null;
  let host: ServeHost | null = null;
  let closed = false;
  // Each token in an environment variable of its own, as an operator would set them.
  const tokenEnvs = (options.technicians ?? []).map((technician, i) => {
    const name = `NOC_TEST_TECHNICIAN_${process.pid}_${i}`;
    process.env[name] = technician.token;
    return { name: technician.name, tokenEnv: name };
  });
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    for (const { tokenEnv } of tokenEnvs) Reflect.deleteProperty(process.env, tokenEnv);
    await host?.close();
    await runtime?.dispose();
    await Promise.all(sites.map((site) => site.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(sites.map((site) => site.start()));
    const configFile = join(dir, 'hub.yaml');
    writeFileSync(
      configFile,
      stringify({
        staleAfterSeconds: options.staleAfterSeconds ?? 1,
        downAfterSeconds: options.downAfterSeconds ?? 3,
        reconnect: { initialDelayMs: 50, maxDelayMs: 400 },
        technicians: tokenEnvs,
        ...(options.sla === undefined ? {} : { sla: options.sla }),
        ...(options.notifications === undefined ? {} : { notifications: options.notifications }),
        ...(options.displays === undefined ? {} : { displays: options.displays }),
        sites: sites.map((site) => ({
          id: site.siteId,
          name: site.options.name,
          customer: site.options.customer,
          url: site.url,
          token: SITE_TOKEN,
        })),
      }),
    );
    runtime = await startHubRuntime({
      config: { file: configFile, explicit: true },
      ...(options.store === true ? { dataDir: join(dir, 'data') } : {}),
    });
    const rendererDir = options.rendererDir ?? stubRenderer(dir);
    host = await startServeHost({
      runtime,
      host: '127.0.0.1',
      port: 0,
      viewerToken: options.viewerToken ?? null,
      rendererDir,
    });
    return { sites, runtime, host, dir, rendererDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A bridge client as the page makes one: WebSocket only, and no reconnection in tests. */
export function bridgeClient(
  url: string,
  auth: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Socket {
  return io(new URL('bridge', url).href, {
    forceNew: true,
    transports: ['websocket'],
    reconnection: false,
    auth,
    extraHeaders: headers,
  });
}

/** Resolves on connect; rejects with the connect_error (its message is the reason). */
export function bridgeConnected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      resolve();
    });
    socket.once('connect_error', reject);
  });
}
