/**
 * Which windows the desktop app shows (docs/displays.md): a kiosk window per screen of the wall
 * when the wall has screens, else the one board window. The screens change while it runs (a
 * technician sets them in the screens view), so this follows them: new screens open, screens
 * taken off close, and the app is never left without a window (Electron quits when the last
 * closes). Generic over the window so it is tested with fakes (tests/unit/board-windows.test.ts).
 */

export interface BoardWindow {
  isDestroyed(): boolean;
}

/** The wall's windows (electron/main/wall-screens.ts). */
export interface Wall<W extends BoardWindow> {
  /** The window of the lowest-numbered screen that is open. */
  first(): W | null;
  setScreens(screens: readonly number[]): void;
  dispose(): void;
}

export interface BoardOpeners<W extends BoardWindow, L extends Wall<W>> {
  /** Opens the wall's screens (kiosk windows on their displays). */
  wall(screens: readonly number[]): L;
  /** Opens the one board window (a technician's desktop). */
  single(): W;
}

export class BoardWindows<W extends BoardWindow, L extends Wall<W> = Wall<W>> {
  private wall: L | null = null;
  private single: W | null = null;
  private disposed = false;

  constructor(
    private readonly open: BoardOpeners<W, L>,
    screens: readonly number[],
  ) {
    if (screens.length > 0) this.wall = open.wall(screens);
    else this.single = open.single();
  }

  /** The window a notice's click or the tray's "Show the board" brings forward. */
  board(): W | null {
    if (this.single && !this.single.isDestroyed()) return this.single;
    return this.wall?.first() ?? null;
  }

  /** The wall runs its screens (a notice's click does not send one elsewhere). */
  get wallRuns(): boolean {
    return this.wall !== null;
  }

  /** The wall, while it has screens (where each is: the tray's "Identify screens"). */
  get currentWall(): L | null {
    return this.wall;
  }

  /** The wall's screens now: opened, closed, or the one window instead. */
  setScreens(screens: readonly number[]): void {
    if (this.disposed) return;
    if (screens.length > 0) {
      // The window a technician works in (if open) stays: the screens open beside it.
      if (this.wall) this.wall.setScreens(screens);
      else this.wall = this.open.wall(screens);
      return;
    }
    if (this.wall === null) return;
    // No screens left: the one window first, so the app always has a window and does not quit.
    if (this.single === null || this.single.isDestroyed()) this.single = this.open.single();
    this.wall.dispose();
    this.wall = null;
  }

  /** Closes the wall's windows (before quitting: a display event must not open one again). */
  dispose(): void {
    this.disposed = true;
    this.wall?.dispose();
    this.wall = null;
  }
}
