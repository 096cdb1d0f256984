/**
 * The wall's sizes, in units of `u`: the type unit, a fixed share of the viewport's shorter side
 * (wallUnit), so a 4K TV shows the same picture as a 1080p screen, twice the pixels. wall.css
 * uses the same numbers through `--u`; the layout (wall-layout.ts) plans with them, so a tile the
 * plan says fits does fit.
 */
export const WALL_METRICS = {
  /** Between tiles. */
  gap: 0.4,
  /** A tile's name line, status line, paddings and the gaps between them (with some slack). */
  chromeHeight: 3.6,
  /** A narrow tile's: name; roll-up and freshness; counts (three lines). */
  narrowChromeHeight: 4.7,
  /**
   * One more line of text: a not-live site's freshness (its state word, reason and age, in
   * larger type) and a site's flags (DEGRADED, CLOCK AHEAD) each take one.
   */
  extraLine: 1.3,
  /**
   * Slack under a canvas tile's soft lines (wall-layout.ts): a narrow tile gone stale measured
   * a few px taller than planned and drew 172 of its 200 cells.
   */
  softSlack: 0.4,
  /** Narrower than this, a tile's text takes three lines (SiteTile's `narrow`). */
  narrowWidth: 20,
  /** A tile's side paddings, its roll-up edge and borders. */
  chromeWidth: 1.6,
  /** Narrower, and a site's name is cut to a few letters. */
  minTileWidth: 8,
  /** One line of a summary's problem list. */
  summaryLine: 1.15,
  /** The smallest cell pitch (cell and gap) still readable as a coloured square: 8 px at 1080p. */
  minPitch: 0.4,
  /** The largest: a small fleet's cells, with their glyphs, read from across the room. */
  maxPitch: 2.4,
} as const;

/**
 * The smallest pitch (px) a canvas tile shrinks its own cells to when its tile has less room
 * than planned (a not-live site's extra line on a big wall): 3 px squares and a 1 px gap.
 */
export const MIN_CANVAS_PITCH = 4;

/**
 * The type unit in px for a viewport: 20 px at 1920×1080 and 1080×1920, 40 px at 3840×2160; a
 * screen's `zoom` (docs/displays.md) multiplies it, as `--zoom` does in .app__main (header.css).
 */
export function wallUnit(viewportWidth: number, viewportHeight: number, zoom = 1): number {
  return Math.max(12, (Math.min(viewportWidth, viewportHeight) / 54) * zoom);
}

/** The gap inside a cell pitch: about 15 %, at least one pixel. */
export function cellGap(pitch: number): number {
  return Math.max(1, Math.round(pitch * 0.15));
}

/** Cells a grid of `width` × `height` px holds at `pitch` (the last column and row need no gap). */
export function gridCapacity(width: number, height: number, pitch: number): number {
  const gap = cellGap(pitch);
  const columns = Math.floor((width + gap) / pitch);
  const rows = Math.floor((height + gap) / pitch);
  return Math.max(0, columns) * Math.max(0, rows);
}

/**
 * A tile's text height (px) for its width: three lines when narrow, else two, and `extraLines`
 * more (a not-live site's freshness line, a line of flags).
 */
export function chromeHeight(tileWidth: number, u: number, extraLines = 0): number {
  const base =
    tileWidth < WALL_METRICS.narrowWidth * u
      ? WALL_METRICS.narrowChromeHeight
      : WALL_METRICS.chromeHeight;
  return (base + extraLines * WALL_METRICS.extraLine) * u;
}
