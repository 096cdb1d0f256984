import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startServeFixture,
  VIEWER_TOKEN,
  type ServeFixture,
} from '../integration/serve-fixture.js';
import { chromiumAvailable, launchChromium, openSignedIn, rendererBuild } from './browser-setup.js';

/**
 * The SLA board in Chromium against `serve`, on a simulated site whose customer has a contract:
 * countdowns advance, a breached incident is overdue and counting up, a technician pauses an
 * incident in one browser while a viewer's browser shows it paused with the vendor's ticket, and
 * acknowledges it from the board, which stops its response clock everywhere.
 */

const DANA = { name: 'Dana Whitfield', token: 'dana-token-0123456789abcdef' };
const TIMEOUT = { timeout: 30_000 };
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const EVERY_DAY = {
  mon: ALL_DAY,
  tue: ALL_DAY,
  wed: ALL_DAY,
  thu: ALL_DAY,
  fri: ALL_DAY,
  sat: ALL_DAY,
  sun: ALL_DAY,
};

describe.skipIf(!chromiumAvailable('SLA board e2e'))('the SLA board', () => {
  let browser: Browser | null = null;
  let fx: ServeFixture | null = null;
  let technician: Page;
  let viewer: Page;
  let slowId = '';
  let fastId = '';

  beforeAll(async () => {
    const rendererDir = rendererBuild();
    fx = await startServeFixture({
      sites: 1,
      devices: 20,
      viewerToken: VIEWER_TOKEN,
      technicians: [DANA],
      rendererDir,
      staleAfterSeconds: 30,
      downAfterSeconds: 60,
      sla: {
        contracts: [
          {
            customer: 'Customer 1',
            calendar: { timeZone: 'UTC', hours: EVERY_DAY },
            // A server down is P2 (an hour to respond); a workstation down is P3, whose response
            // target is 3 seconds: breached while the test watches.
            priorities: { high: 'P2', disaster: 'P2', average: 'P2', warning: 'P2' },
            overrides: [{ deviceKind: 'workstation', priority: 'P3' }],
            targets: {
              P2: { responseMinutes: 60, resolutionMinutes: 480 },
              P3: { responseMinutes: 0.05, resolutionMinutes: 960 },
            },
          },
        ],
      },
    });
    const site = fx.sites[0];
    const truth = site?.groundTruth();
    const server = truth?.devices.find((d) => d.kind === 'server');
    const pc = truth?.devices.find((d) => d.kind === 'workstation');
    if (!site || !server || !pc) throw new Error('no server or workstation at the site');
    site.setDeviceDown(server.id, true);
    site.setDeviceDown(pc.id, true);
    const incidentOf = (deviceId: string) =>
      fx?.runtime.hub.incidents.list().find((i) => i.deviceId === deviceId)?.id ?? '';
    const started = Date.now();
    while (
      (incidentOf(server.id) === '' || incidentOf(pc.id) === '') &&
      Date.now() - started < 30_000
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    slowId = incidentOf(server.id);
    fastId = incidentOf(pc.id);
    if (!slowId || !fastId) throw new Error('the incidents did not open');
    browser = await launchChromium();
    const board = browser;
    const open = (token: string) =>
      openSignedIn(
        board,
        fx?.host.url ?? '',
        token,
        '#/sla',
        `[data-testid="sla-row"][data-id="${slowId}"]`,
      );
    technician = await open(DANA.token);
    viewer = await open(VIEWER_TOKEN);
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  const row = (page: Page, id: string) => page.locator(`[data-testid="sla-row"][data-id="${id}"]`);

  it('counts the response down on every board, second by second', async () => {
    const first = await row(viewer, slowId).locator('[data-testid="sla-response"]').textContent();
    expect(first).toMatch(/^0:5\d:\d\d$/);
    await viewer.waitForFunction(
      ([id, before]) =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { textContent: string } | null };
          }
        ).document.querySelector(
          `[data-testid="sla-row"][data-id="${id}"] [data-testid="sla-response"]`,
        )?.textContent !== before,
      [slowId, first],
      TIMEOUT,
    );
    const later = await row(viewer, slowId).locator('[data-testid="sla-response"]').textContent();
    expect(later).toMatch(/^0:5\d:\d\d$/);
    expect((later ?? '') < (first ?? '')).toBe(true);
  });

  it('shows a breached incident overdue and counting up, first on the board', async () => {
    await row(viewer, fastId)
      .locator('[data-testid="sla-response"][data-overdue]')
      .waitFor(TIMEOUT);
    expect(await row(viewer, fastId).getAttribute('data-risk')).toBe('breached');
    expect(await row(viewer, fastId).locator('[data-testid="sla-response"]').textContent()).toMatch(
      /^\+0:00:\d\d overdue$/,
    );
    const ids: (string | null)[] = [];
    for (const each of await viewer.locator('[data-testid="sla-row"]').all()) {
      ids.push(await each.getAttribute('data-id'));
    }
    expect(ids.indexOf(fastId)).toBeLessThan(ids.indexOf(slowId));
  });

  it("the wall's SLA panel lists them beside the tiles, breached first, and the wall still fits the screen", async () => {
    const page = viewer;
    const geometry = () =>
      page.evaluate(() => {
        const d = (
          globalThis as unknown as {
            document: {
              querySelector(
                s: string,
              ): { getBoundingClientRect(): { left: number; right: number } } | null;
              scrollingElement: {
                scrollHeight: number;
                clientHeight: number;
                scrollWidth: number;
                clientWidth: number;
              };
            };
          }
        ).document;
        const wall = d.querySelector('[data-testid="wall-view"]')?.getBoundingClientRect();
        const panel = d.querySelector('[data-testid="sla-panel"]')?.getBoundingClientRect();
        const s = d.scrollingElement;
        return {
          wallRight: wall?.right ?? null,
          panelLeft: panel?.left ?? null,
          scrolls: s.scrollHeight > s.clientHeight || s.scrollWidth > s.clientWidth,
        };
      });
    try {
      await page.evaluate(() => {
        (globalThis as unknown as { location: { hash: string } }).location.hash = '#/';
      });
      const panelRow = (id: string) =>
        page.locator(`[data-testid="sla-panel-row"][data-id="${id}"]`);
      await panelRow(slowId).waitFor(TIMEOUT);
      // The rows read in one go (the panel re-sorts each second, and the site's other alerts
      // may open incidents of their own meanwhile): breached first, the slow one listed.
      const rowIds = () =>
        page.evaluate(() =>
          [
            ...(
              globalThis as unknown as {
                document: {
                  querySelectorAll(s: string): Iterable<{ getAttribute(a: string): string | null }>;
                };
              }
            ).document.querySelectorAll('[data-testid="sla-panel-row"]'),
          ].map((row) => row.getAttribute('data-id')),
        );
      await expect
        .poll(async () => {
          const ids = await rowIds();
          return ids[0] === fastId && ids.includes(slowId);
        }, TIMEOUT)
        .toBe(true);
      expect(await panelRow(fastId).getAttribute('data-risk')).toBe('breached');
      expect(
        await panelRow(fastId).locator('[data-testid="sla-panel-clock"]').textContent(),
      ).toMatch(/^■ respond \+0:\d\d:\d\d overdue$/);
      expect(
        await panelRow(slowId).locator('[data-testid="sla-panel-clock"]').textContent(),
      ).toMatch(/^respond in 0:5\d:\d\d$/);
      const open = /^(\d+) open$/.exec(
        (await page.getByTestId('sla-panel-open').textContent()) ?? '',
      );
      expect(Number(open?.[1] ?? 0)).toBeGreaterThanOrEqual(2);
      // Every row the panel shows is whole inside its list (none hidden by its overflow), and the
      // count below says the rest.
      const fit = await page.evaluate(() => {
        const d = (
          globalThis as unknown as {
            document: {
              querySelector(s: string): { getBoundingClientRect(): { bottom: number } } | null;
              querySelectorAll(
                s: string,
              ): Iterable<{ getBoundingClientRect(): { bottom: number } }>;
            };
          }
        ).document;
        const list = d.querySelector('.sla-panel__list')?.getBoundingClientRect().bottom ?? 0;
        return [...d.querySelectorAll('[data-testid="sla-panel-row"]')].map(
          (row) => row.getBoundingClientRect().bottom <= list + 0.5,
        );
      });
      expect(fit.length).toBeGreaterThan(0);
      expect(fit.every(Boolean)).toBe(true);
      // Beside the tiles, not over them; every device still on the wall; nothing scrolls.
      await page.locator('[data-testid="wall-view"][data-area]').waitFor(TIMEOUT);
      const beside = await geometry();
      expect(beside.scrolls).toBe(false);
      expect(beside.wallRight).not.toBeNull();
      expect(beside.wallRight ?? Infinity).toBeLessThanOrEqual(beside.panelLeft ?? -Infinity);
      expect(await page.locator('[data-testid="device"]').count()).toBe(20);
      // A screen that shows the SLA board beside this one takes the wall without the panel.
      await page.evaluate(() => {
        (globalThis as unknown as { location: { hash: string } }).location.hash = '#/?sla=off';
      });
      await page.getByTestId('sla-panel').waitFor({ state: 'detached', ...TIMEOUT });
      const alone = await geometry();
      expect(alone.scrolls).toBe(false);
      expect(alone.wallRight ?? 0).toBeGreaterThan(beside.wallRight ?? Infinity);
    } finally {
      await page.evaluate(() => {
        (globalThis as unknown as { location: { hash: string } }).location.hash = '#/sla';
      });
      await row(page, slowId).waitFor(TIMEOUT);
    }
  });

  it('a technician pauses in one browser; the viewer sees it paused with the vendor’s ticket, and has no controls', async () => {
    expect(await viewer.locator('[data-testid="sla-pause-button"]').count()).toBe(0);
    await row(technician, slowId).locator('[data-testid="sla-pause-button"]').click();
    const form = row(technician, slowId).locator('[data-testid="sla-pause-form"]');
    await form.getByLabel('Vendor').fill('Telekom');
    await form.getByLabel('Their ticket').fill('TK-4411');
    await form.getByRole('button', { name: 'Pause', exact: true }).click();
    const pausedCell = row(viewer, slowId).locator(
      '[data-testid="sla-resolution"][data-state="paused"]',
    );
    await pausedCell.waitFor(TIMEOUT);
    expect(await pausedCell.textContent()).toMatch(/⏸ paused$/);
    expect(await row(viewer, slowId).locator('[data-testid="sla-pause"]').textContent()).toBe(
      'waiting on Telekom · TK-4411',
    );
    expect(fx?.runtime.hub.incidents.get(slowId)?.pause).toMatchObject({
      by: DANA.name,
      vendor: 'Telekom',
      reference: 'TK-4411',
    });
  });

  it('a technician acknowledges from the board: the response clock stops, in every browser', async () => {
    const ackRow = row(technician, slowId);
    await ackRow.locator('[data-testid="ack-button"]').click();
    await ackRow.locator('[data-testid="ack-comment"]').fill('on it');
    await ackRow.locator('[data-testid="ack-submit"]').click();
    const met = row(viewer, slowId).locator('[data-testid="sla-response"][data-state="stopped"]');
    await met.waitFor(TIMEOUT);
    expect(await met.textContent()).toBe('✓ met');
    expect(fx?.runtime.hub.incidents.get(slowId)?.respondedBy).toBe(DANA.name);
  });
});
