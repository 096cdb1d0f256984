import { escapeHtml } from '../crash-page.js';
import { numbered, type DisplayInfo, type Placement, type Rect } from './placement.js';

/**
 * "Identify screens" (the tray's menu): a big number on every attached display for a few
 * seconds, counted left to right, top to bottom (the number a first run gives screen N), with
 * what that display shows now: a configured screen's name, or how to set one up there.
 */

export interface IdentifyLabel {
  readonly displayId: number;
  readonly bounds: Rect;
  /** The display's number, left to right. */
  readonly number: number;
  /** What it shows now, or how to give it a screen. */
  readonly detail: string;
}

export { IDENTIFY_SHOW_MS } from '../../../shared/bridge/screens.js';

export function identifyLabels(
  displays: readonly DisplayInfo[],
  placements: readonly Placement[],
  names: ReadonlyMap<number, string>,
): IdentifyLabel[] {
  return numbered(displays).map((display, index) => {
    const here = placements
      .filter((p) => p.displayId === display.id)
      .map((p) => `${names.get(p.screen) ?? `Display ${p.screen}`} (screen ${p.screen})`);
    const size = `${display.bounds.width}×${display.bounds.height}`;
    return {
      displayId: display.id,
      bounds: display.bounds,
      number: index + 1,
      detail:
        here.length > 0
          ? `${here.join(', ')} · ${size}`
          : `No screen here · ${size} · add "display: ${index + 1}" to the config's displays`,
    };
  });
}

/** The page one display shows: its number across most of the screen, the detail under it. */
export function renderIdentifyPage(label: IdentifyLabel): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Display ${label.number}</title>
<style>
html, body { margin: 0; height: 100%; background: #0a0e13; color: #eef3f8; font-family: system-ui, sans-serif; }
body { display: flex; flex-direction: column; align-items: center; justify-content: center; border: 1vmin solid #4c8dff; box-sizing: border-box; }
.number { font-size: 60vmin; font-weight: 800; line-height: 1; }
.detail { font-size: 3.5vmin; color: #9aa6b2; max-width: 90vw; text-align: center; }
</style></head>
<body><div class="number">${label.number}</div><div class="detail">${escapeHtml(label.detail)}</div></body></html>`;
}
