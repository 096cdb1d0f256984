// bench:store, part 2: cold start to the first painted board from the filled store: the hub
// runtime opened on it (migrations checked, every site's last state read), `serve` listening,
// and Chromium painting the wall with all 50 sites; every site unreachable (a closed port), so
// what is shown comes from the store alone. Baseline in the same run: the same start with no
// store (memory only: every site "connecting", nothing to show).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startHubRuntime } from '../electron/hub/runtime.js';
import { startServeHost } from '../electron/serve/serve-host.js';
import { FILL_SITES, siteIdOf } from './store-fill.js';
import { percentile } from './stats.js';

/** Notes when the wall has every site's tile and a frame has been painted after it. */
const BOARD_PROBE = `
  new MutationObserver((_, observer) => {
    if (document.querySelectorAll('[data-testid="site-tile"]').length < ${FILL_SITES}) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => {
      window.__boardPaintedAt = performance.timeOrigin + performance.now();
    }));
  }).observe(document, { childList: true, subtree: true });
`;

export interface ColdStart {
  /** From startHubRuntime() to the first painted board, ms: medians of the rounds. */
  readonly withStore: number;
  readonly baseline: number;
  /** Of which the runtime's start (open the store, read the cache, start the hub), ms. */
  readonly runtimeWithStore: number;
  readonly runtimeBaseline: number;
  readonly rounds: readonly { store: number; baseline: number }[];
  /** Tiles showing devices from the store on the last stored start (all 50 expected). */
  readonly tilesWithDevices: number;
}

export async function measureColdStart(
  browser: Browser,
  storeFile: string,
  rendererDir: string,
  rounds: number,
): Promise<ColdStart> {
  const dir = mkdtempSync(join(tmpdir(), 'noc-bench-cold-'));
  try {
    const config = join(dir, 'hub.json');
    const sites = Array.from({ length: FILL_SITES }, (_, i) => ({
      id: siteIdOf(i),
      customer: `Customer ${(i % 20) + 1}`,
      url: 'http://127.0.0.1:9', // discard: nothing listens, every site unreachable
      token: 'bench',
    }));
    writeFileSync(config, JSON.stringify({ staleAfterSeconds: 15, downAfterSeconds: 60, sites }));
    const results: { store: number; baseline: number }[] = [];
    const runtimes = { store: [] as number[], baseline: [] as number[] };
    let tilesWithDevices = 0;
    for (let round = 0; round <= rounds; round++) {
      const stored = await once(browser, config, dirname(storeFile), rendererDir);
      const plain = await once(browser, config, null, rendererDir);
      tilesWithDevices = stored.tilesWithDevices;
      // Round 0 warms the browser and the module cache; not counted.
      if (round === 0) continue;
      results.push({ store: stored.total, baseline: plain.total });
      runtimes.store.push(stored.runtime);
      runtimes.baseline.push(plain.runtime);
      console.log(
        `cold start ${round}/${rounds}: from the store ${Math.round(stored.total)} ms, ` +
          `without ${Math.round(plain.total)} ms`,
      );
    }
    return {
      withStore: percentile(
        results.map((r) => r.store),
        50,
      ),
      baseline: percentile(
        results.map((r) => r.baseline),
        50,
      ),
      runtimeWithStore: percentile(runtimes.store, 50),
      runtimeBaseline: percentile(runtimes.baseline, 50),
      rounds: results,
      tilesWithDevices,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function once(
  browser: Browser,
  config: string,
  dataDir: string | null,
  rendererDir: string,
): Promise<{ total: number; runtime: number; tilesWithDevices: number }> {
  const started = Date.now();
  const runtime = await startHubRuntime({ config: { file: config, explicit: true }, dataDir });
  const runtimeMs = Date.now() - started;
  const host = await startServeHost({
    runtime,
    host: '127.0.0.1',
    port: 0,
    viewerToken: null,
    rendererDir,
  });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(BOARD_PROBE);
    await page.goto(host.url);
    await page.waitForFunction(
      () => (globalThis as { __boardPaintedAt?: number }).__boardPaintedAt !== undefined,
      null,
      { timeout: 60_000 },
    );
    const paintedAt = await page.evaluate<number>('window.__boardPaintedAt');
    const tilesWithDevices = await page.evaluate<number>(
      `[...document.querySelectorAll('[data-testid="site-tile"]')].filter((tile) => /\\b[1-9]\\d* devices/.test(tile.textContent ?? '') || tile.querySelector('canvas, [data-testid="device-cell"]')).length`,
    );
    return { total: paintedAt - started, runtime: runtimeMs, tilesWithDevices };
  } finally {
    await context.close();
    await host.close();
    await runtime.dispose();
  }
}
