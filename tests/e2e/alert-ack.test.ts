import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeResult } from '../../shared/bridge/contract.js';
import { VIEWER_COOKIE } from '../../electron/serve/viewer-access.js';
import {
  bridgeClient,
  bridgeConnected,
  startServeFixture,
  VIEWER_TOKEN,
  type ServeFixture,
} from '../integration/serve-fixture.js';
import { chromiumAvailable, launchChromium, openSignedIn, rendererBuild } from './browser-setup.js';

/**
 * Acknowledging from the board in Chromium against `serve`: a technician signed in with their
 * own token acknowledges an alert in one browser; a viewer's browser follows it from pending to
 * confirmed, "by" the technician's verified name, and has no control to act with; a command
 * forged with the viewer's credentials is refused.
 */

const DANA = { name: 'Dana Whitfield', token: 'dana-token-0123456789abcdef' };
const TIMEOUT = { timeout: 30_000 };

describe.skipIf(!chromiumAvailable('acknowledgement e2e'))('acknowledging from the board', () => {
  let browser: Browser | null = null;
  let fx: ServeFixture | null = null;
  let technician: Page;
  let viewer: Page;
  let alertId = '';
  let serverName = '';

  beforeAll(async () => {
    const rendererDir = rendererBuild();
    fx = await startServeFixture({
      sites: 1,
      devices: 20,
      viewerToken: VIEWER_TOKEN,
      technicians: [DANA],
      rendererDir,
      // The site goes quiet in this test while it holds the ack: not "down" meanwhile.
      staleAfterSeconds: 30,
      downAfterSeconds: 60,
    });
    const site = fx.sites[0];
    const server = site?.groundTruth().devices.find((d) => d.kind === 'server');
    if (!site || !server) throw new Error('no server at the site');
    site.setDeviceDown(server.id, true);
    alertId = site.groundTruth().alerts.find((a) => a.deviceId === server.id)?.id ?? '';
    browser = await launchChromium();
    const board = browser;
    const open = (token: string, hash: string, selector: string) =>
      openSignedIn(board, fx?.host.url ?? '', token, hash, selector);
    // The technician works from the alert list; the viewer watches the site view.
    technician = await open(DANA.token, '#/alerts', `[data-key="site-1|${alertId}"]`);
    viewer = await open(VIEWER_TOKEN, '#/site/site-1', `[data-alert-id="${alertId}"]`);
    serverName = server.name;
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  const row = (page: Page) => page.locator(`[data-alert-id="${alertId}"]`);

  it('a viewer sees no control to act with; a technician does', async () => {
    await technician.locator('[data-testid="bulk-ack"]').waitFor(TIMEOUT);
    expect(await row(viewer).locator('[data-testid="ack-button"]').count()).toBe(0);
    expect(
      await viewer.locator('[data-testid="ack-button"], [data-testid="unack-button"]').count(),
    ).toBe(0);
  });

  it('the technician acknowledges; the other browser shows it pending, then confirmed, by name', async () => {
    const site = fx?.sites[0];
    if (!site) throw new Error('no site');
    // The site holds its answer: the ack is on its way, not yet confirmed.
    site.goSilent();
    // From the alert list, with the keyboard: find it, select it, acknowledge with a comment.
    await technician.locator('[data-testid="alert-filter-text"]').fill(serverName);
    await technician.locator('[data-testid="alert-list-scroll"]').focus();
    await technician.keyboard.press('Home');
    await technician.keyboard.press('Space');
    await technician.keyboard.press('a');
    await technician.keyboard.type('replacing the PSU');
    await technician.keyboard.press('Enter');
    const result = technician.locator('[data-testid="bulk-ack-result"]');
    await result.waitFor(TIMEOUT);
    expect(await result.textContent()).toBe('1 acknowledgement sent');
    const status = row(viewer).locator('[data-testid="ack-status"]');
    await status.and(viewer.locator('[data-status="pending"]')).waitFor(TIMEOUT);
    expect(await status.textContent()).toContain(
      `Acknowledging as ${DANA.name}: waiting for the site`,
    );
    site.wakeUp();
    await status.and(viewer.locator('[data-status="acknowledged"]')).waitFor(TIMEOUT);
    expect(await status.textContent()).toContain(
      `Acknowledged by ${DANA.name}: “replacing the PSU”`,
    );
    // The technician's own list agrees.
    const own = technician.locator(`[data-key="site-1|${alertId}"] [data-testid="ack-status"]`);
    await own.and(technician.locator('[data-status="acknowledged"]')).waitFor(TIMEOUT);
    expect(site.groundTruth().alerts.find((a) => a.id === alertId)?.ack?.technician).toBe(
      DANA.name,
    );
  });

  it('a command forged with the viewer’s credentials is refused', async () => {
    const cookies = await viewer.context().cookies();
    const cookie = cookies.find((c) => c.name === VIEWER_COOKIE);
    expect(cookie?.value).toBe(VIEWER_TOKEN);
    const socket = bridgeClient(
      fx?.host.url ?? '',
      {},
      { Cookie: `${VIEWER_COOKIE}=${cookie?.value ?? ''}` },
    );
    try {
      await bridgeConnected(socket);
      const forged = (await socket.timeout(5000).emitWithAck('invoke', 'alert.unack', {
        siteId: 'site-1',
        alertId,
        comment: '',
      })) as BridgeResult<unknown>;
      expect(forged).toEqual({
        ok: false,
        error: {
          code: 'forbidden',
          message: 'alert.unack: not available to viewers of this board',
        },
      });
    } finally {
      socket.disconnect();
    }
    // Still acknowledged at the site.
    expect(fx?.sites[0]?.groundTruth().alerts.find((a) => a.id === alertId)?.ack).not.toBeNull();
  });
});
