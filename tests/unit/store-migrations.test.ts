import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/hub/store/migrations/index.js';
import { openStore } from '../../electron/hub/store/open-store.js';

let dir = '';
let file = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'noc-migrate-'));
  file = join(dir, 'noc.sqlite');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const NAMES = Object.keys(MIGRATIONS);

/** The first `count` migrations, as an app of that version had them. */
const upTo = (count: number) => Object.fromEntries(Object.entries(MIGRATIONS).slice(0, count));

function schemaOf(raw: { prepare(sql: string): { all(): Record<string, unknown>[] } }): string[] {
  return raw
    .prepare(
      "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all()
    .map((row) => `${String(row.type)} ${String(row.name)}`);
}

describe('store migrations', () => {
  it('brings an empty file to the latest schema', async () => {
    const store = await openStore(file);
    expect(store.migrations).toEqual(NAMES);
    expect(schemaOf(store.raw)).toEqual(
      expect.arrayContaining([
        'table alert_events',
        'table alerts',
        'table alerts_fts',
        'table device_events',
        'table devices',
        'table metric_hours',
        'table metric_minutes',
        'table site_streams',
        'table sites',
        'index alerts_open',
        'index alerts_open_raised',
        'index alerts_site_raised',
      ]),
    );
    await store.close();
  });

  // From each earlier version: a file written by an app that knew only the first k migrations.
  for (let known = 1; known < NAMES.length; known++) {
    it(`brings a file from version ${NAMES[known - 1]} to the latest, keeping its rows`, async () => {
      const old = await openStore(file, upTo(known));
      expect(old.migrations).toEqual(NAMES.slice(0, known));
      old.raw
        .prepare(
          'INSERT INTO sites (id, name, customer, time_zone, updated_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run('hq', 'Head office', 'Acme', 'Europe/Berlin', 1);
      old.raw
        .prepare(
          'INSERT INTO site_streams (site_id, stream, last_seq, updated_at) VALUES (?, ?, ?, ?)',
        )
        .run('hq', 's1', 42, 1);
      await old.close();

      const fresh = await openStore(join(dir, 'fresh.sqlite'));
      const latest = await openStore(file);
      expect(latest.migrations).toEqual(NAMES);
      // The same schema as a file made new at the latest version.
      expect(schemaOf(latest.raw)).toEqual(schemaOf(fresh.raw));
      expect(latest.raw.prepare('SELECT id, name FROM sites').all()).toEqual([
        { id: 'hq', name: 'Head office' },
      ]);
      expect(latest.raw.prepare('SELECT stream, last_seq FROM site_streams').get()).toEqual({
        stream: 's1',
        last_seq: 42,
      });
      await latest.close();
      await fresh.close();
    });
  }
});
