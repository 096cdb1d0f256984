// What bench/wall-render.ts measures inside (or about) the page: a requestAnimationFrame loop
// that records frame durations, the device updates arriving in `fleet.delta` frames on the
// page's bridge WebSocket, and a few DOM counts. Kept apart so wall-render.ts stays the flow.
import type { Page } from 'playwright-core';

/** The device cells of the wall (renderer/src/components/wall/DeviceCell.tsx). */
export const DEVICE_CELL = '[data-testid="device"]';

/**
 * The part of the page the probes touch. bench/ is type-checked with Node's types only, so the
 * browser side is described here rather than with the DOM library (as tests/e2e does).
 */
interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly width: number;
  readonly height: number;
}
interface PageGlobals {
  readonly innerWidth: number;
  readonly innerHeight: number;
  readonly document: {
    getElementsByTagName(name: string): { readonly length: number };
    querySelectorAll(selector: string): Iterable<{ getBoundingClientRect(): Box }> & {
      readonly length: number;
    };
  };
  requestAnimationFrame(callback: (now: number) => void): number;
  __benchFrames: number[];
}

/**
 * Installed before the page's scripts: a rAF loop pushing the time between frames onto
 * `window.__benchFrames`, drained by takeFrames(). Costs one callback per frame. A string, not a
 * function: tsx would wrap a named function in a helper the page does not have.
 */
export const FRAME_PROBE = `
  window.__benchFrames = [];
  let last = null;
  const loop = (now) => {
    if (last !== null) window.__benchFrames.push(now - last);
    last = now;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
`;

/** Frame durations (ms) since the last call. */
export function takeFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return g.__benchFrames.splice(0);
  });
}

export interface DeltaCounter {
  deltas: number;
  deviceUpdates: number;
}

/**
 * Counts what the page's bridge socket receives: every `fleet.delta` frame and the device
 * changes it carries. Read from DevTools' WebSocket frame events (Playwright's
 * `framereceived`) and parsed here in Node, so counting adds no work to the page's main thread.
 */
export function countDeltas(page: Page): DeltaCounter {
  const counter: DeltaCounter = { deltas: 0, deviceUpdates: 0 };
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string' || !payload.includes('"fleet.delta"')) return;
      // socket.io text frame: 42/bridge,["event","fleet.delta",{…}]
      const parsed: unknown = JSON.parse(payload.slice(payload.indexOf('[')));
      if (!Array.isArray(parsed) || parsed[1] !== 'fleet.delta') return;
      const delta = parsed[2] as { devices?: unknown[] } | undefined;
      counter.deltas++;
      counter.deviceUpdates += delta?.devices?.length ?? 0;
    });
  });
  return counter;
}

export function domElements(page: Page): Promise<number> {
  return page.evaluate(
    () => (globalThis as unknown as PageGlobals).document.getElementsByTagName('*').length,
  );
}

/** Device cells whose bounding box intersects the viewport (and has an area). */
export function devicesOnScreen(page: Page): Promise<number> {
  return page.evaluate((selector) => {
    const g = globalThis as unknown as PageGlobals;
    const { innerWidth: width, innerHeight: height } = g;
    let visible = 0;
    for (const cell of g.document.querySelectorAll(selector)) {
      const box = cell.getBoundingClientRect();
      const hasArea = box.width > 0 && box.height > 0;
      if (hasArea && box.right > 0 && box.bottom > 0 && box.left < width && box.top < height) {
        visible++;
      }
    }
    return visible;
  }, DEVICE_CELL);
}

/** Resolves after the next two frames, so a resize or a DOM change has been laid out and painted. */
export function afterPaint(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const g = globalThis as unknown as PageGlobals;
        g.requestAnimationFrame(() => {
          g.requestAnimationFrame(() => {
            resolve();
          });
        });
      }),
  );
}

/** Waits (rAF polling) until `count` device cells exist; false when `timeoutMs` passes first. */
export async function waitForCells(page: Page, count: number, timeoutMs: number): Promise<boolean> {
  try {
    await page.waitForFunction(
      ([selector, n]) =>
        (globalThis as unknown as PageGlobals).document.querySelectorAll(String(selector)).length >=
        Number(n),
      [DEVICE_CELL, count],
      { polling: 'raf', timeout: timeoutMs },
    );
    return true;
  } catch {
    return false;
  }
}
