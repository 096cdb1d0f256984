import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { stringify } from 'yaml';
import { loadHubConfig } from '../../electron/hub/config/load-config.js';
import { Hub } from '../../electron/hub/hub.js';
import { Publisher } from '../../electron/hub/publisher/publisher.js';
import type { HubRuntime } from '../../electron/hub/runtime.js';
import { startServeHost, type ServeHost } from '../../electron/serve/serve-host.js';
import type { SiteHealthReport } from '../../shared/fleet/health.js';
import type { SiteEvent, UnsequencedEvent } from '../../shared/protocol/events.js';
import { MAX_BATCH } from '../../shared/protocol/messages.js';
import { systemClock } from '../../shared/system-clock.js';
import { scriptedSite, STREAM, type Scripted } from '../support/scripted-site.js';
import { waitFor } from '../support/wait.js';
import { httpGet } from './serve-http-client.js';
import { stubRenderer } from './serve-fixture.js';
import { memoryRuntime } from '../support/memory-runtime.js';

/**
 * Two scripted sites behind one hub runtime (started from a real config file, so the budgets
 * go through the config loader) and a serve host for /healthz: "flood" misbehaves, "control"
 * behaves and must not notice.
 */
export interface BudgetRig {
  readonly runtime: HubRuntime;
  readonly flood: ScriptedFeed;
  readonly control: ScriptedFeed;
  /** Each flood batch the hub took in, in order, with how far the control's data had got then. */
  readonly floodApplied: readonly FloodApplied[];
  /**
   * Runs `hook` as the hub takes in each flood batch (from its onApplied, after the batch): a
   * test sends the control's next batch from there, so it goes out while the rest of the flood
   * is still on its way. Null: none.
   */
  onFloodBatch(hook: (() => void) | null): void;
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

/** A flood batch as the hub took it in (applied, or dropped over the budget). */
export interface FloodApplied {
  /** The seq of the batch's last event. */
  readonly floodSeq: number;
  /**
   * The seq of the control's newest sample in the hub's state at that moment: the control
   * samples one device, stamped with its seq, so its `updatedAt` is how far its data has got.
   */
  readonly controlSeq: number;
}

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

/** The one device the control site samples (its `updatedAt` is the seq of the latest sample). */
export const CONTROL_DEVICE = 'c1';

export async function startBudgetRig(budgets: Record<string, number>): Promise<BudgetRig> {
  const dir = mkdtempSync(join(tmpdir(), 'noc-budget-'));
  const sites = [await scriptedSite(), await scriptedSite()] as const;
  const floodApplied: FloodApplied[] = [];
  let floodHook: (() => void) | null = null;
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
    // As startHubRuntime runs it, plus the hub's onApplied hook (the runtime passes no hooks):
    // as each flood batch is taken in, note how far the control's data in the state has got.
    const options = await loadHubConfig(configFile);
    const hub: Hub = new Hub(options, {
      onApplied: (siteId, events) => {
        const last = events.at(-1);
        if (siteId !== 'flood' || !last) return;
        const controlDevice = hub.fleet.site('control')?.model.devices.get(CONTROL_DEVICE);
        floodApplied.push({ floodSeq: last.seq, controlSeq: controlDevice?.updatedAt ?? 0 });
        floodHook?.();
      },
    });
    const publisher = new Publisher(hub.fleet, systemClock, options.publishIntervalMs);
    hub.start();
    runtime = memoryRuntime(hub, publisher, {
      dispose: () => {
        publisher.dispose();
        hub.dispose();
        return Promise.resolve();
      },
    });
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
      floodApplied,
      onFloodBatch: (hook) => {
        floodHook = hook;
      },
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

/** A control batch sent as the hub took in a flood batch. */
export interface ControlSend {
  /** The index, in `floodApplied`, of the flood batch the hub had just taken in. */
  readonly afterFlood: number;
  /** The seq of the control batch's last event. */
  readonly controlSeq: number;
}

/**
 * At worst, how many further flood batches the hub took in before a control batch was in its
 * state. Order, not time: the control's batch is a few hundred bytes and goes out while the
 * flood's next batch (a megabyte) is still being read, so a hub that serves both sites takes it
 * in first; one that let the flood's backlog starve its neighbour would take in flood batch after
 * flood batch while the control's waits, and this counts them.
 */
export function worstControlLag(
  floodApplied: readonly FloodApplied[],
  sends: readonly ControlSend[],
): number {
  let worst = 0;
  for (const { afterFlood, controlSeq } of sends) {
    let next = afterFlood + 1;
    while (next < floodApplied.length && (floodApplied[next]?.controlSeq ?? 0) < controlSeq) next++;
    worst = Math.max(worst, next - afterFlood - 1);
  }
  return worst;
}
