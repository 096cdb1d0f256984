import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeFixture, type ServeFixture } from '../integration/serve-fixture.js';
import { chromiumAvailable, launchChromium, rendererBuild } from './browser-setup.js';
import { waitForTiles, type PageElement, type PageWindow } from './wall-probe.js';

/**
 * The wall's tiles stay in the DOM by site id and move by grid place alone (WallView.tsx); the
 * keyboard and screen readers must still meet them worst first, as the wall shows them (CSS
 * `reading-flow: grid-rows`). In Chromium against `serve`: the last site by id goes silent, so it
 * is first on the wall but last in the DOM; Tab and the accessibility tree must take it first.
 * The grids are canvases: their text equivalent (each site's problem devices by name) must be in
 * the accessibility tree, under each canvas, in the same order.
 */

const SITES = 6;
/** 6 × 260 = 1,560 devices: over the DOM-cell limit, so each grid is a canvas. */
const DEVICES = 260;
/**
 * The device site i (by id) has down: a different workstation, so a different name, on each site
 * (the simulator names them by department), which ties each canvas's text to its own site.
 */
const downOf = (index: number) => `ws-${String(index + 1).padStart(3, '0')}`;

interface AxNode {
  nodeId: string;
  childIds?: string[];
  role?: { value?: unknown };
  name?: { value?: unknown };
}

/** Site ids in the order the wall shows their tiles: by row, then column. */
function visualOrder(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const g = globalThis as unknown as PageWindow;
    return [...g.document.querySelectorAll('[data-testid="site-tile"]')]
      .map((tile) => ({ id: tile.dataset.siteId ?? '', box: tile.getBoundingClientRect() }))
      .sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left)
      .map((tile) => tile.id);
  });
}

function domOrder(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...(globalThis as unknown as PageWindow).document.querySelectorAll(
        '[data-testid="site-tile"]',
      ),
    ].map((tile) => tile.dataset.siteId ?? ''),
  );
}

/** Site ids in the order Tab reaches their tiles, from the top of the page. */
async function tabOrder(page: Page): Promise<string[]> {
  await page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: { blur?(): void } } })
      .document.activeElement;
    active.blur?.();
  });
  const seen: string[] = [];
  for (let press = 0; press < 200 && seen.length < SITES; press += 1) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const g = globalThis as unknown as { document: { activeElement: PageElement | null } };
      return g.document.activeElement?.closest('[data-testid="site-tile"]')?.dataset.siteId;
    });
    if (id !== undefined && !seen.includes(id)) seen.push(id);
  }
  return seen;
}

/** Site ids in the order of their tile links in Chromium's accessibility tree (depth first). */
async function accessibilityOrder(page: Page, names: ReadonlyMap<string, string>) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    const byId = new Map(nodes.map((node) => [node.nodeId, node]));
    const order: string[] = [];
    const visit = (node: AxNode | undefined) => {
      if (!node) return;
      const name = node.name?.value;
      const site = typeof name === 'string' ? names.get(name) : undefined;
      if (node.role?.value === 'link' && site !== undefined) order.push(site);
      for (const child of node.childIds ?? []) visit(byId.get(child));
    };
    visit(nodes[0]);
    return order;
  } finally {
    await cdp.detach();
  }
}

/**
 * For each node of Chromium's accessibility tree named "N devices…" (a tile's canvas), in tree
 * order: that name and the names of everything beneath it.
 */
async function canvasTexts(page: Page): Promise<{ label: string; text: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    const byId = new Map(nodes.map((node) => [node.nodeId, node]));
    const nameOf = (node: AxNode) => (typeof node.name?.value === 'string' ? node.name.value : '');
    const below = (node: AxNode | undefined): string[] =>
      node ? [nameOf(node), ...(node.childIds ?? []).flatMap((id) => below(byId.get(id)))] : [];
    const found: { label: string; text: string }[] = [];
    const visit = (node: AxNode | undefined) => {
      if (!node) return;
      if (/^\d+ devices/.test(nameOf(node))) {
        found.push({ label: nameOf(node), text: below(node).slice(1).join(' ') });
        return;
      }
      for (const child of node.childIds ?? []) visit(byId.get(child));
    };
    visit(nodes[0]);
    return found;
  } finally {
    await cdp.detach();
  }
}

