import type { Page } from 'playwright-core';

/**
 * What tests/e2e/wall-fit.test.ts reads from the wall page: each tile's box and the lowest edge
 * of what it draws, the page's scroll size, the type size, and whether each site's problem device
 * can be found. Read in the page, in one go per call.
 */

/** The page's side, described here: tests/e2e is type-checked without the DOM library. */
export interface PageElement {
  getBoundingClientRect(): { left: number; top: number; right: number; bottom: number };
  readonly dataset: Readonly<Record<string, string | undefined>>;
  readonly textContent: string | null;
  readonly clientWidth: number;
  readonly clientHeight: number;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  closest(selector: string): PageElement | null;
}
export interface PageWindow {
  readonly document: {
    readonly documentElement: { readonly scrollWidth: number; readonly scrollHeight: number };
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): Iterable<PageElement> & { readonly length: number };
  };
  getComputedStyle(element: PageElement): { readonly fontSize: string };
}

export interface Seen {
  scrollWidth: number;
  scrollHeight: number;
  tiles: {
    id: string;
    left: number;
    top: number;
    right: number;
    bottom: number;
    /** The lowest edge of what the tile draws: its cells, canvas, visible problem list, flags. */
    contentBottom: number;
    /** A canvas tile's devices and the cells its canvas holds (null without a canvas). */
    canvas: { devices: number; drawn: number } | null;
  }[];
  overflowText: string | null;
  nameFontPx: number;
  cells: string | null;
}

/** What the page shows, read in one go. */
export function look(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const g = globalThis as unknown as PageWindow;
    const doc = g.document.documentElement;
    const tiles = [...g.document.querySelectorAll('[data-testid="site-tile"]')].map((tile) => {
      const box = tile.getBoundingClientRect();
      let contentBottom = box.top;
      const drawn = tile.querySelectorAll(
        '[data-testid="device"], .device-canvas, .problem-list li, .site-flags, .site-tile__line, .site-tile__status',
      );
      for (const part of drawn) {
        if (part.closest('.visually-hidden') !== null) continue;
        contentBottom = Math.max(contentBottom, part.getBoundingClientRect().bottom);
      }
      const canvas = tile.querySelector('[data-testid="device-canvas"]');
      return {
        id: tile.dataset.siteId ?? '',
        left: box.left,
        top: box.top,
        right: box.right,
        bottom: box.bottom,
        contentBottom,
        canvas: canvas
          ? { devices: Number(canvas.dataset.devices), drawn: Number(canvas.dataset.drawn) }
          : null,
      };
    });
    const name = g.document.querySelector('.site-tile__name');
    return {
      scrollWidth: doc.scrollWidth,
      scrollHeight: doc.scrollHeight,
      tiles,
      overflowText: g.document.querySelector('[data-testid="overflow-tile"]')?.textContent ?? null,
      nameFontPx: name ? Number.parseFloat(g.getComputedStyle(name).fontSize) : 0,
      cells: g.document.querySelector('[data-testid="wall-view"]')?.dataset.cells ?? null,
    };
  });
}

/** Sites whose down device cannot be found: no down cell and no problem-list entry. */
export function unidentified(
  page: Page,
  siteIds: readonly string[],
  deviceId: string,
): Promise<string[]> {
  return page.evaluate(
    ({ ids, device }) =>
      ids.filter((id) => {
        const g = globalThis as unknown as PageWindow;
        const tile = g.document.querySelector(`[data-testid="site-tile"][data-site-id="${id}"]`);
        if (!tile) return true;
        const cell = tile.querySelector(
          `[data-testid="device"][data-device-id="${device}"][data-status="down"]`,
        );
        const listed = tile.querySelector(
          `[data-testid="problem-device"][data-device-id="${device}"][data-status="down"]`,
        );
        return cell === null && listed === null;
      }),
    { ids: [...siteIds], device: deviceId },
  );
}

/** Waits until the wall shows `sites` tiles (the page has its snapshot and planned the wall). */
export function waitForTiles(page: Page, sites: number, timeout = 60_000): Promise<unknown> {
  return page.waitForFunction(
    (n) =>
      (globalThis as unknown as PageWindow).document.querySelectorAll('[data-testid="site-tile"]')
        .length === n,
    sites,
    { timeout },
  );
}
