import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/protocol/alert.js';
import type { Device } from '../../shared/protocol/device.js';
import { chromiumAvailable, launchChromium, rendererBuild, ROOT } from './browser-setup.js';
import { startScriptedBoard, type ScriptedBoard } from './scripted-board.js';

/**
 * Names a site controls, at their worst, in the site view of the real page (Chromium, served by
 * the serve host from a hub linked to a scripted site): a 200-character unbroken name, a
 * right-to-left override spoof, a whitespace-only name and a long alert title, on a 1920 px
 * screen and a 1366 px laptop, and on the wall. Nothing may widen the page, leave its cell, or
 * hide the alert age.
 */

const RLO = '\u202E';
const SITE = 'hostile';
const LONG_NAME = 'W'.repeat(200);
const SPOOF = `invoice-evil${RLO}gnp.exe`;
const VIEWPORTS = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
] as const;

function devices(at: number): Device[] {
  const names: [string, string][] = [
    ['long', LONG_NAME],
    ['rlo', SPOOF],
    ['blank', '     '],
    ...Array.from({ length: 12 }, (_, i): [string, string] => [`d${i}`, `workstation-${i}`]),
  ];
  return names.map(([id, name], i) => ({
    id,
    name,
    kind: 'workstation',
    status: i === 0 ? 'down' : 'up',
    parentId: id === 'long' ? null : 'long',
    metrics: { cpu: 12, memory: 40, disk: 55, latency: 3.2, loss: 0 },
    security: {
      edr: 'protected',
      antivirus: i === 1 ? 'disabled' : 'protected',
      pendingCriticalPatches: 2,
      lastBackupAt: at - 3_600_000,
    },
    updatedAt: at,
  }));
}

