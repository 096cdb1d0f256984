import { chromeHeight, gridCapacity, MIN_CANVAS_PITCH, WALL_METRICS as M } from './wall-metrics.js';

/** A site as the layout sees it: how many cells its grid needs. */
export interface WallSite {
  readonly id: string;
  readonly devices: number;
  /** Lines of text beyond the usual (not live, flagged): see chromeHeight. */
  readonly extraLines?: number;
  /**
   * Extra lines the tile absorbs by drawing smaller cells (a canvas tile): the plan keeps its
   * pitch for the wall, and only makes room for them when even MIN_CANVAS_PITCH would not hold
   * the site's devices in what is left.
   */
  readonly softLines?: number;
}

/** Drawn as every device's cell, or as counts and the problem devices by name. */
export type TileLook = 'grid' | 'summary';

export interface PlacedTile {
  readonly id: string;
  readonly look: TileLook;
  /** 0-based column and row of the wall's tile grid; the tile spans `span` columns. */
  readonly column: number;
  readonly row: number;
  readonly span: number;
  /** Three lines of text rather than two (wall-metrics.ts, narrowWidth). */
  readonly narrow: boolean;
  /** Lines of problem devices a summary has room for. */
  readonly lines: number;
}

export interface WallPlan {
  readonly columns: number;
  readonly rows: number;
  /** px per cell, gap included; the same on every grid tile of the wall. */
  readonly pitch: number;
  readonly tiles: readonly PlacedTile[];
  /** Sites with no room at all, the healthiest last ones: said on the overflow tile. */
  readonly hidden: readonly string[];
  /** Where the "+N sites" tile goes, when some are hidden. */
  readonly overflow: { readonly column: number; readonly row: number } | null;
}

interface Grid {
  readonly columns: number;
  readonly rows: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
  readonly gap: number;
}

/** Every columns × rows split of the area whose tiles are at least the minimum size. */
function grids(width: number, height: number, u: number): Grid[] {
  const gap = M.gap * u;
  const minHeight = (M.narrowChromeHeight + M.summaryLine) * u;
  const found: Grid[] = [];
  for (let columns = 1; ; columns++) {
    const tileWidth = (width - gap * (columns - 1)) / columns;
    if (tileWidth < M.minTileWidth * u && columns > 1) break;
    for (let rows = 1; ; rows++) {
      const tileHeight = (height - gap * (rows - 1)) / rows;
      if (tileHeight < minHeight && rows > 1) break;
      found.push({ columns, rows, tileWidth, tileHeight, gap });
    }
  }
  return found;
}

/** The fewest columns a site's grid needs at `pitch`, or null when the whole row is too small. */
function spanFor(site: WallSite, grid: Grid, pitch: number, u: number): number | null {
  const devices = Math.max(1, site.devices);
  const soft = (site.softLines ?? 0) * M.extraLine * u;
  for (let span = 1; span <= grid.columns; span++) {
    const width = spanWidth(grid, span);
    const gridWidth = width - M.chromeWidth * u;
    const height = grid.tileHeight - chromeHeight(width, u, site.extraLines);
    if (gridCapacity(gridWidth, height, pitch) < devices) continue;
    // The soft lines' real height varies with their text (a stale site's larger type and age
    // badge): a little slack, or a tile planned to the pixel draws a row short (e2e wall-fit).
    const slack = soft > 0 ? M.softSlack * u : 0;
    if (soft > 0 && gridCapacity(gridWidth, height - soft - slack, MIN_CANVAS_PITCH) < devices) {
      continue;
    }
    return span;
  }
  return null;
}

function spanWidth(grid: Grid, span: number): number {
  return span * grid.tileWidth + (span - 1) * grid.gap;
}

/** A tile's text layout and, for a summary, how many problem lines fit under its text. */
function tileText(
  site: WallSite,
  grid: Grid,
  span: number,
  u: number,
): { narrow: boolean; lines: number } {
  const width = spanWidth(grid, span);
  const extra = (site.extraLines ?? 0) + (site.softLines ?? 0);
  const free = grid.tileHeight - chromeHeight(width, u, extra);
  return {
    narrow: width < M.narrowWidth * u,
    lines: Math.max(1, Math.floor(free / (M.summaryLine * u))),
  };
}

/** A site too big for a grid even on the whole wall is always summarised. */
interface LaidSite extends WallSite {
  readonly tooBig: boolean;
}

/** A summary's text (and one problem line) fits a one-column tile of this grid. */
function summaryFits(site: WallSite, grid: Grid, u: number): boolean {
  const lines = (site.extraLines ?? 0) + (site.softLines ?? 0);
  return grid.tileHeight >= chromeHeight(grid.tileWidth, u, lines) + M.summaryLine * u;
}

interface Placement {
  readonly grid: Grid;
  readonly tiles: PlacedTile[];
  readonly empty: number;
}

/**
 * Places the sites in order, row by row (as CSS grid's auto-placement would): the first
 * `gridSites` of those that can have a grid get one, or the placement fails; the rest a summary.
 */
