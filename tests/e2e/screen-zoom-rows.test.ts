import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeFixture, type ServeFixture } from '../integration/serve-fixture.js';
import { chromiumAvailable, launchChromium, rendererBuild } from './browser-setup.js';

/**
 * The virtual lists count on every row being exactly the zoomed row height (row-window.ts): a
 * taller row shifts every row after it, so scrolling jumps and arrow keys land rows under the
 * heads. Checked at fractional zooms, on rows with what makes them tallest: a check's badges
 * (×N, flapping) in the alert list, sparklines in the site view (shown at small zooms, where the
 * table has room for them). The flapping scenario gives both.
 */

const ZOOMS = [0.5, 0.75, 1, 1.1, 2] as const;

interface RowProbe {
  document: {
    querySelectorAll(selector: string): ArrayLike<{ getBoundingClientRect(): { height: number } }>;
  };
}

describe.skipIf(!chromiumAvailable('screen zoom rows e2e'))(
  'rows at the zoomed height in the alert list and the site view (serve, ?display=N)',
  () => {
    let browser: Browser | null = null;
    let fx: ServeFixture | null = null;

    beforeAll(async () => {
      fx = await startServeFixture({
        sites: 3,
        devices: 60,
        tickMs: 300,
        heartbeatMs: 1000,
        scenario: 'flapping',
        staleAfterSeconds: 30,
        downAfterSeconds: 60,
        rendererDir: rendererBuild(),
        displays: ZOOMS.flatMap((zoom, i) => [
          { display: 2 * i + 1, name: 'Alerts', playlist: [{ show: { view: 'alerts' } }], zoom },
          {
            display: 2 * i + 2,
            name: 'Site',
            playlist: [{ show: { view: 'site', siteId: 'site-1' } }],
            zoom,
          },
        ]),
      });
      browser = await launchChromium();
    }, 360_000);

    afterAll(async () => {
      await browser?.close();
      await fx?.close();
    });

    /** Every rendered row's height (px, to a hundredth), once `ready` is in the page. */
    async function heights(display: number, row: string, ready: string): Promise<number[]> {
      const page = await (browser as Browser).newPage({ viewport: { width: 1920, height: 1080 } });
      try {
        await page.goto(`${fx?.host.url ?? ''}/?display=${display}`);
        await page.waitForSelector(ready, { timeout: 60_000 });
        return await page.evaluate(
          (selector) =>
            Array.from((globalThis as unknown as RowProbe).document.querySelectorAll(selector)).map(
              (r) => Math.round(r.getBoundingClientRect().height * 100) / 100,
            ),
          row,
        );
      } finally {
        await page.close();
      }
    }

    it.each(ZOOMS.map((zoom, i) => [zoom, i] as const))(
      'at %s× every row is the zoomed height, badges and sparklines included',
      async (zoom, i) => {
        const height = Math.ceil(44 * zoom);
        const alerts = await heights(
          2 * i + 1,
          '.alert-row',
          '.alert-row .alert__badges:not(:empty)',
        );
        expect(alerts.length).toBeGreaterThan(0);
        expect(new Set(alerts)).toEqual(new Set([height]));
        // The sparklines show while the table has room (below 100 % here, at 1920 px).
        const site = await heights(
          2 * i + 2,
          '[data-testid="device-row"]',
          zoom < 1 ? '[data-testid="device-row"] .sparkline' : '[data-testid="device-row"]',
        );
        expect(site.length).toBeGreaterThan(0);
        expect(new Set(site)).toEqual(new Set([height]));
      },
      120_000,
    );
  },
);
