import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeFixture, type ServeFixture } from '../integration/serve-fixture.js';
import { waitForTiles } from './wall-probe.js';
import { chromiumAvailable, launchChromium, rendererBuild } from './browser-setup.js';

/**
 * Browser notices against `serve` (issue 12): a storm of alerts on six sites within a second
 * reaches a technician's tab as at most three notifications, the page's Notification
 * constructor observed through an init script (granted, and the tab's bell already on), each
 * notice the hub made shown once, and a click takes the board to what it was about.
 */

const SITES = 6;
const DOWN_PER_SITE = 10;

interface Recorded {
  title: string;
  body: string;
  tag: string;
}

/** Replaces the page's Notification before its scripts run; a string (tsx would wrap a function). */
const RECORDER = `
  window.localStorage.setItem('noc.notices', 'on');
  window.__notices = [];
  window.__clicks = [];
  class RecordingNotification {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options) {
      const index = window.__notices.length;
      window.__notices.push({ title, body: options && options.body, tag: options && options.tag });
      window.__clicks.push(() => this.onclick && this.onclick());
      void index;
    }
  }
  window.Notification = RecordingNotification;
`;

interface PageWindow {
  __notices: Recorded[];
  __clicks: (() => void)[];
  location: { hash: string };
}

const recorded = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as PageWindow).__notices);

describe.skipIf(!chromiumAvailable('browser notices e2e'))('browser notices (serve)', () => {
  let browser: Browser | null = null;
  let fx: ServeFixture | null = null;
  let page: Page;

  beforeAll(async () => {
    const rendererDir = rendererBuild();
    fx = await startServeFixture({
      sites: SITES,
      devices: 40,
      tickMs: 1000,
      heartbeatMs: 1000,
      scenario: 'calm',
      staleAfterSeconds: 30,
      downAfterSeconds: 60,
      rendererDir,
      notifications: { groupWaitSeconds: 2 },
    });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript({ content: RECORDER });
    page = await context.newPage();
    await page.goto(fx.host.url);
    await page.waitForSelector('[data-testid="notice-bell"][data-state="on"]', { timeout: 60_000 });
    await waitForTiles(page, SITES);
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  it('turns a storm of 60 alerts on 6 sites into at most 3 notifications, each shown once', async () => {
    const hub = fx?.runtime.hub;
    if (!fx || !hub) throw new Error('no fixture');
    expect(await recorded(page)).toEqual([]);
    for (const site of fx.sites) {
      for (let i = 1; i <= DOWN_PER_SITE; i++)
        site.setDeviceDown(`ws-${String(i).padStart(3, '0')}`, true);
    }
    // Until the hub has told everything it holds, and the page has shown what it told.
    await expect
      .poll(() => hub.notifier.pending === 0 && hub.notifier.counts.told > 0, { timeout: 60_000 })
      .toBe(true);
    await page.waitForFunction(
      (told) => (globalThis as unknown as PageWindow).__notices.length >= told,
      hub.notifier.counts.told,
      { timeout: 30_000 },
    );
    const shown = await recorded(page);
    expect(shown.length).toBeGreaterThanOrEqual(1);
    expect(shown.length).toBeLessThanOrEqual(3);
    expect(shown.length).toBe(hub.notifier.counts.told);
    expect(new Set(shown.map((notice) => notice.tag)).size).toBe(shown.length);
    // Together they say how many alerts and where: a summary across the sites.
    const summary = shown.find((notice) => / at \d+ sites$/.test(notice.title));
    expect(summary?.title).toMatch(/new alerts at [2-6] sites/);

    await page.evaluate(() => {
      const g = globalThis as unknown as PageWindow;
      const index = g.__notices.findIndex((notice) => / at \d+ sites$/.test(notice.title));
      g.__clicks[index]?.();
    });
    await page.waitForFunction(
      () => (globalThis as unknown as PageWindow).location.hash === '#/alerts',
    );
  }, 120_000);
});
