import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeFixture, type ServeFixture } from '../integration/serve-fixture.js';
import { chromiumAvailable, launchChromium, rendererBuild, ROOT } from './browser-setup.js';
import { look, unidentified, type PageWindow } from './wall-probe.js';

/**
 * The wall fitted to real screen sizes (issue 8, "Fit-to-screen wall"), in Chromium against
 * `serve` with simulated sites: 6 sites × 80 devices and 50 × 200, at 1280×720, 1920×1080,
 * 3840×2160 and a portrait 1080×1920. On each: no scrollbar, every site's tile inside the
 * viewport, the one device taken down on each site identifiable (its cell, or its name in the
 * tile's problem list), and the type at 4K at least as large, as a share of the screen, as at
 * 1080p. Screenshots go to test-results/ (kept as CI artifacts).
 */

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
  { width: 1080, height: 1920 },
] as const;
const FLEETS = [
  { sites: 6, devices: 80 },
  { sites: 50, devices: 200 },
] as const;
/** The device each site has down; the simulator's topology always has it. */
const DOWN = 'ws-001';

describe.skipIf(!chromiumAvailable('wall fit e2e'))('the wall fitted to the screen', () => {
  let browser: Browser | null = null;
  let rendererDir = '';
  const shotDir = join(ROOT, 'test-results');

  beforeAll(async () => {
    rendererDir = rendererBuild();
    mkdirSync(shotDir, { recursive: true });
    browser = await launchChromium();
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
  });

  describe.each(FLEETS)('$sites sites × $devices devices', ({ sites, devices }) => {
    let fx: ServeFixture | null = null;
    let page: Page;
    const nameShare = new Map<string, number>();

    beforeAll(async () => {
      fx = await startServeFixture({
        sites,
        devices,
        tickMs: 1000,
        heartbeatMs: 1000,
        // Not the fixture's 1 s: on a loaded 2-core machine 50 sites heard from once a second
        // flipped stale and unreachable mid-test (6 tiles once), which is not what this measures.
        // Stale after 5 s still lets the silent-site test below see a site go stale.
        staleAfterSeconds: 5,
        downAfterSeconds: 60,
        scenario: 'calm',
        rendererDir,
      });
      for (const site of fx.sites) site.setDeviceDown(DOWN, true);
      if (!browser) throw new Error('no browser');
      page = await browser.newPage({ viewport: VIEWPORTS[1] });
      await page.goto(fx.host.url);
      await page.waitForFunction(
        (n) =>
          (globalThis as unknown as PageWindow).document.querySelectorAll(
            '[data-testid="site-tile"]',
          ).length === n,
        sites,
        { timeout: 60_000 },
      );
    }, 120_000);

    afterAll(async () => {
      await page.close();
      await fx?.close();
    });

    it.each(VIEWPORTS)(
      'fills $width×$height without a scrollbar, every site and its problem shown',
      async (viewport) => {
        const ids = (fx?.sites ?? []).map((site) => site.siteId);
        await page.setViewportSize(viewport);
        // The layout follows the resize; wait until the plan is made for the wall's new size and
        // every tile sits inside the new viewport.
        await page.waitForFunction(
          ({ width, height, n }) => {
            const g = globalThis as unknown as PageWindow;
            const wall = g.document.querySelector('[data-testid="wall-view"]');
            if (wall?.dataset.area !== `${wall?.clientWidth}x${wall?.clientHeight}`) return false;
            const tiles = [...g.document.querySelectorAll('[data-testid="site-tile"]')];
            return (
              tiles.length === n &&
              tiles.every((tile) => {
                const box = tile.getBoundingClientRect();
                return box.right <= width + 0.5 && box.bottom <= height + 0.5;
              })
            );
          },
          { ...viewport, n: sites },
          { timeout: 20_000 },
        );
        // The down device of every site, on its cell or by name (the simulator needs a tick).
        await page.waitForFunction(
          ({ list, device }) =>
            list.every((id) =>
              (globalThis as unknown as PageWindow).document.querySelector(
                `[data-testid="site-tile"][data-site-id="${id}"] :is([data-testid="device"], [data-testid="problem-device"])[data-device-id="${device}"][data-status="down"]`,
              ),
            ),
          { list: ids, device: DOWN },
          // Generous: on a loaded 2-core machine 50 simulated sites take a while to all tick.
          { timeout: 60_000 },
        );
        const seen = await look(page);
        await page.screenshot({
          path: join(
            shotDir,
            `wall-fit-${sites}x${devices}-${viewport.width}x${viewport.height}.png`,
          ),
        });

        expect(seen.scrollWidth).toBeLessThanOrEqual(viewport.width);
        expect(seen.scrollHeight).toBeLessThanOrEqual(viewport.height);
        expect(seen.tiles.map((tile) => tile.id).sort()).toEqual([...ids].sort());
        for (const tile of seen.tiles) {
          expect(tile.left, tile.id).toBeGreaterThanOrEqual(0);
          expect(tile.top, tile.id).toBeGreaterThanOrEqual(0);
          expect(tile.right, tile.id).toBeLessThanOrEqual(viewport.width + 0.5);
          expect(tile.bottom, tile.id).toBeLessThanOrEqual(viewport.height + 0.5);
          // Nothing drawn past the tile's edge (it would be clipped without a word).
          expect(tile.contentBottom, tile.id).toBeLessThanOrEqual(tile.bottom + 0.5);
          if (tile.canvas) expect(tile.canvas.drawn, tile.id).toBe(tile.canvas.devices);
        }
        expect(seen.overflowText).toBeNull();
        expect(await unidentified(page, ids, DOWN)).toEqual([]);
        // Ten thousand devices are drawn on canvases; a small wall keeps a DOM cell each.
        expect(seen.cells).toBe(sites * devices > 1500 ? 'canvas' : 'dom');
        nameShare.set(`${viewport.width}x${viewport.height}`, seen.nameFontPx / viewport.height);
      },
      120_000,
    );

    it('keeps a site that goes silent, not live, whole inside its tile (its cells, counts and state)', async () => {
      const silent = fx?.sites[0];
      if (!silent) throw new Error('no site');
      silent.goSilent();
      try {
        for (const viewport of [VIEWPORTS[1], VIEWPORTS[0]]) {
          await page.setViewportSize(viewport);
          await page.waitForFunction(
            (id) => {
              const g = globalThis as unknown as PageWindow;
              const wall = g.document.querySelector('[data-testid="wall-view"]');
              const settled = wall?.dataset.area === `${wall?.clientWidth}x${wall?.clientHeight}`;
              const stale = g.document.querySelector(
                `[data-testid="site-tile"][data-site-id="${id}"][data-stale="true"]`,
              );
              return settled && stale !== null;
            },
            silent.siteId,
            { timeout: 20_000 },
          );
          const seen = await look(page);
          await page.screenshot({
            path: join(
              shotDir,
              `wall-fit-${sites}x${devices}-silent-${viewport.width}x${viewport.height}.png`,
            ),
          });
          expect(seen.scrollHeight).toBeLessThanOrEqual(viewport.height);
          for (const tile of seen.tiles) {
            expect(tile.bottom, tile.id).toBeLessThanOrEqual(viewport.height + 0.5);
            expect(tile.contentBottom, tile.id).toBeLessThanOrEqual(tile.bottom + 0.5);
            if (tile.canvas) expect(tile.canvas.drawn, tile.id).toBe(tile.canvas.devices);
          }
        }
      } finally {
        silent.wakeUp();
      }
    }, 60_000);

    it('draws the type at 4K at least as large, as a share of the screen, as at 1080p', () => {
      const hd = nameShare.get('1920x1080');
      const uhd = nameShare.get('3840x2160');
      expect(hd).toBeGreaterThan(0);
      expect(uhd).toBeGreaterThanOrEqual((hd ?? Infinity) * 0.99);
    });
  });

  describe('a canvas wall of many small sites, all gone silent (the hub lost them)', () => {
    const SMALL_SITES = 120;
    const SMALL_DEVICES = 13; // 1,560 devices: over the DOM-cell limit, so canvases
    let fx: ServeFixture | null = null;
    let page: Page;

    beforeAll(async () => {
      fx = await startServeFixture({
        sites: SMALL_SITES,
        devices: SMALL_DEVICES,
        tickMs: 2000,
        heartbeatMs: 1000,
        scenario: 'calm',
        rendererDir,
      });
      if (!browser) throw new Error('no browser');
      page = await browser.newPage({ viewport: VIEWPORTS[0] });
      await page.goto(fx.host.url);
      await page.waitForFunction(
        (n) =>
          (globalThis as unknown as PageWindow).document.querySelectorAll(
            '[data-testid="site-tile"]',
          ).length +
            Number(
              (globalThis as unknown as PageWindow).document.querySelector(
                '[data-testid="overflow-tile"]',
              )?.dataset.hiddenSites ?? 0,
            ) ===
          n,
        SMALL_SITES,
        { timeout: 60_000 },
      );
    }, 180_000);

    afterAll(async () => {
      await page.close();
      await fx?.close();
    });

    it('keeps every tile whole at 1280×720: its text, and a cell for each device or a summary', async () => {
      for (const site of fx?.sites ?? []) site.goSilent();
      // Every tile shown not live, and the plan made for them.
      await page.waitForFunction(
        () => {
          const g = globalThis as unknown as PageWindow;
          const tiles = [...g.document.querySelectorAll('[data-testid="site-tile"]')];
          const wall = g.document.querySelector('[data-testid="wall-view"]');
          const settled = wall?.dataset.area === `${wall?.clientWidth}x${wall?.clientHeight}`;
          return settled && tiles.length > 0 && tiles.every((t) => t.dataset.stale === 'true');
        },
        undefined,
        { timeout: 30_000 },
      );
      const seen = await look(page);
      await page.screenshot({ path: join(shotDir, 'wall-fit-120x13-silent-1280x720.png') });
      expect(seen.cells).toBe('canvas');
      expect(seen.scrollHeight).toBeLessThanOrEqual(VIEWPORTS[0].height);
      const hidden = Number(/\+(\d+) sites?/.exec(seen.overflowText ?? '')?.[1] ?? 0);
      expect(seen.tiles.length + hidden).toBe(SMALL_SITES);
      for (const tile of seen.tiles) {
        expect(tile.bottom, tile.id).toBeLessThanOrEqual(VIEWPORTS[0].height + 0.5);
        expect(tile.contentBottom, tile.id).toBeLessThanOrEqual(tile.bottom + 0.5);
        if (tile.canvas) expect(tile.canvas.drawn, tile.id).toBe(tile.canvas.devices);
      }
    }, 60_000);
  });
});
