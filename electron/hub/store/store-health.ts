import { statSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import type { RetentionStats } from './retention.js';
import type { RebuildResult } from './rollup-rebuild.js';
import type { StoreWriterStats } from './store-writer.js';

/** The store as /healthz reports it (and /metrics, in numbers). */
export interface StoreHealth {
  readonly file: string;
  /** The database file's size in bytes, and its write-ahead log's. */
  readonly bytes: number;
  readonly walBytes: number;
  /** Bytes of free pages inside the file, reused before it grows. */
  readonly freeBytes: number;
  /** Set when a damaged file was moved aside at start (where it went). */
  readonly recovered: string | null;
  /** Rollups rebuilt at start from the raw samples (after a crash; `from` null when none). */
  readonly rollupsRebuilt: RebuildResult;
  readonly writer: StoreWriterStats;
  readonly retention: RetentionStats;
}

/**
 * The store's disk use and the writer's and retention's figures. Sizes come from SQLite's own
 * page counts and a stat of the log (a stat opens no descriptor, so the hub's lock stays:
 * docs/storage.md).
 */
export function storeHealth(
  file: string,
  db: DatabaseSync,
  parts: Pick<StoreHealth, 'recovered' | 'rollupsRebuilt' | 'writer' | 'retention'>,
): StoreHealth {
  const pragma = (name: string) => Number(db.prepare(`PRAGMA ${name}`).get()?.[name] ?? 0);
  const pageSize = pragma('page_size');
  let walBytes = 0;
  try {
    walBytes = statSync(`${file}-wal`).size;
  } catch {
    // no log right now (checkpointed, or not yet written)
  }
  return {
    file,
    bytes: pragma('page_count') * pageSize,
    walBytes,
    freeBytes: pragma('freelist_count') * pageSize,
    ...parts,
  };
}
