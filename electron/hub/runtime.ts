import type { SlaConfig } from '../../shared/sla/contract.js';
import { existsSync } from 'node:fs';
import type { AppInfo } from '../../shared/bridge/fleet-view.js';
import type { Clock } from '../../shared/clock.js';
import type { ConfigChoice } from './config/config-path.js';
import {
  DEFAULT_CLOCK_SKEW_MS,
  DEFAULT_RECONNECT,
  DEFAULT_SITE_DOWN_SHARE,
  type HubOptions,
  type SiteLinkConfig,
} from './config/hub-options.js';
import { loadHubConfig } from './config/load-config.js';
import { Hub } from './hub.js';
import { Publisher } from './publisher/publisher.js';
import { openHubStore, storeFile } from './store/hub-store.js';
import { DEFAULT_RETENTION, Retention } from './store/retention.js';
import { HistoryQueries } from './store/history-queries.js';
import { MemoryScreenHomeStore, type ScreenHomeStore } from './store/screen-homes.js';
import { storeHealth, type StoreHealth } from './store/store-health.js';
import { systemClock } from '../../shared/system-clock.js';

export interface HubRuntime {
  readonly hub: Hub;
  readonly publisher: Publisher;
  readonly demo: boolean;
  /** The store file, or null when the hub keeps everything in memory (no data folder). */
  readonly storeFile: string | null;
  /** Why the store started empty (the old file was damaged and moved aside), else null. */
  readonly storeRecovered: string | null;
  /** The store's disk use and writes as of now; null without a store. */
  storeHealth(): StoreHealth | null;
  /** The history view's queries over the store; null without one. */
  readonly history: HistoryQueries | null;
  /** Where each screen of the wall was last placed: the store's, or memory without one. */
  readonly screenHomes: ScreenHomeStore;
  dispose(): Promise<void>;
}

/** A fleet of demo sites a host started for the hub to watch. */
export interface DemoSites {
  readonly sites: readonly SiteLinkConfig[];
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /** The user's config, or null to run the demo. */
  readonly config: ConfigChoice | null;
  /**
   * Starts the demo fleet when there is no config. The hub core never imports the simulator:
   * the hosts pass a lazy import, so it is loaded only when the demo is chosen.
   */
  readonly startDemo?: () => Promise<DemoSites>;
  readonly clock?: Clock;
  /** Publisher tick; default: the config's publishIntervalMs, else 200 ms. */
  readonly tickMs?: number;
  /**
   * The data folder for the store (the app's user-data folder; `serve --data DIR`); null or
   * absent keeps everything in memory.
   */
  readonly dataDir?: string | null;
}

export const APP_VERSION = '0.1.0';

/** The calendars the board counts SLA clocks down in (only those: the rest stays in the hub). */
function slaCalendars(sla: SlaConfig): NonNullable<AppInfo['sla']> {
  return {
    calendars: sla.contracts.map(({ customer, calendar }) => ({ customer, calendar })),
    defaultCalendar: sla.defaultTerms?.calendar ?? null,
  };
}

export function appInfo(
  runtime: HubRuntime,
  host: AppInfo['host'],
  technician: string | null,
): AppInfo {
  const { staleAfterMs, downAfterMs, clockSkewMs, siteDownShare, sla } = runtime.hub.options;
  return {
    version: APP_VERSION,
    demo: runtime.demo,
    host,
    thresholds: { staleAfterMs, downAfterMs },
    clockSkewMs: clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS,
    siteDownShare: siteDownShare ?? DEFAULT_SITE_DOWN_SHARE,
    technician,
    ...(runtime.storeRecovered === null ? {} : { storeNotice: runtime.storeRecovered }),
    // No contract and no default terms: no clocks, and the board says so.
    ...(sla && (sla.contracts.length > 0 || sla.defaultTerms !== null)
      ? { sla: slaCalendars(sla) }
      : {}),
  };
}

/**
 * The hub and its publisher, as both hosts (the Electron app and `serve`) run them: on the
 * user's config, or, with none, on the demo fleet the host starts (the board then says "demo
 * data").
 */
export async function startHubRuntime(options: RuntimeOptions): Promise<HubRuntime> {
  const config = options.config;
  if (config && (config.explicit || existsSync(config.file))) {
    // A file the user named must load; errors name the file and the field.
    return started(await loadHubConfig(config.file), false, options);
  }
  if (!options.startDemo) {
    const where = config ? `no config file at ${config.file}` : 'no config file was given';
    throw new Error(`${where}, and this host offers no demo fleet`);
  }
  const fleet = await options.startDemo();
  try {
    const hubOptions: HubOptions = {
      staleAfterMs: 10_000,
      downAfterMs: 30_000,
      reconnect: DEFAULT_RECONNECT,
      sites: fleet.sites,
    };
    return await started(hubOptions, true, options, () => fleet.stop());
  } catch (error) {
    await fleet.stop(); // never leave simulated sites listening behind a failed start
    throw error;
  }
}

async function started(
  hubOptions: HubOptions,
  demo: boolean,
  options: RuntimeOptions,
  stopDemo: () => Promise<void> = () => Promise.resolve(),
): Promise<HubRuntime> {
  const clock = options.clock ?? systemClock;
  const tickMs = options.tickMs ?? hubOptions.publishIntervalMs;
  const dataDir = options.dataDir ?? null;
  const file = dataDir === null ? null : storeFile(dataDir, demo);
  const siteIds = hubOptions.sites.map((site) => site.id);
  const rawKept = (hubOptions.retention ?? DEFAULT_RETENTION).rawEventsMs;
  const now = () => clock.now();
  const opened = file === null ? null : await openHubStore(file, siteIds, now, rawKept);
  const hub = new Hub(
    { ...hubOptions, ...(tickMs === undefined ? {} : { publishIntervalMs: tickMs }) },
    { clock, ...(opened ? { store: opened } : {}) },
  );
  const publisher = new Publisher(hub.fleet, clock, tickMs);
  const policy = hubOptions.retention ?? DEFAULT_RETENTION;
  const retention = opened ? new Retention(opened.store.raw, policy, clock) : null;
  hub.start();
  retention?.start();
  return {
    hub,
    publisher,
    demo,
    storeFile: file,
    storeRecovered: opened?.recovered ?? null,
    history: opened ? new HistoryQueries(opened.store.db) : null,
    screenHomes: opened?.screens ?? new MemoryScreenHomeStore(),
    storeHealth: () => {
      const writer = hub.storeStats;
      if (file === null || !opened || !retention || !writer) return null;
      const parts = {
        recovered: opened.recovered,
        rollupsRebuilt: opened.rollupsRebuilt,
        writer,
        retention: retention.statistics,
      };
      return storeHealth(file, opened.store.raw, parts);
    },
    dispose: async () => {
      publisher.dispose();
      retention?.dispose();
      hub.dispose(); // writes what is still queued
      await opened?.store.close();
      await stopDemo();
    },
  };
}
