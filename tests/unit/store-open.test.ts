import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/hub/store/migrations/index.js';
import { openStore, StoreError, type Store } from '../../electron/hub/store/open-store.js';

let dir = '';
let file = '';
const open: Store[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'noc-store-'));
  file = join(dir, 'data', 'noc.sqlite');
});

afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function opened(migrations?: Readonly<Record<string, Migration>>): Promise<Store> {
  const store = await openStore(file, migrations);
  open.push(store);
  return store;
}

/** Site "a", the parent every stream row needs. */
async function addSite(store: Store): Promise<void> {
  await store.db
    .insertInto('sites')
    .values({ id: 'a', name: 'A', customer: 'C', time_zone: 'UTC', updated_at: 1 })
    .execute();
}

function tables(store: Store): string[] {
  return store.raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => String(row.name));
}

describe('opening the store', () => {
  it('creates the file and its folder, in WAL mode with foreign keys, at the latest schema', async () => {
    const store = await opened();
    expect(store.migrations).toEqual(Object.keys(MIGRATIONS));
    expect(tables(store)).toEqual(expect.arrayContaining(['sites', 'site_streams']));
    // What the file runs with (foreign keys and FULL are also node:sqlite's defaults in WAL).
    expect(store.raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(store.raw.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
    expect(store.raw.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
  });

  it('keeps what was written, and applies no migration twice, when opened again', async () => {
    const first = await opened();
    await addSite(first);
    await first.db
      .insertInto('site_streams')
      .values({ site_id: 'a', stream: 's1', last_seq: 42, updated_at: 1 })
      .execute();
    await first.close();
    open.splice(0);

    const again = await opened();
    expect(again.migrations).toEqual(Object.keys(MIGRATIONS));
    const stream = await again.db.selectFrom('site_streams').selectAll().executeTakeFirst();
    expect(stream).toEqual({
      site_id: 'a',
      stream: 's1',
      last_seq: 42,
      updated_at: 1,
      data_at: null,
    });
  });

  it('refuses rows the schema forbids: an unknown site, a negative seq, a wrong type', async () => {
    const store = await opened();
    const stream = (values: { site_id: string; last_seq: number }) =>
      store.db
        .insertInto('site_streams')
        .values({ stream: 's', updated_at: 1, ...values })
        .execute();
    await expect(stream({ site_id: 'nowhere', last_seq: 1 })).rejects.toThrow(/FOREIGN KEY/);
    await addSite(store);
    await expect(stream({ site_id: 'a', last_seq: -1 })).rejects.toThrow(/CHECK/);
    // STRICT tables: a text where an integer belongs is an error, not silently kept.
    await expect(
      sql`insert into sites (id, name, customer, time_zone, updated_at) values ('b', 'B', 'C', 'UTC', 'soon')`.execute(
        store.db,
      ),
    ).rejects.toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('says which file is not a database and what to do, instead of crashing', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(
      file,
      'this is not a database, just some text that happens to be here\n'.repeat(100),
    );
    const failure = await openStore(file).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).kind).toBe('unreadable');
    expect((failure as StoreError).message).toContain(file);
    expect((failure as StoreError).message).toMatch(/move it aside/);
  });

  it('refuses a second opener of the same file while the first has it, naming the file', async () => {
    const first = await opened();
    const failure = await openStore(file).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).kind).toBe('in-use');
    expect((failure as StoreError).message).toContain(file);
    expect((failure as StoreError).message).toMatch(/another copy/);
    // The first keeps working; once it closes, the file opens again.
    await addSite(first);
    await first.close();
    open.splice(0);
    const again = await opened();
    expect(await again.db.selectFrom('sites').select('id').execute()).toEqual([{ id: 'a' }]);
  });

  it('refuses the file while another process has it open as a store (a second app on the folder)', async () => {
    await (await opened()).close();
    open.splice(0);
    // Another process opening the file the way openStore does, holding it until told to stop.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { DatabaseSync } from 'node:sqlite';
         const db = new DatabaseSync(process.argv[1]);
         db.exec('PRAGMA locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE'); db.exec('COMMIT');
         console.log('holding');
         process.stdin.on('data', () => { db.close(); process.exit(0); });`,
        file,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('holding')) resolve();
        });
        holder.once('exit', (code) => {
          reject(new Error(`holder exited early (${String(code)})`));
        });
      });
      const failure = await openStore(file).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreError);
      expect((failure as StoreError).kind).toBe('in-use');
    } finally {
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      holder.stdin.write('stop\n');
      await exited;
    }
    // Once it lets go, the file opens.
    expect((await opened()).migrations).toEqual(Object.keys(MIGRATIONS));
  });

  it('keeps other connections out while it is open, readers included', async () => {
    await opened();
    const outside = new DatabaseSync(file, { timeout: 100 });
    try {
      expect(() => outside.prepare('SELECT count(*) FROM sites').get()).toThrow(/locked/);
    } finally {
      outside.close();
    }
  });

  it('migrates with foreign keys off, so rebuilding a parent table keeps its children', async () => {
    const first = await opened();
    await addSite(first);
    await first.db
      .insertInto('site_streams')
      .values({ site_id: 'a', stream: 's', last_seq: 7, updated_at: 1 })
      .execute();
    await first.close();
    open.splice(0);
    // SQLite's way to change a table: create the new one, copy, drop the old, rename.
    const rebuild: Migration = {
      async up(db: Kysely<unknown>) {
        await sql`create table sites_new (id text primary key, name text not null, customer text not null, time_zone text not null, updated_at integer not null, hello text, note text) strict`.execute(
          db,
        );
        await sql`insert into sites_new (id, name, customer, time_zone, updated_at) select id, name, customer, time_zone, updated_at from sites`.execute(
          db,
        );
        await sql`drop table sites`.execute(db);
        await sql`alter table sites_new rename to sites`.execute(db);
      },
    };
    const store = await opened({ ...MIGRATIONS, '9999-rebuild-sites': rebuild });
    expect(await store.db.selectFrom('site_streams').selectAll().execute()).toEqual([
      { site_id: 'a', stream: 's', last_seq: 7, updated_at: 1, data_at: null },
    ]);
    expect(store.raw.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
  });

  it('refuses a file written by a newer version of the app, naming it and the schema', async () => {
    await (await opened()).close();
    open.splice(0);
    const raw = new DatabaseSync(file);
    raw
      .prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)')
      .run('9999-from-the-future', new Date().toISOString());
    raw.close();
    const failure = await openStore(file).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).kind).toBe('newer');
    expect((failure as StoreError).message).toContain(file);
    expect((failure as StoreError).message).toContain('9999-from-the-future');
  });

  it('rolls a failed migration back whole, reports it, and opens again once it is fixed', async () => {
    await (await opened()).close();
    open.splice(0);
    const halfway: Migration = {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('half').addColumn('id', 'text').execute();
        await sql`this is not sql`.execute(db);
      },
    };
    const failure = await openStore(file, { ...MIGRATIONS, '0002-halfway': halfway }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).kind).toBe('migration');
    expect((failure as StoreError).message).toContain('0002-halfway');
    // Nothing of it stayed: no table, not recorded as applied; the known schema opens as before.
    const store = await opened();
    expect(tables(store)).not.toContain('half');
    expect(store.migrations).toEqual(Object.keys(MIGRATIONS));
  });
});
