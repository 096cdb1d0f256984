import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeFixture, type ServeFixture } from '../integration/serve-fixture.js';
import { chromiumAvailable, launchChromium, rendererBuild } from './browser-setup.js';

/**
 * A screen's zoom (issue 12) reaches the views drawn in fixed sizes, not only the wall: the alert
 * list, the SLA board and the site view of a screen at 200 % have twice the type (and the lists
 * twice the row height), their
 * virtual rows still land where the scroll box says, and the site view folds its columns at the
 * width a zoomed screen has room for. Screens 3, 4 and 6 show the same views at 100 %, the
 * baseline.
 */

const ZOOM = 2;

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
/** A contract for the first customer, so the servers taken down open incidents: SLA board rows. */
const SLA = {
  contracts: [
    {
      customer: 'Customer 1',
      calendar: {
        timeZone: 'UTC',
        hours: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, ALL_DAY]),
        ),
      },
      priorities: { high: 'P2', disaster: 'P1', average: 'P3', warning: 'P3' },
      targets: {
        P1: { responseMinutes: 15, resolutionMinutes: 240 },
        P2: { responseMinutes: 60, resolutionMinutes: 480 },
        P3: { responseMinutes: 240, resolutionMinutes: 960 },
      },
    },
  ],
};

interface Box {
  readonly top: number;
  readonly height: number;
}

interface ProbeWindow {
  getComputedStyle(element: unknown): { fontSize: string; display: string };
  document: {
    querySelector(selector: string): ProbeElement | null;
    querySelectorAll(selector: string): ArrayLike<ProbeElement>;
  };
}

interface ProbeElement {
  scrollTop: number;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  getBoundingClientRect(): Box & { readonly width: number };
  getAttribute(name: string): string | null;
  querySelector(selector: string): ProbeElement | null;
}

/** What a page shows of a fixed-size view: type size, row heights, which columns are on. */
interface Look {
  readonly fontSize: string;
  readonly rowHeights: number[];
  readonly kindColumn: string | null;
  /** The name column's width, and whether the table is wider than its box (columns cut off). */
  readonly nameWidth: number;
  readonly cut: boolean;
}

const look = (page: Page, view: string, row: string) =>
  page.evaluate(
    ({ view, row }): Look => {
      const w = globalThis as unknown as ProbeWindow;
      const root = w.document.querySelector(view);
      const rows = Array.from(w.document.querySelectorAll(row));
      const kind = w.document.querySelector('.device-table th.col-kind');
      const name = w.document.querySelector('.device-table th.col-name');
      const box = w.document.querySelector('[data-testid="device-table-scroller"]');
      return {
        fontSize: root ? w.getComputedStyle(root).fontSize : '',
        rowHeights: rows.map((r) => Math.round(r.getBoundingClientRect().height)),
        kindColumn: kind ? w.getComputedStyle(kind).display : null,
        nameWidth: name ? Math.round(name.getBoundingClientRect().width) : 0,
        cut: box ? box.scrollWidth > box.clientWidth : false,
      };
    },
    { view, row },
  );

