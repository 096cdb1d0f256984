import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteActionLog, type ActionLog } from '../acks/action-log.js';
import { SqliteScreenHomeStore, type ScreenHomeStore } from './screen-homes.js';
import { SqliteMaintenanceStore, type MaintenanceStore } from '../alerts/maintenance-store.js';
import type { TrendHistory } from '../alerts/proactive-watch.js';
import { SqliteIncidentStore, type IncidentStore } from '../sla/incident-store.js';
import { SqliteScreenLayoutStore, type ScreenLayoutStore } from '../screens/screen-layout-store.js';
import { closeHubAlerts } from './hub-alert-history.js';
import { loadCache, type StoredSite } from './load-cache.js';
import { openStore, StoreError, type Store } from './open-store.js';
import { DEFAULT_RETENTION } from './retention.js';
import { rebuildRollups, type RebuildResult } from './rollup-rebuild.js';
import { isDamaged } from './sqlite-errors.js';
import { SqliteTrendHistory } from './trend-history.js';
import { WriteStatements } from './write-statements.js';

/** The store file in a data folder: the user's fleet, or the demo's (kept apart). */
export function storeFile(dataDir: string, demo: boolean): string {
  return join(dataDir, demo ? 'demo.sqlite' : 'noc.sqlite');
}

/** The hub's store, opened: what it held at start, and how it was opened. */
export interface HubStore {
  readonly store: Store;
  readonly statements: WriteStatements;
  readonly cache: ReadonlyMap<string, StoredSite>;
  /** Technicians' acknowledgements: the outbox and their timeline notes. */
  readonly actions: ActionLog;
  /** Technicians' maintenance windows. */
  readonly maintenance: MaintenanceStore;
  /** Devices' hourly metric means, for the proactive warnings' trends after a restart. */
  readonly trendHistory: TrendHistory;
  /** SLA incidents and their timelines. */
  readonly incidents: IncidentStore;
  /** Where each screen of the wall was last placed (the Electron shell's window manager). */
  readonly screens: ScreenHomeStore;
  /** What technicians set for the wall's screens. */
  readonly screenLayouts: ScreenLayoutStore;
  /**
   * Set when the file was damaged and moved aside (the store started empty): the message says
   * where the old file is. For the log and /healthz.
   */
  readonly recovered: string | null;
  /** Marks the file for a full check at the next start (a write found it damaged). */
  markDamaged(reason: string): void;
  /** The rollups rebuilt at start from the raw samples (after a crash), for /healthz. */
  readonly rollupsRebuilt: RebuildResult;
  /** The hub's own alerts left open by the last run, closed at this start (hub-alert-history.ts). */
  readonly hubAlertsClosed: number;
}

/**
 * Opens the store at `file` for the given sites. A damaged file (not a database, corrupt, or
 * marked damaged by the last run and failing `PRAGMA integrity_check`) is moved aside with a
 * timestamp and a new one started, which the sites refill; every other problem (held by another
 * process, newer schema, a folder that cannot be written) is thrown as a StoreError whose
 * message says what to do. Never a crash loop: a second damaged open is thrown, not retried.
 */
export async function openHubStore(
  file: string,
  siteIds: readonly string[],
  now: () => number = Date.now,
  rawKeptMs: number = DEFAULT_RETENTION.rawEventsMs,
): Promise<HubStore> {
  const marker = `${file}.check`;
  let recovered: string | null = null;
  let opened = await attempt(file, siteIds, existsSync(marker));
  if (opened instanceof Error) {
    const aside = moveAside(file, now());
    recovered =
      `The store ${file} was damaged (${opened.message}) and was moved to ${aside}; ` +
      'a new one was started and the sites refill it.';
    opened = await attempt(file, siteIds, false);
    if (opened instanceof Error) throw opened;
  }
  rmSync(marker, { force: true });
  const { store, cache } = opened;
  let rollupsRebuilt: RebuildResult;
  let hubAlertsClosed: number;
  try {
    rollupsRebuilt = rebuildRollups(store.raw, now(), rawKeptMs);
  } catch (error) {
    await store.close();
    throw error;
  }
  // Not a reason to refuse to start: their rows stay open in the history (the writer, which
  // meets the same file next, says what is wrong with it).
  try {
    hubAlertsClosed = closeHubAlerts(store.raw, now());
  } catch (error) {
    hubAlertsClosed = 0;
    console.error(
      `store: could not close the hub's alerts left open by the last run: ${String(error)}`,
    );
  }
  return {
    rollupsRebuilt,
    hubAlertsClosed,
    store,
    statements: new WriteStatements(store.raw),
    actions: new SqliteActionLog(store.raw),
    maintenance: new SqliteMaintenanceStore(store.raw),
    trendHistory: new SqliteTrendHistory(store.raw, now),
    incidents: new SqliteIncidentStore(store.raw),
    screens: new SqliteScreenHomeStore(store.raw),
    screenLayouts: new SqliteScreenLayoutStore(store.raw),
    cache,
    recovered,
    markDamaged: (reason) => {
      // A file of its own beside the store: the store's file is never opened through fs.
      writeFileSync(marker, `${new Date(now()).toISOString()} ${reason}\n`);
    },
  };
}

/** Opens and reads the cache; the damage found (an Error) instead of throwing it. */
async function attempt(
  file: string,
  siteIds: readonly string[],
  check: boolean,
): Promise<{ store: Store; cache: Map<string, StoredSite> } | Error> {
  let store: Store;
  try {
    store = await openStore(file);
  } catch (error) {
    if (error instanceof StoreError && error.kind === 'unreadable' && isDamaged(error.cause)) {
      return error.cause as Error;
    }
    throw error;
  }
  try {
    const problem = check ? integrityProblem(store) : null;
    if (problem !== null) {
      await store.close();
      return new Error(`integrity check: ${problem}`);
    }
    return { store, cache: loadCache(store.raw, siteIds) };
  } catch (error) {
    await store.close();
    if (isDamaged(error)) return error as Error;
    throw error;
  }
}

/** `PRAGMA integrity_check`: null when the file is sound, else its first complaint. */
function integrityProblem(store: Store): string | null {
  const first = store.raw.prepare('PRAGMA integrity_check(1)').get();
  const verdict = String(first?.integrity_check ?? 'no answer');
  return verdict === 'ok' ? null : verdict;
}

/** Renames the file and its write-ahead log to `<file>.damaged-<UTC time>`; the new name. */
function moveAside(file: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const aside = `${file}.damaged-${stamp}`;
  renameSync(file, aside);
  for (const suffix of ['-wal', '-journal']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}
