import { describe, expect, it } from 'vitest';
import { planWall, type WallPlan, type WallSite } from '../../renderer/src/layout/wall-layout.js';
import {
  chromeHeight,
  gridCapacity,
  WALL_METRICS,
  wallUnit,
} from '../../renderer/src/layout/wall-metrics.js';

/**
 * The wall's layout plan (wall-layout.ts) on the screens the wall is shown on: every site is on
 * it exactly once (or said on the overflow tile), tiles stay inside the grid and apart, and a
 * tile the plan gives a grid really holds every device's cell at the plan's pitch.
 */

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
  { width: 1080, height: 1920 },
] as const;
const FLEETS = [
  { sites: 6, devices: 80 },
  { sites: 50, devices: 200 },
] as const;
/** The header above the wall, in u: WallView's area is the viewport less about this. */
const HEADER = 4;

function fleet(sites: number, devices: number, prefix = 's'): WallSite[] {
  return Array.from({ length: sites }, (_, i) => ({ id: `${prefix}${i}`, devices }));
}

/** The wall's area and unit for a viewport, as WallView measures them. */
function area(width: number, height: number): { width: number; height: number; u: number } {
  const u = wallUnit(width, height);
  return { width, height: height - HEADER * u, u };
}

function planFor(width: number, height: number, sites: readonly WallSite[]): WallPlan {
  const a = area(width, height);
  return planWall(a.width, a.height, a.u, sites);
}

/** Every grid slot a tile covers, as "column,row"; throws on a tile outside the grid. */
function covered(plan: WallPlan): string[] {
  const slots: string[] = [];
  for (const tile of plan.tiles) {
    expect(tile.span, `${tile.id} span`).toBeGreaterThanOrEqual(1);
    expect(tile.column, `${tile.id} column`).toBeGreaterThanOrEqual(0);
    expect(tile.row, `${tile.id} row`).toBeGreaterThanOrEqual(0);
    expect(tile.column + tile.span, `${tile.id} right edge`).toBeLessThanOrEqual(plan.columns);
    expect(tile.row, `${tile.id} row`).toBeLessThan(plan.rows);
    for (let c = tile.column; c < tile.column + tile.span; c++) slots.push(`${c},${tile.row}`);
  }
  if (plan.overflow) slots.push(`${plan.overflow.column},${plan.overflow.row}`);
  return slots;
}

/** The cells a tile's grid holds at the plan's pitch, recomputed from the metrics. */
function tileCapacity(plan: WallPlan, width: number, height: number, u: number, span: number) {
  const gap = WALL_METRICS.gap * u;
  const tileWidth = (width - gap * (plan.columns - 1)) / plan.columns;
  const tileHeight = (height - gap * (plan.rows - 1)) / plan.rows;
  const spanned = span * tileWidth + (span - 1) * gap;
  return gridCapacity(
    spanned - WALL_METRICS.chromeWidth * u,
    tileHeight - chromeHeight(spanned, u),
    plan.pitch,
  );
}

function expectSound(
  plan: WallPlan,
  sites: readonly WallSite[],
  a: { width: number; height: number; u: number },
) {
  // Each site exactly once, on a tile or on the overflow tile.
  const shown = plan.tiles.map((t) => t.id);
  expect(new Set(shown).size, 'no site twice').toBe(shown.length);
  expect([...shown, ...plan.hidden].sort()).toEqual(sites.map((s) => s.id).sort());
  expect(plan.overflow === null).toBe(plan.hidden.length === 0);
  // Inside the grid, no two tiles (or a tile and the overflow slot) on the same slot.
  const slots = covered(plan);
  expect(new Set(slots).size, 'overlapping tiles').toBe(slots.length);
  if (plan.overflow) {
    expect(plan.overflow.column).toBeLessThan(plan.columns);
    expect(plan.overflow.row).toBeLessThan(plan.rows);
  }
  // Readable cells, and room for every device of every grid tile.
  expect(plan.pitch).toBeGreaterThanOrEqual(WALL_METRICS.minPitch * a.u);
  const devices = new Map(sites.map((s) => [s.id, s.devices]));
  for (const tile of plan.tiles.filter((t) => t.look === 'grid')) {
    const holds = tileCapacity(plan, a.width, a.height, a.u, tile.span);
    expect(holds, `cells of ${tile.id}`).toBeGreaterThanOrEqual(devices.get(tile.id) ?? 0);
  }
}