function place(
  sites: readonly LaidSite[],
  gridSites: number,
  grid: Grid,
  pitch: number,
  u: number,
): Placement | null {
  const tiles: PlacedTile[] = [];
  let column = 0;
  let row = 0;
  let grids = 0;
  for (const site of sites) {
    let span: number | null = null;
    if (!site.tooBig && grids < gridSites) {
      span = spanFor(site, grid, pitch, u);
      if (span === null) return null;
      grids++;
    }
    const width = span ?? 1;
    if (span === null && !summaryFits(site, grid, u)) return null;
    if (column + width > grid.columns) {
      row++;
      column = 0;
    }
    if (row >= grid.rows) return null;
    const look = span === null ? 'summary' : 'grid';
    tiles.push({ id: site.id, look, column, row, span: width, ...tileText(site, grid, width, u) });
    column += width;
  }
  const used = row * grid.columns + column;
  return { grid, tiles, empty: grid.columns * grid.rows - used };
}

/** Lower is better: little empty space, tiles about 3:2 (room for a name and a block of cells). */
function score(placement: Placement): number {
  const { grid, empty, tiles } = placement;
  let misshape = 0;
  for (const tile of tiles) {
    const width = spanWidth(grid, tile.span);
    misshape += Math.abs(Math.log(width / grid.tileHeight / 1.5));
  }
  return empty / (grid.columns * grid.rows) + (0.5 * misshape) / Math.max(1, tiles.length);
}

function best(
  sites: readonly LaidSite[],
  gridSites: number,
  all: readonly Grid[],
  pitch: number,
  u: number,
): Placement | null {
  let chosen: Placement | null = null;
  for (const grid of all) {
    const placement = place(sites, gridSites, grid, pitch, u);
    if (placement && (chosen === null || score(placement) < score(chosen))) chosen = placement;
  }
  return chosen;
}

/** The largest value in [low, high] for which `ok` holds, given that it holds for `low`. */
function largest(low: number, high: number, ok: (value: number) => boolean): number {
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (ok(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The wall's arrangement for an area of `width` × `height` px with type unit `u` (wallUnit) and
 * the sites in wall order (worst first). Densest readable first: as many sites as possible with
 * every device's cell, at the largest pitch that allows; the rest collapse to summaries, the last
 * (healthiest) first; when even summaries do not fit, the last sites give their places to one
 * "+N sites" tile. Nothing is cut without being said.
 */
export function planWall(
  width: number,
  height: number,
  u: number,
  wallSites: readonly WallSite[],
): WallPlan {
  const all = grids(Math.max(1, width), Math.max(1, height), u);
  const minPitch = Math.max(4, Math.ceil(M.minPitch * u));
  const whole = all[0];
  const sites = wallSites.map((site) => ({
    ...site,
    tooBig: whole === undefined || spanFor(site, whole, minPitch, u) === null,
  }));
  const gridable = sites.filter((site) => !site.tooBig).length;
  const maxPitch = Math.max(minPitch, Math.floor(M.maxPitch * u));
  const fits = (gridSites: number, pitch: number) => best(sites, gridSites, all, pitch, u) !== null;

  // Summaries need more height than a small site's one row of cells (a not-live site's summary
  // has an extra line), so "none as grids" may fail where "all as grids" fits: try both.
  const fitsAsSummaries = fits(0, minPitch);
  if (fitsAsSummaries || fits(gridable, minPitch)) {
    const gridSites = fitsAsSummaries ? largest(0, gridable, (m) => fits(m, minPitch)) : gridable;
    const pitch = largest(minPitch, maxPitch, (p) => fits(gridSites, p));
    const chosen = best(sites, gridSites, all, pitch, u);
    if (chosen) return toPlan(chosen, pitch, [], null);
  }
  return overflowPlan(sites, all, minPitch, u);
}

/** Too many sites for even a summary each: the roomiest split, the last slot says the rest. */
function overflowPlan(
  sites: readonly LaidSite[],
  all: readonly Grid[],
  pitch: number,
  u: number,
): WallPlan {
  // Tall enough for the wordiest summary (a not-live site's extra line), if any split is.
  const extra = (site: WallSite) => (site.extraLines ?? 0) + (site.softLines ?? 0);
  const wordiest: WallSite = sites.reduce<WallSite>((a, b) => (extra(b) > extra(a) ? b : a), {
    id: '',
    devices: 0,
  });
  const roomy = all.filter((grid) => summaryFits(wordiest, grid, u));
  const candidates = roomy.length > 0 ? roomy : all;
  const grid = candidates.reduce((a, b) => (b.columns * b.rows > a.columns * a.rows ? b : a));
  const slots = grid.columns * grid.rows;
  const shown = sites.slice(0, slots - 1);
  // Even the roomiest split may be too short for a summary (a tiny window): then no tile, and
  // the overflow tile counts every site — none is left out unsaid.
  const placement = place(shown, 0, grid, pitch, u);
  const tiles = placement?.tiles ?? [];
  const placed = new Set(tiles.map((tile) => tile.id));
  const overflow = {
    column: (slots - 1) % grid.columns,
    row: Math.floor((slots - 1) / grid.columns),
  };
  return toPlan(
    { grid, tiles, empty: 0 },
    pitch,
    sites.filter((site) => !placed.has(site.id)).map((site) => site.id),
    overflow,
  );
}

function toPlan(
  placement: Placement,
  pitch: number,
  hidden: readonly string[],
  overflow: WallPlan['overflow'],
): WallPlan {
  const { grid, tiles } = placement;
  return { columns: grid.columns, rows: grid.rows, pitch, tiles, hidden, overflow };
}
