import { act, render, type RenderResult } from '@testing-library/react';
import { App } from '../../renderer/src/App.js';
import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import { FakeBridge } from './fake-bridge.js';
import { settle } from './settle.js';

/**
 * Mounts the app on a fake bridge and lets the first snapshot land. Deltas reach its store as
 * they come (no batching: each test sees the state after each one; fleet-sync.test.ts tests the
 * batcher).
 */
export async function renderApp(bridge: FakeBridge): Promise<RenderResult> {
  const view = render(<App bridge={bridge} deltaBatchMs={0} />);
  await act(settle);
  return view;
}

/** Opens the app on a site's view of `fleet`, with the bridge to emit on. */
export async function openSiteView(fleet: FleetSnapshot, siteId = 's1') {
  window.location.hash = `#/site/${siteId}`;
  const bridge = new FakeBridge(fleet);
  const view = await renderApp(bridge);
  return { bridge, ...view };
}

/** Emits a bridge event inside act(), as React expects for updates from outside. */
export function emit(bridge: FakeBridge, ...args: Parameters<FakeBridge['emit']>): void {
  act(() => {
    bridge.emit(...args);
  });
}

/** Site ids in the order the wall shows them: by the grid row and column of each tile's slot. */
export function wallOrder(container: HTMLElement): string[] {
  const place = (t: HTMLElement) => {
    const slot = t.closest<HTMLElement>('.wall__slot');
    const row = Number.parseInt(slot?.style.gridRow ?? '', 10);
    const column = Number.parseInt(slot?.style.gridColumn ?? '', 10);
    return { id: t.dataset.siteId ?? '', row, column };
  };
  return [...container.querySelectorAll<HTMLElement>('[data-testid="site-tile"]')]
    .map(place)
    .sort((a, b) => a.row - b.row || a.column - b.column)
    .map((t) => t.id);
}

export function cells(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('[data-testid="device"]')];
}

/** The wall's DOM cells as a viewer reads them: tile by tile in wall order, each tile's in order. */
export function cellsInWallOrder(container: HTMLElement): HTMLElement[] {
  return wallOrder(container).flatMap((id) => cells(tile(container, id)));
}

export function tile(container: HTMLElement, siteId: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(
    `[data-testid="site-tile"][data-site-id="${siteId}"]`,
  );
  if (!found) throw new Error(`no tile for site ${siteId}`);
  return found;
}

/**
 * What a screen reader reads of `element`: its text without the parts hidden from assistive
 * technology (decorative glyphs), whitespace collapsed. Counts must say the same words to both.
 */
export function spokenText(element: Element | null): string {
  if (!element) throw new Error('no element');
  const copy = element.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return copy.textContent.replace(/\s+/g, ' ').trim();
}

/**
 * happy-dom fires `hashchange` from a timer of its own; tests dispatch it at once, inside act(),
 * as a browser would have by the time anyone looks.
 */
export function hashChanged(): void {
  act(() => {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}
