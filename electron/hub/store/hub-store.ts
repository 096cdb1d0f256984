import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { loadCache, type StoredSite } from './load-cache.js';
import { openStore, StoreError, type Store } from './open-store.js';
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
  /**
   * Set when the file was damaged and moved aside (the store started empty): the message says
   * where the old file is. For the log and /healthz.
   */
  readonly recovered: string | null;
}

/**
 * Opens the store at `file` for the given sites. A damaged file (not a database, or corrupt)
 * is moved aside with a timestamp and a new one started, which the sites refill; every other
 * problem (held by another process, newer schema, a folder that cannot be written) is thrown
 * as a StoreError whose message says what to do.
 */
export async function openHubStore(
  file: string,
  siteIds: readonly string[],
  now: () => number = Date.now,
): Promise<HubStore> {
  let store: Store;
  let recovered: string | null = null;
  try {
    store = await openStore(file);
  } catch (error) {
    if (!isDamaged(error)) throw error;
    const aside = moveAside(file, now());
    const reason = ((error as StoreError).cause as Error).message;
    recovered =
      `The store ${file} was damaged (${reason}) and was moved to ${aside}; ` +
      'a new one was started and the sites refill it.';
    store = await openStore(file);
  }
  try {
    const cache = loadCache(store.raw, siteIds);
    return { store, statements: new WriteStatements(store.raw), cache, recovered };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** SQLITE_CORRUPT (11) or SQLITE_NOTADB (26) behind an 'unreadable' StoreError. */
function isDamaged(error: unknown): boolean {
  if (!(error instanceof StoreError) || error.kind !== 'unreadable') return false;
  const cause = error.cause;
  if (!(cause instanceof Error) || !('errcode' in cause)) return false;
  const primary = Number(cause.errcode) % 256;
  return primary === 11 || primary === 26;
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