describe.skipIf(!chromiumAvailable('screen zoom e2e'))(
  "a screen's zoom in the alert list and the site view (serve, ?display=N)",
  () => {
    let browser: Browser | null = null;
    let fx: ServeFixture | null = null;
    const pages = new Map<number, Page>();

    beforeAll(async () => {
      const rendererDir = rendererBuild();
      fx = await startServeFixture({
        sites: 2,
        devices: 120,
        tickMs: 1000,
        heartbeatMs: 1000,
        scenario: 'calm',
        staleAfterSeconds: 30,
        downAfterSeconds: 60,
        rendererDir,
        sla: SLA,
        displays: [
          { display: 1, name: 'Alerts big', playlist: [{ show: { view: 'alerts' } }], zoom: ZOOM },
          {
            display: 2,
            name: 'Site big',
            playlist: [{ show: { view: 'site', siteId: 'site-1' } }],
            zoom: ZOOM,
          },
          { display: 3, name: 'Alerts', playlist: [{ show: { view: 'alerts' } }] },
          { display: 4, name: 'Site', playlist: [{ show: { view: 'site', siteId: 'site-1' } }] },
          { display: 5, name: 'SLA big', playlist: [{ show: { view: 'sla' } }], zoom: ZOOM },
          { display: 6, name: 'SLA', playlist: [{ show: { view: 'sla' } }] },
        ],
      });
      // Something in the alert list: two servers down at the first site.
      const site = fx.sites[0];
      if (!site) throw new Error('no site');
      for (const server of site
        .groundTruth()
        .devices.filter((d) => d.kind === 'server')
        .slice(0, 2)) {
        site.setDeviceDown(server.id, true);
      }
      browser = await launchChromium();
      for (const display of [1, 2, 3, 4, 5, 6]) {
        const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
        await page.goto(`${fx.host.url}/?display=${display}`);
        await page.waitForSelector('[data-testid="rotation-badge"][data-state="playlist"]', {
          timeout: 60_000,
        });
        pages.set(display, page);
      }
    }, 360_000);

    afterAll(async () => {
      await browser?.close();
      await fx?.close();
    });

    const page = (display: number): Page => {
      const found = pages.get(display);
      if (!found) throw new Error(`no page for screen ${display}`);
      return found;
    };

    it('draws the alert list at twice the type and row height', async () => {
      for (const display of [1, 3]) {
        await page(display).waitForSelector('[data-testid="alert-row"]', { timeout: 60_000 });
      }
      const big = await look(page(1), '[data-testid="alert-list-view"]', '.alert-row');
      const plain = await look(page(3), '[data-testid="alert-list-view"]', '.alert-row');
      expect(plain.fontSize).toBe('18px');
      expect(big.fontSize).toBe(`${18 * ZOOM}px`);
      expect(new Set(plain.rowHeights)).toEqual(new Set([44]));
      expect(new Set(big.rowHeights)).toEqual(new Set([44 * ZOOM]));
    }, 120_000);

    it("draws the SLA board's type and rows at twice the size", async () => {
      for (const display of [5, 6]) {
        await page(display).waitForSelector('[data-testid="sla-row"]', { timeout: 60_000 });
      }
      const big = await look(page(5), '[data-testid="sla-board"]', '[data-testid="sla-row"]');
      const plain = await look(page(6), '[data-testid="sla-board"]', '[data-testid="sla-row"]');
      expect(plain.fontSize).toBe('20px');
      expect(big.fontSize).toBe(`${20 * ZOOM}px`);
      expect(plain.rowHeights.length).toBeGreaterThan(0);
      // Each row twice as tall, to a pixel of rounding.
      const bigRow = Math.max(...big.rowHeights);
      const plainRow = Math.max(...plain.rowHeights);
      expect(Math.abs(bigRow - ZOOM * plainRow)).toBeLessThanOrEqual(2);
    }, 120_000);

    it('draws the site view zoomed, folds columns for the room it has, and keeps rows where they scroll to', async () => {
      for (const display of [2, 4]) {
        await page(display).waitForSelector('[data-testid="device-row"]', { timeout: 60_000 });
      }
      const big = await look(page(2), '.device-table', '[data-testid="device-row"]');
      const plain = await look(page(4), '.device-table', '[data-testid="device-row"]');
      expect(plain.fontSize).toBe('15px');
      expect(big.fontSize).toBe(`${15 * ZOOM}px`);
      expect(new Set(plain.rowHeights)).toEqual(new Set([44]));
      expect(new Set(big.rowHeights)).toEqual(new Set([44 * ZOOM]));
      // At 1920 px the table has room for the kind column at 100 %, not at 200 %.
      expect(plain.kindColumn).toBe('table-cell');
      expect(big.kindColumn).toBe('none');
      // Folded, not cut: every column left fits, and the names keep room to be read.
      for (const [shown, zoom] of [
        [plain, 1],
        [big, ZOOM],
      ] as const) {
        expect(shown.cut).toBe(false);
        expect(shown.nameWidth).toBeGreaterThanOrEqual(180 * zoom);
      }

      // Scrolled to device 40 (row 42 for screen readers): that row sits just under the heads.
      const placed = await page(2).evaluate((rowHeight) => {
        const w = globalThis as unknown as ProbeWindow;
        const box = w.document.querySelector('[data-testid="device-table-scroller"]');
        if (!box) return null;
        box.scrollTop = 40 * rowHeight;
        return true;
      }, 44 * ZOOM);
      expect(placed).toBe(true);
      const offset = await page(2).waitForFunction(
        () => {
          const w = globalThis as unknown as ProbeWindow;
          const box = w.document.querySelector('[data-testid="device-table-scroller"]');
          // The heads' cells are what stick to the top of the box (the head row scrolls away).
          const head = box?.querySelector('th');
          const row = box?.querySelector('[aria-rowindex="42"]');
          if (!box || !head || !row) return null;
          const headBottom = head.getBoundingClientRect().top + head.getBoundingClientRect().height;
          // An object, as waitForFunction waits for a truthy answer and 0 is the one wanted.
          return { offset: Math.round(row.getBoundingClientRect().top - headBottom) };
        },
        null,
        { timeout: 30_000 },
      );
      expect(await offset.jsonValue()).toEqual({ offset: 0 });
    }, 120_000);
  },
);
