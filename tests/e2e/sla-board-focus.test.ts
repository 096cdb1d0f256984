import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeFixture, type ServeFixture } from '../integration/serve-fixture.js';
import {
  afterPaint,
  chromiumAvailable,
  launchChromium,
  openSignedIn,
  rendererBuild,
} from './browser-setup.js';

/**
 * A technician opens the SLA board from a notice (`#/sla?incident=<id>`) about an incident far
 * down a long board: its row is in view and marked. The board's rows out of view count as one
 * line until laid out, and a technician's rows are taller (their acknowledge form), so a single
 * scroll on the first render left the row thousands of pixels off screen (SlaBoard.tsx,
 * keep-centred.ts).
 */

const DANA = { name: 'Dana Whitfield', token: 'dana-token-0123456789abcdef' };
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const HOURS = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY };
const VIEWPORT = { width: 1600, height: 1000 };

/** The part of the page the checks read (tests/e2e is type-checked without the DOM library). */
interface Box {
  readonly top: number;
  readonly bottom: number;
  readonly height: number;
}
interface PageGlobals {
  readonly document: {
    querySelector(selector: string): { getBoundingClientRect(): Box } | null;
  };
}

describe.skipIf(!chromiumAvailable('SLA board focus e2e'))(
  'the SLA board, opened on an incident',
  () => {
    let browser: Browser | null = null;
    let fx: ServeFixture | null = null;

    beforeAll(async () => {
      fx = await startServeFixture({
        sites: 4,
        devices: 100,
        technicians: [DANA],
        rendererDir: rendererBuild(),
        staleAfterSeconds: 30,
        downAfterSeconds: 60,
        sla: {
          defaultTerms: {
            calendar: { timeZone: 'UTC', hours: { ...HOURS, sat: ALL_DAY, sun: ALL_DAY } },
            priorities: { high: 'P2', disaster: 'P2' },
            targets: { P2: { responseMinutes: 60, resolutionMinutes: 480 } },
          },
        },
      });
      const started = Date.now();
      while (!fx.runtime.hub.health().every((h) => h.state === 'live')) {
        if (Date.now() - started > 60_000) throw new Error('the sites did not go live');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      let down = 0;
      for (const site of fx.sites) {
        for (const device of site.groundTruth().devices) {
          if (!['server', 'workstation', 'printer'].includes(device.kind)) continue;
          site.setDeviceDown(device.id, true);
          down++;
        }
      }
      const open = () => fx?.runtime.hub.incidents.list().filter((i) => i.resolvedAt === null);
      while ((open()?.length ?? 0) < down) {
        if (Date.now() - started > 120_000) throw new Error(`only ${open()?.length} incidents`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      browser = await launchChromium();
    }, 360_000);

    afterAll(async () => {
      await browser?.close();
      await fx?.close();
    });

    it('brings the row into view and keeps it there while the rows above take their true heights', async () => {
      if (!browser || !fx) throw new Error('no browser or fixture');
      const rows = '[data-testid="sla-row"]';
      const board = await openSignedIn(browser, fx.host.url, DANA.token, '#/sla', rows, VIEWPORT);
      const ids = await board
        .locator(rows)
        .evaluateAll((found) =>
          found.map((row) => (row as unknown as { dataset: { id?: string } }).dataset.id ?? ''),
        );
      expect(ids.length).toBeGreaterThan(200);
      await board.context().close();
      const target = ids[ids.length - 5] ?? '';
      const focused = await openSignedIn(
        browser,
        fx.host.url,
        DANA.token,
        `#/sla?incident=${encodeURIComponent(target)}`,
        `${rows}[data-id="${target}"][data-focused="true"]`,
        VIEWPORT,
      );
      // The technician's controls have arrived (the rows' true height), and the row is in view.
      await focused
        .locator(`${rows}[data-id="${target}"] .sla-actions`)
        .waitFor({ timeout: 30_000 });
      const inView = () =>
        focused.evaluate((id) => {
          const { document } = globalThis as unknown as PageGlobals;
          const row = document.querySelector(`[data-id="${id}"]`)?.getBoundingClientRect();
          const box = document.querySelector('[data-testid="sla-board"]')?.getBoundingClientRect();
          if (!row || !box) return false;
          return row.height > 0 && row.top >= box.top && row.bottom <= box.bottom;
        }, target);
      await expect.poll(inView, { timeout: 30_000 }).toBe(true);
      // Still there two frames on.
      await afterPaint(focused);
      expect(await inView()).toBe(true);
    });
  },
);
