import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { SITE_UNREACHABLE_ID } from '../../shared/alerts/hub-alerts.js';
import { startHubRuntime, type HubRuntime } from '../../electron/hub/runtime.js';
import { RESTART_NOTE } from '../../electron/hub/store/hub-alert-history.js';
import { SimSite } from '../../simulator/site-server.js';
import { waitFor } from '../support/wait.js';

/**
 * Issue 10, "a timeline entry (in the store) for every change", for the hub's own alerts: a
 * site that goes silent gets the hub's "unreachable" alert, and the store's alert history has
 * it raised and, when the site is back, cleared, from the hub; a hub stopped meanwhile closes it
 * at its next start, saying why (real sockets, a real file).
 */

const TOKEN = 'hub-alert-history-token';
let dir = '';
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  rmSync(dir, { recursive: true, force: true });
});

function simSite(port = 0): SimSite {
  const site = new SimSite({
    siteId: 'north',
    name: 'Office north',
    customer: 'Acme',
    timeZone: 'Europe/Berlin',
    token: TOKEN,
    port,
    devices: 10,
    scenario: 'calm',
    seed: 'hub-alert-history',
    tickMs: 3_600_000,
    heartbeatMs: 200,
  });
  cleanup.push(() => site.stop());
  return site;
}

async function hubOn(url: string): Promise<HubRuntime> {
  const file = join(dir, 'hub.json');
  const config = {
    staleAfterSeconds: 1,
    downAfterSeconds: 2,
    sites: [{ id: 'north', customer: 'Acme', url, token: TOKEN }],
  };
  writeFileSync(file, JSON.stringify(config));
  const runtime = await startHubRuntime({
    config: { file, explicit: true },
    dataDir: join(dir, 'data'),
  });
  cleanup.push(() => runtime.dispose());
  return runtime;
}

/**
 * The unreachable alert's timeline as the closed store holds it, raises and clears: its updates
 * (the reason in its detail changing as the hub retries) are checked to be the hub's and left out.
 */
function stored(): { type: string; source: string; note: string | null }[] {
  const all = storedAll();
  expect(all.filter((e) => e.type === 'alert.update').every((e) => e.source === 'hub')).toBe(true);
  return all.filter((e) => e.type !== 'alert.update');
}

function storedAll(): { type: string; source: string; note: string | null }[] {
  const db = new DatabaseSync(join(dir, 'data', 'noc.sqlite'), { readOnly: true });
  try {
    return db
      .prepare(
        `SELECT type, source, json_extract(doc, '$.note') AS note FROM alert_events
         WHERE site_id = 'north' AND alert_id = ? ORDER BY row_id`,
      )
      .all(SITE_UNREACHABLE_ID)
      .map((row) => ({
        type: String(row.type),
        source: String(row.source),
        note: row.note === null ? null : String(row.note),
      }));
  } finally {
    db.close();
  }
}

const unreachable = (runtime: HubRuntime) =>
  runtime.hub.fleet.site('north')?.model.alerts.get(SITE_UNREACHABLE_ID);

describe("the hub's own alerts in the store's history (real sockets, a real file)", () => {
  it('stores the unreachable alert raised, cleared when the site is back, and closed by a restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'noc-hub-alert-history-'));
    const site = simSite();
    await site.start();
    const port = site.port ?? 0;
    const hub = await hubOn(site.url);
    await waitFor('live', () => hub.hub.health()[0]?.state === 'live');
    await site.stop();
    await waitFor('unreachable raised', () => unreachable(hub) !== undefined, 20_000);
    // Back on its address: the alert clears.
    const back = simSite(port);
    await back.start();
    await waitFor('cleared', () => unreachable(hub) === undefined, 20_000);
    // Silent again, and the hub stops while the alert is open.
    await back.stop();
    await waitFor('raised again', () => unreachable(hub) !== undefined, 20_000);
    await hub.dispose();
    expect(stored()).toEqual([
      { type: 'alert.raise', source: 'hub', note: null },
      { type: 'alert.clear', source: 'hub', note: null },
      { type: 'alert.raise', source: 'hub', note: null },
    ]);

    // The next start closes it, saying why; the site still silent, the watcher raises it again.
    const again = await hubOn(`http://127.0.0.1:${port}`);
    await waitFor('raised after the restart', () => unreachable(again) !== undefined, 20_000);
    await again.dispose();
    expect(stored().slice(3)).toEqual([
      { type: 'alert.clear', source: 'hub', note: RESTART_NOTE },
      { type: 'alert.raise', source: 'hub', note: null },
    ]);
  }, 90_000);
});
