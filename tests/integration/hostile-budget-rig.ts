import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { stringify } from 'yaml';
import { startHubRuntime, type HubRuntime } from '../../electron/hub/runtime.js';
import { startServeHost, type ServeHost } from '../../electron/serve/serve-host.js';
import type { SiteHealthReport } from '../../shared/fleet/health.js';
import type { SiteEvent, UnsequencedEvent } from '../../shared/protocol/events.js';
import { MAX_BATCH } from '../../shared/protocol/messages.js';
import { scriptedSite, STREAM, type Scripted } from '../support/scripted-site.js';
import { waitFor } from '../support/wait.js';
import { httpGet } from './serve-http-client.js';
import { stubRenderer } from './serve-fixture.js';

/**
 * Two scripted sites behind one hub runtime (started from a real config file, so the budgets
 * go through the config loader) and a serve host for /healthz: "flood" misbehaves, "control"
 * behaves and must not notice.
 */
export interface BudgetRig {
  readonly runtime: HubRuntime;
  readonly flood: ScriptedFeed;
  readonly control: ScriptedFeed;
  healthz(): Promise<Record<string, HealthzSite>>;
  close(): Promise<void>;
}

/** What /healthz says of one site, as far as these tests read it. */
export type HealthzSite = { id: string } & Pick<
  SiteHealthReport,
  | 'state'
  | 'lastSeq'
  | 'degraded'
  | 'droppedOverBudget'
  | 'unknownDeviceEvents'
  | 'unknownAlertEvents'
>;

/** A scripted site that numbers what the test sends and knows how far the hub got. */
export class ScriptedFeed {
  sent = 0;
  constructor(
    readonly id: string,
    readonly site: Scripted,
    private readonly runtime: () => HubRuntime,
  ) {}

  /** Emits `count` events, numbered on from the last, in batches of at most MAX_BATCH. */
  send(count: number, make: (i: number) => UnsequencedEvent): void {
    for (let start = 0; start < count; start += MAX_BATCH) {
      const events: SiteEvent[] = [];
      for (let i = start; i < Math.min(count, start + MAX_BATCH); i++) {
        const seq = ++this.sent;
        events.push({ ...make(i), seq, at: seq });
      }
      this.site.socket().emit('events', { stream: STREAM, events });
    }
  }

  health(): SiteHealthReport {
    const health = this.runtime()
      .hub.health()
      .find((h) => h.siteId === this.id);
    if (!health) throw new Error(`no site ${this.id}`);
    return health;
  }

  /** Waits until the hub has taken in (applied or dropped) everything sent so far. */
  async caughtUp(timeoutMs = 60_000): Promise<void> {
    await waitFor(
      `${this.id} at seq ${this.sent}`,
      () => this.health().lastSeq === this.sent,
      timeoutMs,
      5,
    );
  }

  get model() {
    const site = this.runtime().hub.fleet.site(this.id);
    if (!site) throw new Error(`no site ${this.id}`);
    return site.model;
  }
}

export async function startBudgetRig(budgets: Record<string, number>): Promise<BudgetRig> {
  const dir = mkdtempSync(join(tmpdir(), 'noc-budget-'));
  const sites = [await scriptedSite(), await scriptedSite()] as const;
  let runtime: HubRuntime | null = null;
  let host: ServeHost | null = null;
  const getRuntime = () => {
    if (!runtime) throw new Error('runtime not started');
    return runtime;
  };
  const close = async () => {
    await host?.close();
    await runtime?.dispose();
    await Promise.all(sites.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const configFile = join(dir, 'hub.yaml');
    writeFileSync(
      configFile,
      stringify({
        // Generous: "stays live" must not depend on how busy the test machine is.
        staleAfterSeconds: 10,
        downAfterSeconds: 30,
        reconnect: { initialDelayMs: 50, maxDelayMs: 400 },
        budgets,
        sites: [
          { id: 'flood', customer: 'T', url: sites[0].url, token: 't' },
          { id: 'control', customer: 'T', url: sites[1].url, token: 't' },
        ],
      }),
    );
    runtime = await startHubRuntime({ config: { file: configFile, explicit: true } });
    host = await startServeHost({
      runtime,
      host: '127.0.0.1',
      port: 0,
      viewerToken: null,
      rendererDir: stubRenderer(dir),
    });
    const url = host.url;
    const flood = new ScriptedFeed('flood', sites[0], getRuntime);
    const control = new ScriptedFeed('control', sites[1], getRuntime);
    for (const feed of [flood, control]) {
      await waitFor(`${feed.id} live`, () => feed.health().state === 'live');
    }
    return {
      runtime,
      flood,
      control,
      healthz: async () => {
        const answer = await httpGet(url, '/healthz');
        const report = JSON.parse(answer.body) as { sites: HealthzSite[] };
        return Object.fromEntries(report.sites.map((s) => [s.id, s]));
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Heap in use after a full collection, so garbage does not count as growth. */
export function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
