import { describe, expect, it } from 'vitest';
import {
  homesAfter,
  placeScreens,
  type DisplayInfo,
  type Placement,
  type ScreenHome,
  type ScreenWanted,
} from '../../electron/main/displays/placement.js';

/**
 * Which display each screen of the wall goes on as displays come, go and change: the matrix of
 * issue 12 (added, removed, ids changed, resolution changed, all removed but one, scale
 * factors), and a screen goes back home when its display returns.
 */

function display(id: number, x: number, over: Partial<DisplayInfo> = {}): DisplayInfo {
  return {
    id,
    bounds: { x, y: 0, width: 1920, height: 1080 },
    scaleFactor: 1,
    rotation: 0,
    primary: x === 0,
    ...over,
  };
}

const LEFT = display(11, 0);
const MIDDLE = display(12, 1920);
const RIGHT = display(13, 3840);

/** Places, then remembers homes the way the window manager does, for the next change. */
function run(homes: Map<number, ScreenHome>, screens: number[], displays: DisplayInfo[]) {
  const wanted: ScreenWanted[] = screens.map((screen) => ({
    screen,
    home: homes.get(screen) ?? null,
  }));
  const placements = placeScreens(wanted, displays);
  for (const [screen, home] of homesAfter(placements, displays)) homes.set(screen, home);
  return placements;
}

const where = (placements: Placement[]) =>
  Object.fromEntries(placements.map((p) => [p.screen, `${p.displayId}:${p.by}`]));

function onScreen(placements: Placement[], displays: DisplayInfo[]) {
  for (const p of placements) {
    const d = displays.find((candidate) => candidate.id === p.displayId);
    expect(d, `screen ${p.screen} on a display that exists`).toBeDefined();
    expect(p.bounds).toEqual(d?.bounds);
  }
}