describe('planWall on real screens', () => {
  describe.each(VIEWPORTS)('$width×$height', ({ width, height }) => {
    it.each(FLEETS)('places $sites sites × $devices devices soundly', ({ sites, devices }) => {
      const all = fleet(sites, devices);
      const a = area(width, height);
      const plan = planWall(a.width, a.height, a.u, all);
      expectSound(plan, all, a);
      expect(plan.hidden).toEqual([]);
      expect(plan.tiles).toHaveLength(sites);
    });
  });

  it('gives all 50 sites of 200 devices their cells at 1920×1080', () => {
    const plan = planFor(1920, 1080, fleet(50, 200));
    expect(plan.tiles.map((t) => t.look)).toEqual(Array<string>(50).fill('grid'));
  });

  it('summarises a 50,000-device site and keeps the small ones as grids', () => {
    const sites = [
      { id: 'huge', devices: 50_000 },
      ...fleet(5, 80, 'small'),
      ...fleet(6, 20, 'tiny'),
    ];
    for (const { width, height } of VIEWPORTS) {
      const a = area(width, height);
      const plan = planWall(a.width, a.height, a.u, sites);
      expectSound(plan, sites, a);
      const looks = Object.fromEntries(plan.tiles.map((t) => [t.id, t.look]));
      expect(looks.huge, `${width}×${height}`).toBe('summary');
      for (const site of sites.slice(1)) {
        expect(looks[site.id], `${site.id} at ${width}×${height}`).toBe('grid');
      }
      const huge = plan.tiles.find((t) => t.id === 'huge');
      expect(huge?.lines).toBeGreaterThanOrEqual(1);
    }
  });

  it('hides the last (healthiest) sites behind an overflow slot when even summaries do not fit', () => {
    const sites = fleet(300, 10);
    const a = area(1280, 720);
    const plan = planWall(a.width, a.height, a.u, sites);
    expectSound(plan, sites, a);
    expect(plan.hidden.length).toBeGreaterThan(0);
    expect(plan.overflow).not.toBeNull();
    const shown = plan.tiles.length;
    expect(shown + plan.hidden.length).toBe(300);
    // The first sites in wall order (worst first) are shown; the hidden are the last ones.
    expect(plan.tiles.map((t) => t.id)).toEqual(sites.slice(0, shown).map((s) => s.id));
    expect(plan.hidden).toEqual(sites.slice(shown).map((s) => s.id));
    // Every slot of the grid is used: the tiles, then the overflow tile in the last one.
    expect(shown + 1).toBe(plan.columns * plan.rows);
    expect(plan.overflow).toEqual({
      column: shown % plan.columns,
      row: Math.floor(shown / plan.columns),
    });
  });

  it('scales with the viewport: at 4K the same wall with about twice the pitch', () => {
    for (const { sites, devices } of FLEETS) {
      const all = fleet(sites, devices);
      const hd = planFor(1920, 1080, all);
      const uhd = planFor(3840, 2160, all);
      expect([uhd.columns, uhd.rows]).toEqual([hd.columns, hd.rows]);
      expect(uhd.tiles.map((t) => [t.id, t.look, t.span])).toEqual(
        hd.tiles.map((t) => [t.id, t.look, t.span]),
      );
      expect(uhd.pitch / hd.pitch).toBeGreaterThanOrEqual(1.8);
      expect(uhd.pitch / hd.pitch).toBeLessThanOrEqual(2.2);
    }
  });

  it('plans something for a tiny area without throwing', () => {
    for (const sites of [fleet(1, 5), fleet(6, 80), fleet(300, 10), [{ id: 'x', devices: 0 }]]) {
      const u = wallUnit(200, 100);
      const plan = planWall(200, 100, u, sites);
      expect(plan.columns).toBeGreaterThanOrEqual(1);
      expect(plan.rows).toBeGreaterThanOrEqual(1);
      expect(plan.tiles.length + plan.hidden.length).toBe(sites.length);
      const slots = covered(plan);
      expect(new Set(slots).size).toBe(slots.length);
    }
    expect(() => planWall(0, 0, 12, fleet(3, 10))).not.toThrow();
  });
});

describe('a wall too short for even one summary', () => {
  it('shows no tile and counts every site on the overflow tile rather than dropping any', () => {
    const sites = Array.from({ length: 30 }, (_, i) => ({
      id: `s${i}`,
      devices: 5,
      extraLines: 1,
    }));
    const plan = planWall(1920, 60, 12, sites);
    const shown = plan.tiles.map((tile) => tile.id);
    expect(plan.overflow).not.toBeNull();
    expect([...shown, ...plan.hidden].sort()).toEqual(sites.map((site) => site.id).sort());
    expect(new Set([...shown, ...plan.hidden]).size).toBe(30);
  });

  it('gives small not-live sites a row of cells when a summary would not fit their tile', () => {
    // u = 20; three one-device sites, one not live: a tile of ~130 px holds the text and a row
    // of cells, not the text and a summary line.
    const sites = [
      { id: 'stale', devices: 1, extraLines: 1 },
      { id: 'b', devices: 1 },
      { id: 'c', devices: 1 },
    ];
    const plan = planWall(1900, 130, 20, sites);
    expect(plan.hidden).toEqual([]);
    expect(plan.tiles.map((tile) => tile.id).sort()).toEqual(['b', 'c', 'stale']);
  });
});
