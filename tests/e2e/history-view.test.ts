import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryAlertsArgs } from '../../shared/bridge/history.js';
import { startServeFixture, type ServeFixture } from '../integration/serve-fixture.js';
import { parseCsv } from '../support/csv.js';
import { chromiumAvailable, launchChromium, rendererBuild } from './browser-setup.js';
import type { PageWindow } from './wall-probe.js';

/**
 * The history view in Chromium against `serve --data`: alerts raised and cleared on simulated
 * sites are stored; then the simulator stops, and the view still filters them by text and
 * severity, shows an alert's timeline, and exports the filtered set as CSV, which must read back
 * as exactly what the store holds for that filter.
 */

const DOWN = ['ws-001', 'ws-002', 'ws-003', 'srv-001'];

/** Polls an async check every 100 ms until it holds; the error says what was awaited. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!chromiumAvailable('history view e2e'))('the history view', () => {
  let browser: Browser | null = null;
  let fx: ServeFixture | null = null;
  let page: Page;

  const stored = (filter: Record<string, unknown>) => {
    const history = fx?.runtime.history;
    if (!history) throw new Error('no store');
    const now = Date.now();
    const args = { filter: { from: now - 86_400_000, to: now + 60_000, ...filter }, limit: 500 };
    return history.alerts(HistoryAlertsArgs.parse(args));
  };

  beforeAll(async () => {
    const rendererDir = rendererBuild();
    fx = await startServeFixture({ sites: 2, devices: 40, tickMs: 100, store: true, rendererDir });
    for (const site of fx.sites) for (const id of DOWN) site.setDeviceDown(id, true);
    await until('every down device alerted and stored', async () => {
      return (await stored({ severities: ['high'] })).total >= 2 * DOWN.length;
    });
    // One of them recovers: a cleared alert with a timeline of two entries.
    fx.sites[0]?.setDeviceDown('ws-001', false);
    await until('the cleared alert stored', async () => {
      return (await stored({ states: ['cleared'] })).total >= 1;
    });
    // The sites go away: what follows reads the store alone.
    for (const site of fx.sites) await site.stop();
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    await page.goto(`${fx.host.url}#/history`);
    await page.waitForSelector('[data-testid="history-row"]', { timeout: 60_000 });
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  /** Waits until the table shows `n` alerts. */
  const rowsShown = (n: number) =>
    page.waitForFunction(
      (count) =>
        (globalThis as unknown as PageWindow).document.querySelectorAll(
          '[data-testid="history-row"]',
        ).length === count,
      n,
      { timeout: 30_000 },
    );

  const shownIds = () =>
    page.evaluate(() =>
      [
        ...(globalThis as unknown as PageWindow).document.querySelectorAll(
          '[data-testid="history-row"]',
        ),
      ].map((row) => row.dataset.alertId ?? ''),
    );

  it('filters by text and severity, as the store answers the same filter', async () => {
    await page.fill('[data-testid="history-search"]', 'srv-001 OR "');
    await page.click('[data-testid="history-apply"]');
    // Search text is text: "OR" and a lone quote are words to find, so nothing matches.
    await page.waitForSelector('[data-testid="history-count"]:has-text("0 alerts")');
    expect(await shownIds()).toEqual([]);

    const srv = (await stored({ deviceId: 'srv-001', severities: ['high'] })).rows[0];
    expect(srv?.severity).toBe('high');
    const word = srv?.title.split(' ')[0] ?? '';
    await page.fill('[data-testid="history-search"]', word);
    await page.check('[data-testid="history-filters"] label[data-severity="high"] input');
    await page.click('[data-testid="history-apply"]');
    const expected = (await stored({ text: word, severities: ['high'] })).rows.map((r) => r.id);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    await rowsShown(expected.length);
    expect(await shownIds()).toEqual(expected);
    const text = await page.textContent('[data-testid="history-count"]');
    expect(text).toBe(`${expected.length} alerts; showing ${expected.length}`);
  }, 90_000);

  it('filters by site and one of its devices', async () => {
    await page.fill('[data-testid="history-search"]', '');
    await page.uncheck('[data-testid="history-filters"] label[data-severity="high"] input');
    await page.selectOption(
      '[data-testid="history-filters"] label:has-text("Site") select',
      'site-2',
    );
    await page.fill('[data-testid="history-device"]', 'srv-001');
    await page.click('[data-testid="history-apply"]');
    const expected = (await stored({ siteIds: ['site-2'], deviceId: 'srv-001' })).rows;
    expect(expected.length).toBeGreaterThanOrEqual(1);
    await rowsShown(expected.length);
    expect(await shownIds()).toEqual(expected.map((r) => r.id));
    // Back to every site and device for the tests after this one.
    await page.fill('[data-testid="history-device"]', '');
    await page.selectOption('[data-testid="history-filters"] label:has-text("Site") select', '');
  }, 60_000);

  it("shows an alert's timeline: raised, then cleared", async () => {
    await page.fill('[data-testid="history-search"]', '');
    await page.uncheck('[data-testid="history-filters"] label[data-severity="high"] input');
    await page.selectOption(
      '[data-testid="history-filters"] label:has-text("State") select',
      'cleared',
    );
    await page.click('[data-testid="history-apply"]');
    const cleared = (await stored({ states: ['cleared'] })).rows;
    expect(cleared.map((r) => r.deviceId)).toContain('ws-001');
    await page
      .waitForSelector(`[data-testid="history-row"][data-alert-id="${cleared[0]?.id}"]`)
      .catch(async (error: unknown) => {
        console.log(await page.textContent('[data-testid="history-view"]'));
        throw error;
      });
    await page.click(`[data-testid="history-row"][data-alert-id="${cleared[0]?.id}"] button`);
    await page.waitForSelector('[data-testid="alert-timeline"] li[data-type="alert.clear"]');
    const entries = await page.evaluate(() =>
      [
        ...(globalThis as unknown as PageWindow).document.querySelectorAll(
          '[data-testid="alert-timeline"] li',
        ),
      ].map((item) => item.dataset.type),
    );
    expect(entries[0]).toBe('alert.raise');
    expect(entries.at(-1)).toBe('alert.clear');
  }, 60_000);

  it('exports the filtered alerts as CSV that reads back as what is stored', async () => {
    await page.selectOption(
      '[data-testid="history-filters"] label:has-text("State") select',
      'any',
    );
    await page.check('[data-testid="history-filters"] label[data-severity="high"] input');
    await page.click('[data-testid="history-apply"]');
    const expected = (await stored({ severities: ['high'] })).rows;
    await rowsShown(expected.length);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-csv"]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^alerts-\d{8}T\d{4}Z\.csv$/);
    const file = await download.path();
    const [header, ...records] = parseCsv(readFileSync(file, 'utf8'));
    const column = (name: string) => header?.indexOf(name) ?? -1;
    expect(records.map((r) => r[column('alert_id')])).toEqual(expected.map((r) => r.id));
    expect(records.map((r) => r[column('title')])).toEqual(expected.map((r) => r.title));
    expect(records.map((r) => r[column('site_id')])).toEqual(expected.map((r) => r.siteId));
    expect(records.map((r) => r[column('raised_at')])).toEqual(
      expected.map((r) => new Date(r.raisedAt).toISOString()),
    );
    expect(new Set(records.map((r) => r[column('severity')]))).toEqual(new Set(['high']));
    await page.waitForSelector(
      `[data-testid="export-status"]:has-text("Exported ${expected.length} alerts")`,
    );
  }, 60_000);
});
