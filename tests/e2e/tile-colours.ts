import type { Page } from 'playwright-core';

/**
 * What tests/e2e/wallboard.test.ts reads of a tile's colours: its edge (left border) and the rest
 * of its frame, with the theme's colours, as the browser computes them.
 */

/** The page's side, described here: tests/e2e is type-checked without the DOM library. */
interface PageStyles {
  readonly document: {
    readonly documentElement: unknown;
    querySelector(selector: string): unknown;
  };
  getComputedStyle(element: unknown): {
    readonly borderLeftColor: string;
    readonly borderTopColor: string;
    getPropertyValue(name: string): string;
  };
}

export interface TileBorder {
  readonly left: string;
  readonly top: string;
}

/** `#rrggbb` as a computed style reads it: `rgb(r, g, b)`. */
export function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/** Each site's tile border (null when it has no tile), and the theme's colour `name`s. */
export function tileColours(
  page: Page,
  siteIds: readonly string[],
  names: readonly string[],
): Promise<{ borders: (TileBorder | null)[]; theme: Record<string, string> }> {
  return page.evaluate(
    ([ids, vars]) => {
      const w = globalThis as unknown as PageStyles;
      const root = w.getComputedStyle(w.document.documentElement);
      const borders = ids.map((id) => {
        const element = w.document.querySelector(`[data-testid="site-tile"][data-site-id="${id}"]`);
        if (!element) return null;
        const style = w.getComputedStyle(element);
        return { left: style.borderLeftColor, top: style.borderTopColor };
      });
      const theme = Object.fromEntries(
        vars.map((name) => [name, root.getPropertyValue(`--${name}`).trim()]),
      );
      return { borders, theme };
    },
    [siteIds, names] as const,
  );
}
