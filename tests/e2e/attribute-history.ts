import type { Page } from 'playwright-core';

/**
 * The part of the page's DOM the recorder touches. The e2e files are type-checked with Node's
 * types only, so the browser side is described here rather than with the DOM library.
 */
interface PageGlobals {
  readonly document: {
    readonly body: object;
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  };
  readonly MutationObserver: new (callback: () => void) => {
    observe(target: object, options: object): void;
    disconnect(): void;
  };
  nocAttributeHistory?: Record<string, { values: (string | null)[]; stop: () => void }>;
}

export interface AttributeHistory {
  /** Stops recording (disconnects the page's observer) and returns every value seen, in order. */
  stop(): Promise<(string | null)[]>;
}

/**
 * Records, inside the page, each value an attribute of the element matching `selector` takes,
 * from now on: a MutationObserver sees every change, however short, so a test can assert the
 * order of states (live → stale → down) instead of how long each took. The element may be
 * re-rendered; the selector is read again on every mutation. A missing element records null.
 */
export async function recordAttribute(
  page: Page,
  selector: string,
  attribute: string,
): Promise<AttributeHistory> {
  const key = `${selector}@${attribute}`;
  await page.evaluate(
    ({ key, selector, attribute }) => {
      const g = globalThis as unknown as PageGlobals;
      const values: (string | null)[] = [];
      const note = (): void => {
        const value = g.document.querySelector(selector)?.getAttribute(attribute) ?? null;
        if (values.length === 0 || values[values.length - 1] !== value) values.push(value);
      };
      note();
      const observer = new g.MutationObserver(note);
      observer.observe(g.document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: [attribute],
      });
      g.nocAttributeHistory = {
        ...g.nocAttributeHistory,
        [key]: {
          values,
          stop: () => {
            observer.disconnect();
          },
        },
      };
    },
    { key, selector, attribute },
  );
  return {
    stop: () =>
      page.evaluate((key) => {
        const g = globalThis as unknown as PageGlobals;
        const entry = g.nocAttributeHistory?.[key];
        entry?.stop();
        return entry?.values ?? [];
      }, key),
  };
}
