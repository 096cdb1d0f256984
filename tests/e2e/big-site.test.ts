import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_ITEMS } from '../../shared/protocol/messages.js';
import { waitFor } from '../support/wait.js';
import { chromiumAvailable, launchChromium, rendererBuild, ROOT } from './browser-setup.js';
import {
  bigSiteAlerts,
  bigSiteDevices,
  deviceId,
  FIRST_ROW_PROBE,
  statusOf,
  worstFirst,
} from './big-site-fleet.js';
import { startScriptedBoard, type ScriptedBoard } from './scripted-board.js';

/**
 * Issue 8, "big sites": a site of 50,000 devices (the protocol's snapshot cap) in the site view of
 * the real page at 1920×1080. The device table renders only the rows in view, so it paints, its
 * own box scrolls to any row, and the page itself never grows a scrollbar.
 *
 * The time from navigation to the first row painted is measured in the page and written to
 * test-results/big-site.json, not asserted: tests/unit/no-stopwatch.test.ts keeps speed targets
 * out of tests (the 1 s budget is a benchmark's to judge); this test waits with a generous timeout.
 */

const SITE = 'big';
const DEVICES = MAX_SNAPSHOT_ITEMS;
const VIEWPORT = { width: 1920, height: 1080 } as const;
/** renderer/src/components/site/row-window.ts: every row is this tall. */
const ROW_HEIGHT = 44;
/** Far fewer than the devices: a screenful (about 20 rows) and the overscan either side. */
const MAX_ROWS_IN_DOM = 100;

const WORST_FIRST = worstFirst(DEVICES);
const devices = (at: number) => bigSiteDevices(DEVICES, at);
const alerts = (at: number) => bigSiteAlerts(WORST_FIRST, at);

interface Layout {
  rowsInDom: number;
  heights: number[];
  rowCount: string | null;
  /** How far the page and the main area could scroll: 0 when they fit. */
  overflow: { x: number; y: number }[];
}

/** What the page holds now. A string: this file is compiled without the DOM's types. */
const LAYOUT = `(() => {
  const rows = [...document.querySelectorAll('[data-testid="device-row"]')];
  // The page, and the main area under the header (the board's own scroll box for tall views).
  const boxes = [document.scrollingElement, document.querySelector('main')];
  return {
    rowsInDom: rows.length,
    heights: rows.map((row) => row.getBoundingClientRect().height),
    rowCount: document.querySelector('[data-testid="device-table"]').getAttribute('aria-rowcount'),
    overflow: boxes.map((box) => ({
      x: box.scrollWidth - box.clientWidth,
      y: box.scrollHeight - box.clientHeight,
    })),
  };
})()`;

