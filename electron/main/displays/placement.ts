/**
 * Which display each screen of the wall goes on (docs/displays.md), pure so the whole matrix
 * of display changes is unit-tested (tests/unit/screen-placement.test.ts). Electron never
 * moves windows itself when displays come and go; the window manager calls this on every
 * change and moves them.
 *
 * A screen's home is the display it was last placed on by identity: its id, and its bounds
 * then. Matching, each display taken by one screen at most, in this order:
 * 1. the same display id and bounds (nothing changed);
 * 2. else the same bounds (ids change after a driver update or a re-plug; two displays may even
 *    swap ids, so where a display is outranks what it is called), unless that display is, by
 *    its id, another screen's whose own place is gone (the system moved it into the gap an
 *    unplugged display left);
 * 3. else the same id (its resolution, scale or position changed);
 * 4. else the same top-left corner (a new id and a new resolution);
 * 5. else the same size, nearest (the displays were rearranged, or its own is gone and another
 *    like it is free);
 * 6. a screen with no home yet (a first run) takes the display of its number, counting the
 *    displays left to right, then top to bottom, as the identify screen numbers them;
 * 7. what is left is displaced: onto a display no screen has, the largest first, else onto
 *    the primary display (sharing it). Its home is kept, so it goes back when its display
 *    returns. Every window is always on a display that exists: never off-screen.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What the window manager knows of a display (Electron's `Display`, the parts used). */
export interface DisplayInfo {
  readonly id: number;
  readonly bounds: Rect;
  readonly scaleFactor: number;
  readonly rotation: number;
  readonly primary: boolean;
}

export interface ScreenHome {
  readonly displayId: number;
  readonly bounds: Rect;
}

export interface ScreenWanted {
  /** The screen's number (its layout's `display`). */
  readonly screen: number;
  /** Where it was last placed by identity; null: never (a first run). */
  readonly home: ScreenHome | null;
}

export type PlacedBy = 'id' | 'bounds' | 'position' | 'size' | 'number' | 'displaced';

export interface Placement {
  readonly screen: number;
  readonly displayId: number;
  /** The window's bounds: the whole display (kiosk). */
  readonly bounds: Rect;
  readonly by: PlacedBy;
}

const sameRect = (a: Rect, b: Rect) =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** Left to right, then top to bottom: the order the identify screen numbers displays in. */
export function numbered(displays: readonly DisplayInfo[]): DisplayInfo[] {
  return [...displays].sort(
    (a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id,
  );
}

export function placeScreens(
  wanted: readonly ScreenWanted[],
  displays: readonly DisplayInfo[],
): Placement[] {
  if (displays.length === 0) return [];
  const free = new Set(displays);
  const placed = new Map<number, Placement>();
  const place = (screen: number, display: DisplayInfo, by: PlacedBy) => {
    free.delete(display);
    placed.set(screen, { screen, displayId: display.id, bounds: display.bounds, by });
  };
  const pass = (by: PlacedBy, match: (home: ScreenHome) => DisplayInfo | undefined) => {
    for (const { screen, home } of wanted) {
      if (placed.has(screen) || home === null) continue;
      const display = match(home);
      if (display !== undefined) place(screen, display, by);
    }
  };
  const freeOnes = () => [...free];
  pass('id', (home) =>
    freeOnes().find((d) => d.id === home.displayId && sameRect(d.bounds, home.bounds)),
  );
  // A display whose id is another screen's home, where that screen's own place is gone, is
  // that screen's display moved (the system closed the gap of an unplugged one): not a match by
  // place for someone else.
  const placeGone = (home: ScreenHome) => !displays.some((d) => sameRect(d.bounds, home.bounds));
  const claimedById = (display: DisplayInfo, screen: number) =>
    wanted.some(
      (other) =>
        other.screen !== screen &&
        !placed.has(other.screen) &&
        other.home !== null &&
        other.home.displayId === display.id &&
        placeGone(other.home),
    );
  for (const { screen, home } of wanted) {
    if (placed.has(screen) || home === null) continue;
    const display = freeOnes().find(
      (d) => sameRect(d.bounds, home.bounds) && !claimedById(d, screen),
    );
    if (display !== undefined) place(screen, display, 'bounds');
  }
  pass('id', (home) => freeOnes().find((d) => d.id === home.displayId));
  pass('position', (home) =>
    freeOnes().find((d) => d.bounds.x === home.bounds.x && d.bounds.y === home.bounds.y),
  );
  pass(
    'size',
    (home) =>
      freeOnes()
        .filter(
          (d) => d.bounds.width === home.bounds.width && d.bounds.height === home.bounds.height,
        )
        .sort((a, b) => distance(a.bounds, home.bounds) - distance(b.bounds, home.bounds))[0],
  );
  const order = numbered(displays);
  for (const { screen, home } of wanted) {
    if (placed.has(screen) || home !== null) continue;
    const display = order[screen - 1];
    if (display !== undefined && free.has(display)) place(screen, display, 'number');
  }
  const primary = displays.find((d) => d.primary) ?? order[0];
  for (const { screen } of wanted) {
    if (placed.has(screen)) continue;
    const roomiest = freeOnes().sort((a, b) => area(b.bounds) - area(a.bounds))[0];
    const display = roomiest ?? primary;
    if (display !== undefined) place(screen, display, 'displaced');
  }
  return wanted.flatMap(({ screen }) => {
    const placement = placed.get(screen);
    return placement === undefined ? [] : [placement];
  });
}

function area(rect: Rect): number {
  return rect.width * rect.height;
}

function distance(a: Rect, b: Rect): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/**
 * The homes to remember after a placement: a screen placed by its display's id, bounds or
 * position (or its number on a first run) is at home on that display now, its id and bounds as
 * they are. One placed by size alone, or displaced, keeps the home it had: on a wall of same-size
 * displays, "the same size" is as likely a neighbour standing in for a display that went away,
 * and the screen must go back when that display returns.
 */
export function homesAfter(
  placements: readonly Placement[],
  displays: readonly DisplayInfo[],
): Map<number, ScreenHome> {
  const homes = new Map<number, ScreenHome>();
  for (const placement of placements) {
    if (placement.by === 'displaced' || placement.by === 'size') continue;
    const display = displays.find((d) => d.id === placement.displayId);
    if (display) homes.set(placement.screen, { displayId: display.id, bounds: display.bounds });
  }
  return homes;
}
