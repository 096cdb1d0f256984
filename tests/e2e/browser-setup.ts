import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * What a browser test needs before its first page: Debian's Chromium (Playwright cannot download
 * browsers here) and a build of the renderer no older than its sources.
 */

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const RENDERER_BUILD = join(ROOT, 'out', 'renderer');

/** True when the browser tests can run; otherwise says why, once, on the console. */
export function chromiumAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  console.log(`${suite} skipped: ${CHROMIUM} not found; .ci/run installs Debian's chromium`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // As root Chromium needs --no-sandbox; the rest stop it reaching for the network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The renderer build to serve: `NOC_E2E_RENDERER_DIR` when set (any page that honours the same
 * test ids), else out/renderer, built first when it is missing or older than renderer/ or
 * shared/ (a stale build would fail on selectors the sources already have).
 */
export function rendererBuild(): string {
  const override = process.env.NOC_E2E_RENDERER_DIR;
  if (override !== undefined && override !== '') return resolve(override);
  const index = join(RENDERER_BUILD, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'renderer')), newestMtime(join(ROOT, 'shared')));
  const built = existsSync(index) ? statSync(index).mtimeMs : null;
  if (built === null || built < sources) {
    console.log(
      `e2e: ${built === null ? 'no renderer build' : 'renderer build is stale'}; running electron-vite build`,
    );
    execFileSync('npx', ['electron-vite', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      timeout: 300_000,
    });
  }
  return RENDERER_BUILD;
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * A browser context signed in to `serve` at `baseUrl` with `token` (a technician's or the
 * viewer's), on `hash`, once `selector` is in the page: one person at one screen.
 */
export async function openSignedIn(
  browser: Browser,
  baseUrl: string,
  token: string,
  hash: string,
  selector: string,
  viewport = { width: 1600, height: 1000 },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(new URL(`/?token=${token}${hash}`, baseUrl).href);
  await page.waitForSelector(selector, { timeout: 30_000 });
  return page;
}

/**
 * Resolves after the page's next two frames, so a resize or a DOM change has been laid out and
 * painted. (tests/e2e is type-checked without the DOM library: the page's rAF is described here.)
 */
export function afterPaint(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const g = globalThis as unknown as {
          requestAnimationFrame(callback: () => void): number;
        };
        g.requestAnimationFrame(() => {
          g.requestAnimationFrame(() => {
            resolve();
          });
        });
      }),
  );
}