function alerts(at: number): Alert[] {
  return [
    {
      id: 'a1',
      deviceId: 'long',
      check: 'disk',
      severity: 'high',
      title: `Disk${'F'.repeat(400)} almost full on a volume with a very long name indeed`,
      detail: '',
      raisedAt: at - 5 * 60_000,
      updatedAt: at,
      ack: null,
    },
  ];
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const right = (b: Box) => b.x + b.width;

describe.skipIf(!chromiumAvailable('hostile names e2e'))('hostile names in Chromium', () => {
  let board: ScriptedBoard | null = null;
  let browser: Browser | null = null;

  beforeAll(async () => {
    board = await startScriptedBoard({
      siteId: SITE,
      name: 'Hostile names',
      rendererDir: rendererBuild(),
      content: (at) => ({ devices: devices(at), alerts: alerts(at) }),
    });
    browser = await launchChromium();
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await board?.close();
  });

  async function open(viewport: { width: number; height: number }): Promise<Page> {
    if (!browser || !board) throw new Error('not started');
    const page = await browser.newPage({ viewport });
    await page.goto(`${board.host.url}#/site/${SITE}`);
    await page
      .locator('[data-testid="device-row"][data-device-id="long"]')
      .waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="alert"][data-alert-id="a1"]').waitFor({ timeout: 10_000 });
    return page;
  }

  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}×${viewport.height}`;
    it(`keeps every hostile name inside its cell at ${size}`, async () => {
      const page = await open(viewport);
      try {
        mkdirSync(join(ROOT, 'test-results'), { recursive: true });
        await page.screenshot({
          path: join(
            ROOT,
            'test-results',
            `hostile-names-${viewport.width}x${viewport.height}.png`,
          ),
        });
        // A string: this file is compiled without the DOM's types.
        const widths = await page.evaluate<{ scroll: number; inner: number }>(
          '({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth })',
        );
        expect(widths.scroll, 'no horizontal scrollbar').toBeLessThanOrEqual(widths.inner);

        const rows = page.locator('[data-testid="device-row"]');
        expect(await rows.count()).toBe(15);
        for (const row of await rows.all()) {
          const id = await row.getAttribute('data-device-id');
          const rowBox = await row.boundingBox();
          const cellBox = await row.locator('.device-row__name').boundingBox();
          const nameBox = await row.locator('[data-testid="device-name"]').boundingBox();
          if (!rowBox || !cellBox || !nameBox) throw new Error(`row ${id} not laid out`);
          expect(rowBox.x, `row ${id} left`).toBeGreaterThanOrEqual(0);
          expect(right(rowBox), `row ${id} right`).toBeLessThanOrEqual(viewport.width);
          expect(cellBox.x, `name cell ${id}`).toBeGreaterThanOrEqual(rowBox.x);
          expect(right(cellBox), `name cell ${id}`).toBeLessThanOrEqual(right(rowBox) + 0.5);
          expect(nameBox.x, `name ${id}`).toBeGreaterThanOrEqual(cellBox.x);
          expect(right(nameBox), `name ${id}`).toBeLessThanOrEqual(right(cellBox) + 0.5);
          expect(nameBox.width, `name ${id} visible`).toBeGreaterThan(20);
        }

        const row = (id: string) =>
          page.locator(`[data-testid="device-row"][data-device-id="${id}"]`);
        const spoofText = (await row('rlo').locator('.device-row__name').textContent()) ?? '';
        expect(spoofText).not.toContain(RLO);
        expect(spoofText).toContain('invoice-evilgnp.exe');
        expect(spoofText).toContain('direction controls removed');
        const blankText = await row('blank').locator('.device-row__name').textContent();
        expect(blankText).toContain('blank');
        expect(blankText).toContain('no name');
        expect(await row('long').locator('[data-testid="device-name"]').getAttribute('title')).toBe(
          LONG_NAME,
        );

        // Every alert, the site's and the hub's (whose titles carry the hostile names too).
        const alerts = await page.locator('[data-testid="alert"]').all();
        expect(alerts.length).toBeGreaterThanOrEqual(1);
        for (const alert of alerts) {
          const id = await alert.getAttribute('data-alert-id');
          const age = await alert.locator('.alert__age').boundingBox();
          const title = await alert.locator('.alert__title').boundingBox();
          if (!age || !title) throw new Error(`alert ${id} not laid out`);
          expect(age.width, `alert ${id} age drawn`).toBeGreaterThan(0);
          expect(age.x).toBeGreaterThanOrEqual(0);
          expect(right(age), `alert ${id} age within the viewport`).toBeLessThanOrEqual(
            viewport.width,
          );
          expect(right(title), `alert ${id} title stops before its age`).toBeLessThanOrEqual(age.x);
        }
      } finally {
        await page.close();
      }
    }, 60_000);

    it(`keeps hostile alert titles and device labels in their place on the wall at ${size}`, async () => {
      if (!browser || !board) throw new Error('not started');
      const page = await browser.newPage({ viewport });
      try {
        await page.goto(`${board.host.url}#/`);
        await page.locator('[data-testid="wall-view"]').waitFor({ timeout: 20_000 });
        await page.locator('[data-testid="top-alert"]').first().waitFor({ timeout: 20_000 });
        mkdirSync(join(ROOT, 'test-results'), { recursive: true });
        await page.screenshot({
          path: join(ROOT, 'test-results', `hostile-wall-${viewport.width}x${viewport.height}.png`),
        });
        const sizes = await page.evaluate<{ scrollW: number; scrollH: number }>(
          '({ scrollW: document.scrollingElement.scrollWidth, scrollH: document.scrollingElement.scrollHeight })',
        );
        expect(sizes.scrollW, 'no horizontal scrollbar').toBeLessThanOrEqual(viewport.width);
        expect(sizes.scrollH, 'no vertical scrollbar').toBeLessThanOrEqual(viewport.height);

        const tile = await page.locator('[data-testid="site-tile"]').boundingBox();
        if (!tile) throw new Error('site tile not laid out');
        expect(tile.x).toBeGreaterThanOrEqual(0);
        expect(right(tile), 'tile within the viewport').toBeLessThanOrEqual(viewport.width);

        // The 400-character alert title and the hub's alert naming the 200-character device.
        const lines = await page.locator('[data-testid="top-alert"]').all();
        expect(lines.length).toBeGreaterThanOrEqual(1);
        for (const line of lines) {
          const key = await line.getAttribute('data-key');
          const box = await line.boundingBox();
          const title = await line.locator('.top-alerts__title').boundingBox();
          const age = await line.locator('.top-alerts__age').boundingBox();
          if (!box || !title || !age) throw new Error(`alert line ${key} not laid out`);
          expect(box.x, `alert line ${key} left`).toBeGreaterThanOrEqual(0);
          expect(right(box), `alert line ${key} right`).toBeLessThanOrEqual(viewport.width);
          expect(title.width, `alert line ${key} title shown`).toBeGreaterThan(20);
          expect(age.width, `alert line ${key} age drawn`).toBeGreaterThan(0);
          expect(right(title), `alert line ${key} title stops before its age`).toBeLessThanOrEqual(
            age.x,
          );
          expect(right(age), `alert line ${key} age within its line`).toBeLessThanOrEqual(
            right(box) + 0.5,
          );
        }

        // The hub's own alert naming devices: the blank one by its id, never a gap.
        const patches = await page
          .locator('[data-testid="top-alert"]', { hasText: 'Critical patches pending' })
          .textContent();
        expect(patches).toContain('blank');
        expect(patches).not.toMatch(/: ,|, ,/);

        // The cells carry names only in their labels: cleaned, the blank one named by its id.
        const label = (id: string) =>
          page.locator(`[data-testid="device"][data-device-id="${id}"]`).getAttribute('aria-label');
        const spoof = (await label('rlo')) ?? '';
        expect(spoof).not.toContain(RLO);
        expect(spoof).toContain('invoice-evilgnp.exe');
        expect(await label('blank')).toContain('blank');
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
