import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimSite } from '../../simulator/site-server.js';
import { electronBinary, sayWhySkipped } from './electron-binary.js';

/**
 * The window manager in the real app (issue 12): a config with two screens opens two kiosk
 * board windows, each running its screen's playlist (`?display=N`), each on its own display
 * when the machine has two (run under Xvfb with Xinerama, or on a real desk); with one display
 * both are on it (displaced, never off-screen); a screen a technician adds opens a window, and
 * one taken off closes it. Needs the Electron binary: skips and says why.
 */

const binary = electronBinary();
if (!binary) sayWhySkipped('electron-screens.test.ts');

const TOKEN = 'electron-screens-e2e';
let site: SimSite | null = null;
let app: ElectronApplication | null = null;

describe.skipIf(!binary)('the wall screens of the desktop app (Electron)', () => {
  beforeAll(async () => {
    if (!existsSync('out/main/index.js')) {
      execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
    }
    site = new SimSite({
      siteId: 'alpha',
      name: 'Site alpha',
      customer: 'C',
      timeZone: 'UTC',
      token: TOKEN,
      devices: 20,
      scenario: 'calm',
      seed: 'alpha',
      tickMs: 500,
      heartbeatMs: 500,
    });
    const url = await site.start();
    const dir = mkdtempSync(join(tmpdir(), 'noc-electron-screens-'));
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      [
        'sites:',
        `  - { id: alpha, customer: C, url: "${url}", token: ${TOKEN} }`,
        'displays:',
        '  - { display: 1, name: Left, playlist: [{ show: { view: sla } }] }',
        '  - { display: 2, name: Right, playlist: [{ show: { view: wall } }] }',
      ].join('\n'),
    );
    app = await _electron.launch({
      executablePath: binary ?? '',
      args: ['out/main/index.js', '--no-sandbox'],
      // A data folder of its own: where the screens were placed is not the developer's store's.
      env: { ...process.env, NOC_CONFIG: config, NOC_DATA: join(dir, 'data') },
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await site?.stop();
  });

  it('opens a kiosk window per screen, each with its playlist, each on a display', async () => {
    const electron = app as ElectronApplication;
    await expect.poll(() => electron.windows().length, { timeout: 30_000 }).toBe(2);
    const urls = electron
      .windows()
      .map((page) => new URL(page.url()).search)
      .sort();
    expect(urls).toEqual(['?display=1', '?display=2']);
    const placed = await electron.evaluate(({ BrowserWindow, screen }) => {
      const displays = screen.getAllDisplays();
      return {
        displays: displays.length,
        windows: BrowserWindow.getAllWindows().map((window) => ({
          kiosk: window.isKiosk(),
          display: screen.getDisplayMatching(window.getBounds()).id,
          inside: displays.some((d) => {
            const b = window.getBounds();
            return (
              b.x >= d.bounds.x &&
              b.y >= d.bounds.y &&
              b.x + b.width <= d.bounds.x + d.bounds.width &&
              b.y + b.height <= d.bounds.y + d.bounds.height
            );
          }),
        })),
      };
    });
    expect(placed.windows.every((w) => w.kiosk && w.inside)).toBe(true);
    // scripts/electron-screens-xvfb.sh runs this on two virtual displays and says to expect them.
    const expected = Number(process.env.NOC_EXPECT_DISPLAYS ?? 0);
    expect(placed.displays).toBeGreaterThanOrEqual(expected);
    if (placed.displays >= 2) {
      expect(new Set(placed.windows.map((w) => w.display)).size).toBe(2);
    } else {
      console.log('electron-screens.test.ts: one display here; both screens share it (displaced)');
    }
    const left = electron.windows().find((page) => page.url().endsWith('?display=1'));
    await left?.waitForSelector('[data-testid="rotation-badge"]', { timeout: 30_000 });
    expect(await left?.textContent('[data-testid="rotation-badge"]')).toBe('Left · SLA board');
  }, 120_000);

  it('opens a window for a screen a technician adds, and closes it when taken off', async () => {
    const electron = app as ElectronApplication;
    const left = electron.windows().find((page) => page.url().endsWith('?display=1'));
    if (!left) throw new Error('no window for screen 1');
    // As the screens view sends it (the desktop's technician is the OS user, or the config's).
    const set = await left.evaluate(`window.noc.invoke('displays.set', {
      layout: { display: 3, name: 'Extra', playlist: [{ show: { view: 'alerts' } }] },
      basedOn: 'new',
    })`);
    expect(set).toMatchObject({ ok: true, value: { state: 'added' } });
    await expect.poll(() => electron.windows().length, { timeout: 30_000 }).toBe(3);
    const extra = electron.windows().find((page) => page.url().endsWith('?display=3'));
    await extra?.waitForSelector('[data-testid="rotation-badge"]', { timeout: 30_000 });
    expect(await extra?.textContent('[data-testid="rotation-badge"]')).toBe('Extra · Alerts');
    const removed = await left.evaluate(`window.noc.invoke('displays.remove', {
      display: 3,
      basedOn: { revision: ${JSON.stringify((set as { value: { revision: number } }).value.revision)} },
    })`);
    expect(removed).toEqual({ ok: true, value: null });
    await expect.poll(() => electron.windows().length, { timeout: 30_000 }).toBe(2);
  }, 120_000);
});
