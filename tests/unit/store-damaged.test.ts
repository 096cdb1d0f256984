import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHubStore } from '../../electron/hub/store/hub-store.js';
import { StoreWriter } from '../../electron/hub/store/store-writer.js';
import type { WriteStatements } from '../../electron/hub/store/write-statements.js';
import { FakeClock } from '../support/fake-clock.js';
import { sample } from '../support/fleet-fixtures.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'noc-damaged-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Statements whose every transaction fails as SQLite does on a damaged file. */
const damagedStatements = {
  transaction: () => {
    throw Object.assign(new Error('database disk image is malformed'), { errcode: 11 });
  },
} as unknown as WriteStatements;

describe('a store found damaged while the hub runs', () => {
  it('stops writing, says what to do, keeps memory bounded and asks for a check at the next start', async () => {
    const clock = new FakeClock();
    const reasons: string[] = [];
    const writer = new StoreWriter(damagedStatements, () => undefined, {
      clock,
      tickMs: 200,
      onDamaged: (error) => reasons.push(error.message),
    });
    writer.events('a', 's', [sample('d', 1), sample('d', 2)], clock.now());
    clock.advance(200);
    await writer.idle();
    expect(reasons).toEqual(['database disk image is malformed']);
    expect(writer.statistics.lastError).toBe(
      'the store file is damaged (database disk image is malformed); restart to move it aside and start a new one',
    );
    // Nothing more is queued: what arrives is counted, not held.
    writer.events('a', 's', [sample('d', 3)], clock.now());
    expect(writer.statistics).toMatchObject({ backlog: 0, eventsDropped: 3 });
    expect(writer.openResources).toBe(0);
    writer.dispose();
  });

  it('checks a marked file at the next start: a sound one is kept and the mark removed', async () => {
    const file = join(dir, 'noc.sqlite');
    const first = await openHubStore(file, []);
    first.markDamaged('database disk image is malformed');
    await first.store.close();
    expect(existsSync(`${file}.check`)).toBe(true);
    const second = await openHubStore(file, []);
    expect(second.recovered).toBeNull();
    expect(existsSync(`${file}.check`)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('damaged'))).toEqual([]);
    await second.store.close();
  });
});
