import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appInfo, startHubRuntime, type HubRuntime } from '../../electron/hub/runtime.js';
import { StoreError } from '../../electron/hub/store/open-store.js';
import { SimSite } from '../../simulator/site-server.js';
import { waitFor } from '../support/wait.js';

const TOKEN = 'store-recovery-token';
let dir = '';
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  rmSync(dir, { recursive: true, force: true });
});

async function siteAndConfig(): Promise<string> {
  const site = new SimSite({
    siteId: 'solo',
    name: 'Solo office',
    customer: 'Acme',
    timeZone: 'UTC',
    token: TOKEN,
    devices: 10,
    scenario: 'calm',
    seed: 'recovery',
    tickMs: 50,
  });
  cleanup.push(() => site.stop());
  await site.start();
  const config = join(dir, 'hub.json');
  const sites = [{ id: 'solo', customer: 'Acme', url: site.url, token: TOKEN }];
  writeFileSync(config, JSON.stringify({ sites }));
  return config;
}

async function runtimeOn(config: string): Promise<HubRuntime> {
  const runtime = await startHubRuntime({
    config: { file: config, explicit: true },
    dataDir: join(dir, 'data'),
  });
  cleanup.push(() => runtime.dispose());
  return runtime;
}

describe('a store file that cannot be used', () => {
  it('moves a damaged file aside with a timestamp, says where, and starts a working store', async () => {
    dir = mkdtempSync(join(tmpdir(), 'noc-store-recovery-'));
    mkdirSync(join(dir, 'data'));
    const file = join(dir, 'data', 'noc.sqlite');
    const garbage = 'this was a database once\n'.repeat(400);
    writeFileSync(file, garbage);
    const runtime = await runtimeOn(await siteAndConfig());
    const aside = readdirSync(join(dir, 'data')).find((name) =>
      name.startsWith('noc.sqlite.damaged-'),
    );
    expect(aside).toMatch(/^noc\.sqlite\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    // Nothing lost: the old bytes are kept as they were, for whoever wants to look at them.
    expect(readFileSync(join(dir, 'data', aside ?? ''), 'utf8')).toBe(garbage);
    expect(runtime.storeRecovered).toBe(
      `The store ${file} was damaged (file is not a database) and was moved to ` +
        `${join(dir, 'data', aside ?? '')}; a new one was started and the sites refill it.`,
    );
    expect(runtime.storeHealth()?.recovered).toBe(runtime.storeRecovered);
    // The board says it too (app.info carries it to the banner).
    expect(appInfo(runtime, 'browser', null).storeNotice).toBe(runtime.storeRecovered);
    // A working hub on a new store.
    await waitFor('live', () => runtime.hub.health()[0]?.state === 'live');
    await waitFor('stored', () => (runtime.hub.storeStats?.eventsWritten ?? 0) > 0);
  });

  it('moves aside a database whose pages are damaged, found when it is opened', async () => {
    dir = mkdtempSync(join(tmpdir(), 'noc-store-corrupt-'));
    const config = await siteAndConfig();
    const first = await runtimeOn(config);
    await waitFor('stored', () => (first.hub.storeStats?.eventsWritten ?? 0) > 0);
    await first.dispose();
    // Every page after the first (the header and schema) overwritten: a disk gone bad.
    const file = join(dir, 'data', 'noc.sqlite');
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(8192);
    bytes.fill(0xa5, 4096);
    writeFileSync(file, bytes);
    const second = await runtimeOn(config);
    expect(second.storeRecovered).toMatch(
      /^The store .*noc\.sqlite was damaged \(database disk image is malformed\) and was moved to .*noc\.sqlite\.damaged-/,
    );
    await waitFor('live', () => second.hub.health()[0]?.state === 'live');
    await waitFor('stored again', () => (second.hub.storeStats?.eventsWritten ?? 0) > 0);
  });

  it('refuses a second hub on the same data folder, naming the file, while the first runs on', async () => {
    dir = mkdtempSync(join(tmpdir(), 'noc-store-second-'));
    const config = await siteAndConfig();
    const first = await runtimeOn(config);
    await waitFor('live', () => first.hub.health()[0]?.state === 'live');
    const second = runtimeOn(config);
    await expect(second).rejects.toThrow(StoreError);
    await expect(second).rejects.toThrow(
      `The store ${join(dir, 'data', 'noc.sqlite')} is in use by another program`,
    );
    // The first is untouched: still live, still storing, nothing moved aside.
    const written = first.hub.storeStats?.eventsWritten ?? 0;
    await waitFor('still storing', () => (first.hub.storeStats?.eventsWritten ?? 0) > written);
    expect(first.hub.health()[0]?.state).toBe('live');
    expect(existsSync(join(dir, 'data', 'noc.sqlite'))).toBe(true);
    expect(readdirSync(join(dir, 'data')).filter((n) => n.includes('damaged'))).toEqual([]);
  });
});
