import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startHubRuntime, type HubRuntime } from '../../electron/hub/runtime.js';
import { startServeHost, type ServeHost } from '../../electron/serve/serve-host.js';
import type { Alert } from '../../shared/protocol/alert.js';
import type { Device } from '../../shared/protocol/device.js';
import { HELLO, scriptedSite, STREAM, type Scripted } from '../support/scripted-site.js';

/**
 * One scripted site that answers every resume with a snapshot of the given devices and alerts,
 * a hub runtime with it as its only site (freshness thresholds generous: the page is under test,
 * not staleness), and a serve host on 127.0.0.1 port 0 serving `rendererDir`. For the browser
 * tests that need exact, hostile or huge content (hostile-names, big-site).
 */
export interface ScriptedBoard {
  readonly site: Scripted;
  readonly runtime: HubRuntime;
  readonly host: ServeHost;
  /** Stops the host, the runtime and the site, and removes the temp folder. */
  close(): Promise<void>;
}

export interface ScriptedBoardOptions {
  readonly siteId: string;
  readonly name: string;
  readonly rendererDir: string;
  readonly content: (at: number) => { devices: Device[]; alerts: Alert[] };
  /** More hub config (budgets, say), merged over the defaults here. */
  readonly config?: Readonly<Record<string, unknown>>;
}

export async function startScriptedBoard(options: ScriptedBoardOptions): Promise<ScriptedBoard> {
  const { siteId, name, rendererDir } = options;
  const dir = mkdtempSync(join(tmpdir(), `noc-${siteId}-`));
  const site = await scriptedSite();
  let runtime: HubRuntime | null = null;
  let host: ServeHost | null = null;
  const close = async (): Promise<void> => {
    await host?.close();
    await runtime?.dispose();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    site.hello = { ...HELLO, siteId, name };
    site.answer = (_request, socket) => {
      const at = Date.now();
      socket.emit('snapshot', { stream: STREAM, seq: 1, at, ...options.content(at) });
      return { mode: 'snapshot', seq: 1 };
    };
    const configFile = join(dir, 'hub.yaml');
    writeFileSync(
      configFile,
      stringify({
        staleAfterSeconds: 600,
        downAfterSeconds: 1200,
        ...options.config,
        sites: [{ id: siteId, name, customer: 'T', url: site.url, token: 't' }],
      }),
    );
    runtime = await startHubRuntime({ config: { file: configFile, explicit: true } });
    host = await startServeHost({
      runtime,
      host: '127.0.0.1',
      port: 0,
      viewerToken: null,
      rendererDir,
    });
    return { site, runtime, host, close };
  } catch (error) {
    await close();
    throw error;
  }
}