/** Notes in the page whether the site view ever said it was receiving (the site came in parts). */
const RECEIVING_PROBE = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="site-receiving"]')) return;
    window.__receivingSeen = true;
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
`;

const NO_OVERFLOW = [
  { x: 0, y: 0 },
  { x: 0, y: 0 },
];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

describe.skipIf(!chromiumAvailable('big site e2e'))('a 50,000-device site in Chromium', () => {
  let board: ScriptedBoard | null = null;
  let browser: Browser | null = null;
  let page: Page | null = null;

  beforeAll(async () => {
    board = await startScriptedBoard({
      siteId: SITE,
      name: 'Big site',
      rendererDir: rendererBuild(),
      content: (at) => ({ devices: devices(at), alerts: alerts(at) }),
      // The defaults already hold a snapshot at the cap; spelled out, as the test depends on it.
      config: { budgets: { maxDevices: DEVICES } },
    });
    browser = await launchChromium();
    // The hub holds the whole site before the page opens: what is measured is the page's work.
    const hub = board.runtime.hub;
    await waitFor(
      'the hub to hold all 50,000 devices',
      () => hub.fleet.site(SITE)?.model.devices.size === DEVICES,
      120_000,
      100,
    );
  }, 360_000);

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await board?.close();
  });

  const row = (deviceId: string) =>
    `[data-testid="device-row"][data-device-id="${deviceId}"]` as const;

  /** Scrolls the table's own box so that device `index` (worst-first) is its top row. */
  async function scrollTo(index: number): Promise<void> {
    if (!page) throw new Error('not open');
    await page.evaluate(
      `document.querySelector('[data-testid="device-table-scroller"]').scrollTop = ${index * ROW_HEIGHT}`,
    );
  }

  /** Asserts the row of `deviceId` is drawn inside the table's box, below the sticky heads. */
  async function expectInView(deviceId: string): Promise<void> {
    if (!page) throw new Error('not open');
    const box = await page.locator(row(deviceId)).boundingBox();
    const scroller = await page.locator('[data-testid="device-table-scroller"]').boundingBox();
    const head = await page.locator('[data-testid="device-table"] thead').boundingBox();
    if (!box || !scroller || !head) throw new Error(`row ${deviceId} not laid out`);
    expect(box.height, `row ${deviceId} height`).toBeCloseTo(ROW_HEIGHT, 0);
    expect(box.y, `row ${deviceId} below the heads`).toBeGreaterThanOrEqual(bottom(head) - 0.5);
    expect(bottom(box), `row ${deviceId} inside the box`).toBeLessThanOrEqual(
      bottom(scroller) + 0.5,
    );
  }

  async function layout(): Promise<Layout> {
    if (!page) throw new Error('not open');
    return page.evaluate<Layout>(LAYOUT);
  }

  it('paints the first rows of 50,000 at 1920×1080, worst first, and only a window of rows', async () => {
    if (!browser || !board) throw new Error('not started');
    page = await browser.newPage({ viewport: VIEWPORT });
    await page.addInitScript(FIRST_ROW_PROBE);
    await page.addInitScript(RECEIVING_PROBE);
    await page.goto(`${board.host.url}#/site/${SITE}`);
    // Generous: before virtualisation this view painted nothing within 60 s.
    await page.locator(row(WORST_FIRST[0] ?? '')).waitFor({ timeout: 30_000 });
    await page.waitForFunction('window.__firstRowPaintedAt !== undefined', null, {
      timeout: 10_000,
    });
    const firstRowPaintedMs = await page.evaluate<number>('window.__firstRowPaintedAt');
    // For the report: how much of that is the page's own load, before the fleet arrives.
    const scriptsLoadedMs = await page.evaluate<number>(
      "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd",
    );

    const first = page.locator('[data-testid="device-row"]').first();
    expect(await first.getAttribute('data-device-id')).toBe(WORST_FIRST[0]);
    expect(await first.getAttribute('aria-rowindex')).toBe('2');
    expect(await first.getAttribute('data-status')).toBe('down');
    await expectInView(WORST_FIRST[0] ?? '');
    await expectInView(WORST_FIRST[5] ?? '');

    const now = await layout();
    // Saved before the checks, so a failing run leaves its picture too.
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'big-site-1920x1080.png') });
    const report = {
      devices: DEVICES,
      firstRowPaintedMs: Math.round(firstRowPaintedMs),
      scriptsLoadedMs: Math.round(scriptsLoadedMs),
      rowsInDom: now.rowsInDom,
    };
    writeFileSync(join(ROOT, 'test-results', 'big-site.json'), JSON.stringify(report, null, 2));
    console.log(`big site: ${JSON.stringify(report)}`);
    expect(now.rowCount, 'screen readers learn the real size').toBe(String(DEVICES + 1));
    expect(now.rowsInDom).toBeGreaterThan(10);
    expect(now.rowsInDom).toBeLessThan(MAX_ROWS_IN_DOM);
    // Fixed height for every row, findings (two lines) included: the virtualizer counts on it.
    expect(new Set(now.heights.map((h) => Math.round(h)))).toEqual(new Set([ROW_HEIGHT]));
    expect(now.overflow, 'no page (or main area) scrollbar either way').toEqual(NO_OVERFLOW);
  }, 120_000);

  it('scrolls its own box to the middle and to the last device', async () => {
    if (!page) throw new Error('not open');
    // The first rows came with the snapshot, the rest follow in parts (docs/architecture.md, "Big
    // sites"): the view says so until the last is in.
    expect(await page.evaluate('window.__receivingSeen'), 'the site came in parts').toBe(true);
    await page
      .locator('[data-testid="site-receiving"]')
      .waitFor({ state: 'detached', timeout: 30_000 });
    expect((await layout()).rowCount).toBe(String(DEVICES + 1));
    const middle = Math.floor(DEVICES / 2);
    await scrollTo(middle);
    const atMiddle = WORST_FIRST[middle] ?? '';
    await page.locator(row(atMiddle)).waitFor({ timeout: 10_000 });
    expect(await page.locator(row(atMiddle)).getAttribute('aria-rowindex')).toBe(
      String(middle + 2),
    );
    await expectInView(atMiddle);
    expect((await layout()).rowsInDom).toBeLessThan(MAX_ROWS_IN_DOM);
    // The first rows are gone from the DOM, not just out of view.
    expect(await page.locator(row(WORST_FIRST[0] ?? '')).count()).toBe(0);

    await scrollTo(DEVICES);
    const last = WORST_FIRST.at(-1) ?? '';
    await page.locator(row(last)).waitFor({ timeout: 10_000 });
    expect(last).toBe(deviceId(DEVICES - 1));
    expect(await page.locator(row(last)).getAttribute('aria-rowindex')).toBe(String(DEVICES + 1));
    await expectInView(last);
    const end = await layout();
    expect(end.rowsInDom).toBeLessThan(MAX_ROWS_IN_DOM);
    expect(end.overflow, 'no page (or main area) scrollbar either way').toEqual(NO_OVERFLOW);
    await page.screenshot({ path: join(ROOT, 'test-results', 'big-site-1920x1080-end.png') });

    // A row deep in the list still opens its device's chart.
    await page.locator(row(last)).click();
    await page
      .locator(`[data-testid="device-chart"][data-device-id="${last}"]`)
      .waitFor({ timeout: 10_000 });
  }, 60_000);

  it('shows the site on the wall as a summary naming its down devices, with no scrollbar', async () => {
    if (!browser || !board) throw new Error('not started');
    const wall = await browser.newPage({ viewport: VIEWPORT });
    try {
      await wall.goto(`${board.host.url}#/`);
      const tile = wall.locator(`[data-testid="site-tile"][data-site-id="${SITE}"]`);
      await tile.locator('[data-testid="problem-device"]').first().waitFor({ timeout: 30_000 });
      // Its devices beyond the first rows arrive in parts; the tile counts all of them meanwhile.
      expect(await tile.getAttribute('data-devices')).toBe(String(DEVICES));
      await wall
        .locator(`[data-testid="site-tile"][data-site-id="${SITE}"][data-receiving="false"]`)
        .waitFor({ timeout: 30_000 });
      expect(await tile.getAttribute('data-look')).toBe('summary');
      expect(await tile.getAttribute('data-devices')).toBe(String(DEVICES));
      // No cell per device: neither DOM cells nor a canvas for a summarised site.
      expect(await tile.locator('[data-testid="device"]').count()).toBe(0);
      expect(await tile.locator('[data-testid="device-canvas"]').count()).toBe(0);
      // Every down device by name, worst first (the summary has room for these few).
      const down = WORST_FIRST.filter((deviceId) => statusOf(Number(deviceId.slice(1))) === 'down');
      expect(down.length).toBeGreaterThan(0);
      for (const deviceId of down) {
        const item = tile.locator(
          `[data-testid="problem-device"][data-device-id="${deviceId}"][data-status="down"]`,
        );
        expect(await item.count(), `${deviceId} listed`).toBe(1);
        expect(await item.textContent()).toContain(`device-${deviceId.slice(1)}`);
      }
      const listed: (string | null)[] = [];
      for (const item of await tile.locator('[data-testid="problem-device"]').all()) {
        listed.push(await item.getAttribute('data-device-id'));
      }
      expect(listed.slice(0, down.length)).toEqual(down);
      // The tile is inside the window, and neither the page nor the main area scrolls.
      const box = await tile.boundingBox();
      if (!box) throw new Error('tile not laid out');
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width + 0.5);
      expect(bottom(box)).toBeLessThanOrEqual(VIEWPORT.height + 0.5);
      const overflow = await wall.evaluate<{ x: number; y: number }[]>(`(() => {
        const boxes = [document.scrollingElement, document.querySelector('main')];
        return boxes.map((b) => ({ x: b.scrollWidth - b.clientWidth, y: b.scrollHeight - b.clientHeight }));
      })()`);
      expect(overflow, 'no page (or main area) scrollbar').toEqual(NO_OVERFLOW);
      await wall.screenshot({ path: join(ROOT, 'test-results', 'big-site-wall-1920x1080.png') });
    } finally {
      await wall.close();
    }
  }, 60_000);
});

const bottom = (b: Box) => b.y + b.height;