describe('placeScreens', () => {
  it('numbers displays left to right on a first run', () => {
    const homes = new Map<number, ScreenHome>();
    const displays = [RIGHT, LEFT, MIDDLE];
    expect(where(run(homes, [1, 2, 3], displays))).toEqual({
      1: '11:number',
      2: '12:number',
      3: '13:number',
    });
    expect(homes.get(2)).toEqual({ displayId: 12, bounds: MIDDLE.bounds });
  });

  it('moves a screen whose display is removed to a free display, and back when it returns', () => {
    const homes = new Map<number, ScreenHome>();
    run(homes, [1, 2], [LEFT, MIDDLE, RIGHT]);
    const without = [LEFT, RIGHT];
    const moved = run(homes, [1, 2], without);
    // The free display of the same size stands in for it.
    expect(where(moved)).toEqual({ 1: '11:id', 2: '13:size' });
    onScreen(moved, without);
    // Its home is kept while displaced: it goes back when the display comes back.
    expect(where(run(homes, [1, 2], [LEFT, MIDDLE, RIGHT]))).toEqual({ 1: '11:id', 2: '12:id' });
  });

  it('leaves a display that is added alone until a screen is set up for it', () => {
    const homes = new Map<number, ScreenHome>();
    run(homes, [1], [LEFT]);
    expect(where(run(homes, [1], [LEFT, MIDDLE]))).toEqual({ 1: '11:id' });
  });

  it('finds screens by their bounds when the display ids change (a driver update)', () => {
    const homes = new Map<number, ScreenHome>();
    run(homes, [1, 2, 3], [LEFT, MIDDLE, RIGHT]);
    const renumbered = [display(21, 3840), display(22, 0), display(23, 1920)];
    expect(where(run(homes, [1, 2, 3], renumbered))).toEqual({
      1: '22:bounds',
      2: '23:bounds',
      3: '21:bounds',
    });
    // Remembered under the new ids: next time by id.
    expect(where(run(homes, [1, 2, 3], renumbered))).toEqual({
      1: '22:id',
      2: '23:id',
      3: '21:id',
    });
  });

  it('keeps a screen on its display when the resolution or the scale factor changes, new ids and all', () => {
    const homes = new Map<number, ScreenHome>();
    run(homes, [1, 2], [LEFT, MIDDLE]);
    const bigger = [
      display(31, 0, { bounds: { x: 0, y: 0, width: 3840, height: 2160 }, scaleFactor: 2 }),
      display(32, 1920, { bounds: { x: 1920, y: 0, width: 1280, height: 720 }, scaleFactor: 1.5 }),
    ];
    const placed = run(homes, [1, 2], bigger);
    expect(where(placed)).toEqual({ 1: '31:position', 2: '32:position' });
    onScreen(placed, bigger);
    // Same id, other resolution: by id, with the new bounds.
    const scaled = [
      display(31, 0, { bounds: { x: 0, y: 0, width: 2560, height: 1440 }, scaleFactor: 1.5 }),
      bigger[1] as DisplayInfo,
    ];
    const again = run(homes, [1, 2], scaled);
    expect(where(again)).toEqual({ 1: '31:id', 2: '32:id' });
    expect(again[0]?.bounds).toEqual({ x: 0, y: 0, width: 2560, height: 1440 });
  });

  it('finds a screen by its size when the displays were rearranged', () => {
    const homes = new Map<number, ScreenHome>();
    const portrait = display(14, 1920, { bounds: { x: 1920, y: 0, width: 1080, height: 1920 } });
    run(homes, [1, 2], [LEFT, portrait]);
    const rearranged = [
      display(41, 1080),
      display(42, 0, { bounds: { x: 0, y: -200, width: 1080, height: 1920 } }),
    ];
    expect(where(run(homes, [1, 2], rearranged))).toEqual({ 1: '41:size', 2: '42:size' });
    // Stable while the wall stays so: found by size again.
    expect(where(run(homes, [1, 2], rearranged))).toEqual({ 1: '41:size', 2: '42:size' });
  });

  it('puts every screen on the one display left when all but one are removed, and spreads them again after', () => {
    const homes = new Map<number, ScreenHome>();
    run(homes, [1, 2, 3], [LEFT, MIDDLE, RIGHT]);
    const one = [MIDDLE];
    const placed = run(homes, [1, 2, 3], one);
    expect(where(placed)).toEqual({ 1: '12:displaced', 2: '12:id', 3: '12:displaced' });
    onScreen(placed, one);
    expect(where(run(homes, [1, 2, 3], [LEFT, MIDDLE, RIGHT]))).toEqual({
      1: '11:id',
      2: '12:id',
      3: '13:id',
    });
  });

  it('places nothing when there is no display, and a screen with no display of its number on the roomiest free one', () => {
    expect(placeScreens([{ screen: 1, home: null }], [])).toEqual([]);
    const small = display(51, 1920, {
      bounds: { x: 1920, y: 0, width: 1280, height: 720 },
      primary: false,
    });
    const placed = placeScreens(
      [
        { screen: 1, home: null },
        { screen: 5, home: null },
      ],
      [LEFT, small, RIGHT],
    );
    expect(where(placed)).toEqual({ 1: '11:number', 5: '13:displaced' });
  });

  it('goes by where a display is when two displays swap ids', () => {
    const homes = new Map<number, ScreenHome>();
    run(homes, [1, 2], [display(1, 0), display(2, 1920)]);
    const swapped = [display(2, 0), display(1, 1920)];
    expect(where(run(homes, [1, 2], swapped))).toEqual({ 1: '2:bounds', 2: '1:bounds' });
  });

  it('keeps each screen on its own display when the system closes the gap of an unplugged one', () => {
    const homes = new Map<number, ScreenHome>();
    run(homes, [1, 2, 3], [display(1, 0), display(2, 1920), display(3, 3840)]);
    // The middle display is unplugged; the right one moves left into its place.
    const closed = [display(1, 0), display(3, 1920)];
    expect(where(run(homes, [1, 2, 3], closed))).toEqual({
      1: '1:id',
      2: '1:displaced',
      3: '3:id',
    });
    expect(homes.get(2)?.displayId).toBe(2);
  });
});
