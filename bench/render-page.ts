// What bench/wall-render.ts measures inside (or about) the page: a requestAnimationFrame loop
// that records frame durations, the device updates arriving in `fleet.delta` frames on the
// page's bridge WebSocket, and a few DOM counts. Kept apart so wall-render.ts stays the flow.
import type { Page } from 'playwright-core';
import { afterPaint } from '../tests/e2e/browser-setup.js';

/**
 * Where the wall shows a device's state: its DOM cell (DeviceCell.tsx, a small wall), a cell on
 * its tile's canvas (DeviceCanvas.tsx: `data-drawn` cells), or its site's summary (a tile with
 * data-look="summary": counts by status, problem devices by name; `data-devices` of them).
 */
const SHOWN = {
  cell: '[data-testid="device"]',
  canvas: '[data-testid="device-canvas"]',
  summary: '[data-testid="site-tile"][data-look="summary"]',
} as const;

export interface Shown {
  readonly cells: number;
  readonly drawn: number;
  readonly summarised: number;
  readonly total: number;
}

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
    querySelectorAll(selector: string): Iterable<{
      getBoundingClientRect(): Box;
      readonly dataset: Readonly<Record<string, string | undefined>>;
    }> & {
      readonly length: number;
    };
  };
  requestAnimationFrame(callback: (now: number) => void): number;
  __benchFrames: number[];
  __benchLongFrames: number[];
}

/**
 * Installed before the page's scripts: a rAF loop pushing the time between frames onto
 * `window.__benchFrames`, drained by takeFrames(), and an observer of long animation frames
 * (`window.__benchLongFrames`, takeLongFrames()). Costs one callback per frame. A string, not a
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
  window.__benchLongFrames = [];
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__benchLongFrames.push(entry.duration);
    }).observe({ type: 'long-animation-frame' });
  }
`;

/**
 * Long animation frames (ms) since the last call: frames whose main-thread work (scripts, style,
 * layout, paint) took over 50 ms, as the page's own long-animation-frame entries report them. A
 * rAF gap over 50 ms with none here was held back elsewhere (raster, the compositor, the machine).
 */
export function takeLongFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return g.__benchLongFrames.splice(0);
  });
}

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
      const delta = parsed[2] as { devices?: unknown[]; devicePatches?: unknown[] } | undefined;
      counter.deltas++;
      // A device's change comes whole or, when only its live fields moved, as a patch.
      counter.deviceUpdates += (delta?.devices?.length ?? 0) + (delta?.devicePatches?.length ?? 0);
    });
  });
  return counter;
}

export function domElements(page: Page): Promise<number> {
  return page.evaluate(
    () => (globalThis as unknown as PageGlobals).document.getElementsByTagName('*').length,
  );
}

/**
 * Devices whose state the page shows, by where: `onScreen` counts only elements whose box meets
 * the viewport; otherwise every one in the document.
 */
export function shownDevices(page: Page, onScreen: boolean): Promise<Shown> {
  // No named inner functions: tsx would wrap them in a helper (__name) the page does not have.
  return page.evaluate(
    ([selectors, visibleOnly]) => {
      const g = globalThis as unknown as PageGlobals;
      const { innerWidth: width, innerHeight: height } = g;
      const found = { cells: 0, drawn: 0, summarised: 0, total: 0 };
      for (const kind of ['cells', 'drawn', 'summarised'] as const) {
        const selector =
          kind === 'cells'
            ? selectors.cell
            : kind === 'drawn'
              ? selectors.canvas
              : selectors.summary;
        for (const element of g.document.querySelectorAll(selector)) {
          const box = element.getBoundingClientRect();
          const visible =
            box.width > 0 &&
            box.height > 0 &&
            box.right > 0 &&
            box.bottom > 0 &&
            box.left < width &&
            box.top < height;
          if (visibleOnly && !visible) continue;
          const n =
            kind === 'cells'
              ? 1
              : Number((kind === 'drawn' ? element.dataset.drawn : element.dataset.devices) ?? 0);
          found[kind] += n;
          found.total += n;
        }
      }
      return found;
    },
    [SHOWN, onScreen] as const,
  );
}

/**
 * Waits (rAF polling) until the page shows `count` devices' states (cells, canvas cells or
 * summaries); false when `timeoutMs` passes first.
 */
export async function waitForShown(page: Page, count: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await shownDevices(page, false)).total >= count) return true;
    await afterPaint(page);
  }
  return false;
}
