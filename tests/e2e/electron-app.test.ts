import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NocBridge } from '../../shared/bridge/contract.js';
import { SimSite } from '../../simulator/site-server.js';
import { recordAttribute } from './attribute-history.js';
import {
  collectCspRefusals,
  CSP_VIOLATION_PROBE,
  refuseOneImage,
  REFUSED_IMAGE,
  isProbedImageRefusal,
} from './csp-probe.js';
import { electronBinary, sayWhySkipped } from './electron-binary.js';

/**
 * The real app as `npm start` runs it — main process, preload and renderer — driven through
 * Playwright's _electron. It needs the Electron binary, which machines without GitHub access
 * (like CI here) cannot download; there it says so and skips.
 */
const binary = electronBinary();
if (!binary) sayWhySkipped('electron-app.test.ts');

const TOKEN = 'electron-e2e';
let sites: SimSite[] = [];
let app: ElectronApplication | null = null;

describe.skipIf(!binary)('the desktop app (Electron, real preload)', () => {
  beforeAll(async () => {
    if (!existsSync('out/main/index.js')) {
      execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
    }
    sites = ['alpha', 'bravo'].map(
      (id) =>
        new SimSite({
          siteId: id,
          name: `Site ${id}`,
          customer: `Customer ${id}`,
          timeZone: 'UTC',
          token: TOKEN,
          devices: 30,
          scenario: 'calm',
          seed: id,
          tickMs: 200,
          heartbeatMs: 200,
        }),
    );
    const urls = await Promise.all(sites.map((s) => s.start()));
    const dir = mkdtempSync(join(tmpdir(), 'noc-electron-'));
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      [
        'staleAfterSeconds: 1',
        'downAfterSeconds: 3',
        'sites:',
        ...urls.map(
          (url, i) =>
            `  - { id: ${sites[i]?.siteId ?? ''}, customer: C, url: "${url}", token: ${TOKEN} }`,
        ),
      ].join('\n'),
    );
    app = await _electron.launch({
      executablePath: binary ?? '',
      args: ['out/main/index.js', '--no-sandbox'],
      env: { ...process.env, NOC_CONFIG: config },
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await Promise.all(sites.map((s) => s.stop()));
  });

  it('loads the board from app:// in a sandboxed page that has only window.noc', async () => {
    const page = await (app as ElectronApplication).firstWindow();
    expect(page.url()).toMatch(/^app:\/\/noc\//);
    const globals = await page.evaluate(() => {
      const page = globalThis as { require?: unknown; process?: unknown; noc?: Partial<NocBridge> };
      return {
        require: typeof page.require,
        process: typeof page.process,
        invoke: typeof page.noc?.invoke,
        on: typeof page.noc?.on,
      };
    });
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      invoke: 'function',
      on: 'function',
    });
  });

  it('loads without a Content Security Policy refusal (the page reloaded with the probe)', async () => {
    const page = await (app as ElectronApplication).firstWindow();
    // The window opens with the app, before a script could be added: reload it with the probe.
    const { refused, stop } = collectCspRefusals(page);
    try {
      await page.addInitScript(CSP_VIOLATION_PROBE);
      await page.reload();
      await page.locator('[data-testid="site-tile"][data-state="live"]').first().waitFor({
        timeout: 15_000,
      });
      expect(refused).toEqual([]);
      // The probe works in this window: a refusal made on purpose is seen through it (Chromium
      // also logs its own line), and nothing else is.
      await refuseOneImage(page);
      await expect.poll(() => refused.some(isProbedImageRefusal), { timeout: 10_000 }).toBe(true);
      expect(refused.filter((text) => !text.includes(REFUSED_IMAGE))).toEqual([]);
    } finally {
      stop();
    }
  });

  it('shows every site and device live, a downed device as down, a killed site stale then down', async () => {
    const page = await (app as ElectronApplication).firstWindow();
    await page.setViewportSize({ width: 1920, height: 1080 });
    for (const site of sites) {
      const tile = page.locator(`[data-testid="site-tile"][data-site-id="${site.siteId}"]`);
      await tile.and(page.locator('[data-state="live"]')).waitFor({ timeout: 15_000 });
      const cells = page.locator(`[data-testid="device"][data-site-id="${site.siteId}"]`);
      await expect
        .poll(() => cells.count(), { timeout: 15_000 })
        .toBe(site.groundTruth().devices.length);
    }
    const [first, second] = sites;
    if (!first || !second) throw new Error('two sites expected');
    const target = first.groundTruth().devices.find((d) => d.kind === 'server');
    if (!target) throw new Error('no server to take down');
    const cell = page.locator(
      `[data-testid="device"][data-site-id="${first.siteId}"][data-device-id="${target.id}"]`,
    );
    // Speed is a benchmark's question (see wallboard.test.ts); here the failure must show at all.
    first.setDeviceDown(target.id, true);
    await cell.and(page.locator('[data-status="down"]')).waitFor({ timeout: 15_000 });

    const tileSelector = `[data-testid="site-tile"][data-site-id="${second.siteId}"]`;
    const states = await recordAttribute(page, tileSelector, 'data-state');
    await second.stop();
    const tile = page.locator(tileSelector);
    await tile.and(page.locator('[data-state="down"]')).waitFor({ timeout: 30_000 });
    expect(await states.stop()).toEqual(['live', 'stale', 'down']);
    await expect.poll(() => tile.getAttribute('data-stale')).toBe('true');
    expect(await tile.locator('[data-testid="site-age"]').innerText()).toMatch(/\d/);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/electron-wallboard-1920x1080.png' });
  });
});