describe.skipIf(!chromiumAvailable('wall reading order e2e'))('the wall in reading order', () => {
  let browser: Browser | null = null;
  let fx: ServeFixture | null = null;
  let page: Page;
  /** Site id → the device it has down. */
  const downs: Record<string, string> = {};

  beforeAll(async () => {
    const rendererDir = rendererBuild();
    fx = await startServeFixture({
      sites: SITES,
      devices: DEVICES,
      tickMs: 1000,
      heartbeatMs: 1000,
      // Not the fixture's 1 s: on a loaded 2-core machine (CI) sites heard from each second
      // flipped stale too and took the first place the silent site is waited for in.
      staleAfterSeconds: 5,
      downAfterSeconds: 60,
      scenario: 'calm',
      rendererDir,
    });
    [...fx.sites]
      .sort((a, b) => (a.siteId < b.siteId ? -1 : 1))
      .forEach((site, i) => {
        downs[site.siteId] = downOf(i);
        site.setDeviceDown(downOf(i), true);
      });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(fx.host.url);
    await waitForTiles(page, SITES);
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  it('takes a site that went silent first by keyboard and screen reader, as on the wall, without moving its element', async () => {
    const sites = [...(fx?.sites ?? [])].sort((a, b) => (a.siteId < b.siteId ? -1 : 1));
    const last = sites.at(-1);
    if (!last) throw new Error('no site');
    expect(await domOrder(page)).toEqual(sites.map((site) => site.siteId));
    last.goSilent();
    await page.waitForFunction(
      (id) => {
        const g = globalThis as unknown as PageWindow;
        const tiles = [...g.document.querySelectorAll('[data-testid="site-tile"]')]
          .map((tile) => ({ tile, box: tile.getBoundingClientRect() }))
          .sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left);
        const first = tiles[0]?.tile;
        return first?.dataset.siteId === id && first.dataset.stale === 'true';
      },
      last.siteId,
      // Generous: going stale waits for the hub's threshold, then the wall's held order.
      { timeout: 60_000 },
    );
    const visual = await visualOrder(page);
    expect(visual[0]).toBe(last.siteId);
    // The element did not move: the DOM still has it last, so the orders below are the CSS's.
    expect((await domOrder(page)).at(-1)).toBe(last.siteId);
    expect(await tabOrder(page)).toEqual(visual);
    const names = new Map(
      await page.evaluate(() =>
        [
          ...(globalThis as unknown as PageWindow).document.querySelectorAll(
            '[data-testid="site-tile"]',
          ),
        ].map((tile) => [
          tile.querySelector('.site-tile__name')?.textContent ?? '',
          tile.dataset.siteId ?? '',
        ]),
      ),
    );
    expect(names.size).toBe(SITES);
    expect(await accessibilityOrder(page, names)).toEqual(visual);
  }, 90_000);

  it("reads each canvas grid's problem devices by name, under its canvas, in wall order", async () => {
    // Each site's down device listed (the simulator needs a tick to report it).
    await page.waitForFunction(
      (down) =>
        Object.entries(down).every(
          ([site, device]) =>
            (globalThis as unknown as PageWindow).document.querySelector(
              `[data-testid="site-tile"][data-site-id="${site}"] [data-testid="device-canvas"] [data-testid="problem-device"][data-device-id="${device}"][data-status="down"]`,
            ) !== null,
        ),
      downs,
      { timeout: 30_000 },
    );
    const visual = await visualOrder(page);
    const downNames = await page.evaluate(
      ({ ids, down }) =>
        ids.map(
          (id) =>
            (globalThis as unknown as PageWindow).document.querySelector(
              `[data-testid="site-tile"][data-site-id="${id}"] [data-testid="problem-device"][data-device-id="${down[id] ?? ''}"] .name`,
            )?.textContent ?? '',
        ),
      { ids: visual, down: downs },
    );
    // Six different names, so each canvas's text can only be its own site's.
    expect(new Set(downNames).size).toBe(SITES);
    const canvases = await canvasTexts(page);
    expect(canvases).toHaveLength(SITES);
    canvases.forEach((canvas, i) => {
      expect(canvas.label).toMatch(new RegExp(`^${DEVICES} devices`));
      expect(downNames[i]).not.toBe('');
      expect(canvas.text, `canvas ${i} (${visual[i]})`).toContain(downNames[i]);
    });
  }, 90_000);
});
