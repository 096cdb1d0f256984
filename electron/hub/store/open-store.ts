import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { MIGRATIONS } from './migrations/index.js';
import type { StoreSchema } from './schema.js';
import { NodeSqliteDialect } from './sqlite-adapter.js';
import { isBusy } from './sqlite-errors.js';

/** Kysely's own table of applied migrations (its default name, spelled out because we read it). */
const MIGRATION_TABLE = 'kysely_migration';
/** How long a write waits for another connection's lock before it fails (ms). */
const BUSY_TIMEOUT_MS = 5_000;
/** How long opening waits for another process to let go of the file before saying it is in use. */
const LOCK_WAIT_MS = 1_000;

/**
 * A store that cannot be opened: the message names the file, what is wrong and what to do, for
 * the log, `/healthz` and the screen (docs/storage.md).
 */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    readonly kind: 'unreadable' | 'in-use' | 'newer' | 'migration',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export interface Store {
  readonly file: string;
  /** Typed queries (Kysely over node:sqlite). */
  readonly db: Kysely<StoreSchema>;
  /**
   * The connection itself (the same one Kysely uses): pragmas and backups. Never begin a
   * transaction here while a Kysely transaction may be waiting on an `await`: it would fail, or
   * join that one.
   */
  readonly raw: DatabaseSync;
  /** The migrations applied to this file, oldest first. */
  readonly migrations: readonly string[];
  close(): Promise<void>;
}

function open(file: string): DatabaseSync {
  let raw: DatabaseSync;
  try {
    mkdirSync(dirname(file), { recursive: true });
    raw = new DatabaseSync(file, { timeout: LOCK_WAIT_MS });
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    // One process per file. The lock is SQLite's (a POSIX file lock, so a killed hub leaves none
    // behind), taken here and held until close: a second copy of the app (or `serve`) on the
    // same data folder is refused rather than writing beside the first. POSIX drops it when any
    // descriptor of the file in this process is closed: nothing may open the file through `fs`
    // while the store is open (docs/storage.md). A text file fails here: "not a database".
    raw.exec('PRAGMA locking_mode = EXCLUSIVE');
    raw.exec('BEGIN EXCLUSIVE');
    raw.exec('COMMIT');
    // WAL: commits append to the log instead of rewriting pages (fewer syncs); with the lock
    // held, its index lives in memory (no -shm file). FULL: what is committed survives a power
    // cut (timelines and stream positions).
    const mode = raw.prepare('PRAGMA journal_mode = WAL').get();
    if (mode?.journal_mode !== 'wal') {
      throw new Error(`journal_mode stayed ${String(mode?.journal_mode)}, WAL was asked for`);
    }
    raw.exec('PRAGMA synchronous = FULL');
    // No checkpoint inside a commit: copying the log into the file there made some commits 5 ms
    // longer (bench:store). The writer checkpoints in turns of its own; close checkpoints too.
    raw.exec('PRAGMA wal_autocheckpoint = 0');
    raw.exec('PRAGMA foreign_keys = ON');
    raw.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return raw;
  } catch (error) {
    raw.close();
    throw isBusy(error) ? inUse(file, error) : unreadable(file, error);
  }
}

function inUse(file: string, error: unknown): StoreError {
  return new StoreError(
    file,
    'in-use',
    `The store ${file} is in use by another program (another copy of this app, or its serve ` +
      'mode?). Close that one, or give this one another data folder.',
    { cause: error },
  );
}

function unreadable(file: string, error: unknown): StoreError {
  const reason = error instanceof Error ? error.message : String(error);
  return new StoreError(
    file,
    'unreadable',
    `The store ${file} cannot be opened (${reason}). Check the folder's permissions and free ` +
      'space; if the file is damaged, move it aside and start again: the sites refill it.',
    { cause: error },
  );
}

/** Migrations this file has applied that this app does not know: written by a newer version. */
function unknownMigrations(
  raw: DatabaseSync,
  known: Readonly<Record<string, Migration>>,
): string[] {
  const table = raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(MIGRATION_TABLE);
  if (table === undefined) return [];
  const rows = raw.prepare(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`).all();
  return rows.map((row) => String(row.name)).filter((name) => !Object.hasOwn(known, name));
}

/**
 * Opens (creating it if needed) the SQLite store at `file` and brings its schema up to date.
 * Refuses, with a StoreError naming the file, a file that is not a readable database, that
 * another connection or process holds, or whose schema is newer than this app; failed
 * migrations are rolled back whole (Kysely's own bookkeeping tables may remain).
 */
export async function openStore(
  file: string,
  // Tests give their own (a failing one, say); the app always runs MIGRATIONS.
  migrations: Readonly<Record<string, Migration>> = MIGRATIONS,
): Promise<Store> {
  const raw = open(file);
  try {
    refuseNewer(file, raw, migrations);
  } catch (error) {
    raw.close();
    throw error;
  }
  const db = new Kysely<StoreSchema>({ dialect: new NodeSqliteDialect(raw) });
  try {
    const applied = await migrate(file, raw, db, migrations);
    return { file, db, raw, migrations: applied, close: () => db.destroy() };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** Throws when the file has applied migrations this app does not know (a newer app wrote it). */
function refuseNewer(
  file: string,
  raw: DatabaseSync,
  migrations: Readonly<Record<string, Migration>>,
): void {
  let unknown: string[];
  try {
    // A damaged database whose header still reads may fail only here.
    unknown = unknownMigrations(raw, migrations);
  } catch (error) {
    throw unreadable(file, error);
  }
  if (unknown.length > 0) {
    throw new StoreError(
      file,
      'newer',
      `The store ${file} was written by a newer version of this app (schema ${unknown.join(', ')}). ` +
        'Update the app, or point it at another data folder.',
    );
  }
}

/** Runs the pending migrations in one transaction; the names applied to the file, oldest first. */
async function migrate(
  file: string,
  raw: DatabaseSync,
  db: Kysely<StoreSchema>,
  migrations: Readonly<Record<string, Migration>>,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...migrations }) },
    migrationTableName: MIGRATION_TABLE,
  });
  // Foreign keys off while migrating: inside a transaction the pragma cannot change, and a
  // migration that rebuilds a table (SQLite's create, copy, drop, rename) would otherwise
  // cascade-delete its children. Checked once all have run (docs/storage.md, migrations).
  raw.exec('PRAGMA foreign_keys = OFF');
  const { error, results } = await migrator.migrateToLatest();
  raw.exec('PRAGMA foreign_keys = ON');
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new StoreError(
      file,
      'migration',
      `The store ${file} could not be brought up to date${failed === undefined ? '' : ` (migration ${failed})`}: ${reason}. ` +
        'No migration was applied; move the file aside to start fresh, the sites refill it.',
      { cause: error },
    );
  }
  // Only after migrations ran: the check reads every row of every table with a foreign key
  // (2.7 s of a cold start on a store of 1,000,000 alert events, bench:store).
  const ran = (results ?? []).length > 0;
  const broken = ran ? raw.prepare('PRAGMA foreign_key_check').all() : [];
  if (broken.length > 0) {
    throw new StoreError(
      file,
      'migration',
      `The store ${file} was brought up to date but ${broken.length} rows now refer to rows ` +
        `that do not exist (first in table ${String(broken[0]?.table)}). Move the file aside ` +
        'to start fresh: the sites refill it.',
    );
  }
  try {
    return (await migrator.getMigrations())
      .filter((migration) => migration.executedAt !== undefined)
      .map((migration) => migration.name);
  } catch (failure) {
    throw unreadable(file, failure);
  }
}
