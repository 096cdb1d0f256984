import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeFixture, type ServeFixture } from '../integration/serve-fixture.js';
import { chromiumAvailable, launchChromium, openSignedIn, rendererBuild } from './browser-setup.js';

/**
 * A wall of browsers (issue 12): two pages on `serve`, `?display=1` and `?display=2`, each
 * showing its own screen's layout from the config; an alarm (a disaster at a site) preempts
 * screen 2's playlist for its hold, and the playlist then resumes. A technician changes screen 1
 * in the screens view: that TV follows at once, without a reload, and goes back on a reset; and
 * asks every screen to identify itself: each TV shows its own number.
 */

const OPS = { name: 'Ola Ops', token: 'ola-token-0123456789abcdef' };

const HOLD_SECONDS = 6;

interface PageWindow {
  location: { hash: string };
  /** Set by the test: each hash the page went to, with the page clock's time. */
  hashes?: [string, number][];
  addEventListener(type: string, listener: () => void): void;
  /** Set by the test: still there after a change means the page was not reloaded. */
  notReloaded?: boolean;
  getComputedStyle(element: unknown): { getPropertyValue(name: string): string };
  document: {
    querySelector(
      selector: string,
    ): { textContent: string | null; dataset: Record<string, string | undefined> } | null;
    documentElement: unknown;
  };
}

const hash = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as PageWindow).location.hash);
const badge = (page: Page) =>
  page.evaluate(() => {
    const element = (globalThis as unknown as PageWindow).document.querySelector(
      '[data-testid="rotation-badge"]',
    );
    return {
      text: element?.textContent ?? null,
      state: element?.dataset.state ?? null,
      since: element?.dataset.since ?? null,
      until: element?.dataset.until ?? null,
    };
  });

describe.skipIf(!chromiumAvailable('wall screens e2e'))(
  'screens of a wall (serve, ?display=N)',
  () => {
    let browser: Browser | null = null;
    let fx: ServeFixture | null = null;
    let left: Page;
    let right: Page;

    beforeAll(async () => {
      const rendererDir = rendererBuild();
      fx = await startServeFixture({
        sites: 2,
        devices: 20,
        tickMs: 1000,
        heartbeatMs: 1000,
        scenario: 'calm',
        staleAfterSeconds: 30,
        downAfterSeconds: 60,
        rendererDir,
        notifications: { groupWaitSeconds: 0 },
        technicians: [OPS],
        displays: [
          { display: 1, name: 'Wall left', playlist: [{ show: { view: 'sla' } }] },
          {
            display: 2,
            name: 'Wall right',
            playlist: [
              { show: { view: 'wall' }, dwellSeconds: 600 },
              { show: { view: 'alerts' }, dwellSeconds: 600 },
            ],
            alarms: { minSeverity: 'high', holdSeconds: HOLD_SECONDS },
          },
        ],
      });
      browser = await launchChromium();
      const open = async (display: number) => {
        const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 720 } });
        await page.goto(`${fx?.host.url ?? ''}/?display=${display}`);
        await page.waitForSelector('[data-testid="rotation-badge"][data-state="playlist"]', {
          timeout: 60_000,
        });
        return page;
      };
      left = await open(1);
      right = await open(2);
    }, 360_000);

    afterAll(async () => {
      await browser?.close();
      await fx?.close();
    });

    it('shows each screen its own layout', async () => {
      expect(await hash(left)).toBe('#/sla');
      expect((await badge(left)).text).toBe('Wall left · SLA board');
      expect(await left.locator('[data-testid="sla-board"]').count()).toBe(1);
      expect(await hash(right)).toBe('#/');
      expect((await badge(right)).text).toMatch(/^Wall right · Wall · Alerts in 0:(09|10):\d\d$/);
      expect(await right.locator('[data-testid="wall-view"]').count()).toBe(1);
    });

    it('lets an alarm preempt screen 2 for its hold, then resumes the playlist; screen 1 has no alarms', async () => {
      const site = fx?.sites[0];
      if (!site) throw new Error('no site');
      const server = site.groundTruth().devices.find((d) => d.kind === 'server');
      if (!server) throw new Error('no server');
      // The page notes when it goes where (on its own clock): the hold is checked against the
      // alarm's schedule below, not timed by the test.
      await right.evaluate(() => {
        const w = globalThis as unknown as PageWindow;
        w.hashes = [];
        w.addEventListener('hashchange', () => {
          w.hashes?.push([w.location.hash, Date.now()]);
        });
      });
      site.setDeviceDown(server.id, true);
      await right.waitForFunction(
        () => (globalThis as unknown as PageWindow).location.hash === '#/site/site-1',
        null,
        { timeout: 30_000 },
      );
      const during = await badge(right);
      expect(during.state).toBe('alarm');
      expect(during.text).toMatch(/^⚠ .+ · Wall right · back to Wall in 0:00:0\d$/);
      // Its hold: the rotation scheduled it for HOLD_SECONDS from when it began.
      const since = Number(during.since);
      const until = Number(during.until);
      expect(until - since).toBe(HOLD_SECONDS * 1000);
      // The hold ends: the wall again, where the playlist was.
      await right.waitForFunction(
        () => (globalThis as unknown as PageWindow).location.hash === '#/',
        null,
        { timeout: (HOLD_SECONDS + 30) * 1000 },
      );
      expect((await badge(right)).state).toBe('playlist');
      expect(await hash(left)).toBe('#/sla');
      // It went to the alarm's view once, and back to the wall no earlier than the hold's end.
      const hashes = await right.evaluate(() => (globalThis as unknown as PageWindow).hashes ?? []);
      expect(hashes.map(([to]) => to)).toEqual(['#/site/site-1', '#/']);
      // Shown from when the hold began (the page navigates as the alarm comes), and left no
      // earlier than its end.
      const [, shownAt] = hashes[0] ?? ['', 0];
      const [, backAt] = hashes[1] ?? ['', 0];
      expect(shownAt).toBeGreaterThanOrEqual(since);
      expect(shownAt).toBeLessThan(until);
      expect(backAt).toBeGreaterThanOrEqual(until);
    }, 120_000);

    it('follows what a technician sets in the screens view at once, and the config again on a reset', async () => {
      await left.evaluate(() => {
        (globalThis as unknown as PageWindow).notReloaded = true;
      });
      const tech = await openSignedIn(
        browser as Browser,
        fx?.host.url ?? '',
        OPS.token,
        '#/screens',
        '[data-testid="screen-row"][data-display="1"] [data-testid="screen-edit"]',
      );
      // Which TV is which: each shows its own number across it for a few seconds.
      await tech.locator('[data-testid="screens-identify"]').click();
      for (const [page, text] of [
        [left, '1Wall left'],
        [right, '2Wall right'],
      ] as const) {
        await page
          .locator('[data-testid="identify-overlay"]')
          .filter({ hasText: text })
          .waitFor({ timeout: 30_000 });
      }
      await left.locator('[data-testid="identify-overlay"]').waitFor({
        state: 'detached',
        timeout: 30_000,
      });
      await tech.locator('[data-display="1"] [data-testid="screen-edit"]').click();
      const form = tech.locator('[data-testid="screen-editor"]');
      await form.locator('[data-testid="screen-view-kind"]').selectOption('alerts');
      await form.locator('[data-testid="screen-zoom"]').selectOption('1.5');
      await form.locator('[data-testid="screen-save"]').click();
      await form.waitFor({ state: 'detached', timeout: 30_000 });
      await tech
        .locator('[data-display="1"][data-state="changed"] [data-testid="screen-source"]')
        .filter({ hasText: /^changed by Ola Ops, / })
        .waitFor({ timeout: 30_000 });
      // Screen 1's TV: the new view and zoom, long before its five-minute refresh, no reload.
      await left.waitForFunction(
        () => (globalThis as unknown as PageWindow).location.hash === '#/alerts',
        null,
        { timeout: 30_000 },
      );
      // The zoom is set just after the view changes: waited for, not read at once.
      const zoomed = (value: string) =>
        left.waitForFunction(
          (wanted) => {
            const w = globalThis as unknown as PageWindow;
            const now = w.getComputedStyle(w.document.documentElement).getPropertyValue('--zoom');
            return now.trim() === wanted;
          },
          value,
          { timeout: 30_000 },
        );
      await zoomed('1.5');
      expect(await left.evaluate(() => (globalThis as unknown as PageWindow).notReloaded)).toBe(
        true,
      );
      // Screen 2 is not touched.
      expect((await badge(right)).text).toMatch(/^Wall right · /);
      // Back to the config's: the SLA board, at its own size.
      await tech.locator('[data-display="1"] [data-testid="screen-reset"]').click();
      await left.waitForFunction(
        () => (globalThis as unknown as PageWindow).location.hash === '#/sla',
        null,
        { timeout: 30_000 },
      );
      await zoomed('1');
      await tech.context().close();
    }, 120_000);
  },
);
