/**
 * Windows has no badge count: the tray's urgent count is shown as an overlay (a red disc) on
 * each board window's taskbar button, with the count in words for screen readers
 * (`setOverlayIcon`'s description). Kept here with the last count, so a window opened later (a
 * screen added, the ordinary window coming back) gets it at once rather than at the next change
 * of the fleet; windows without a taskbar button (the identify windows, not focusable) are left
 * alone. Electron's parts are behind the adapter below, so a fake tests it.
 */

/** The parts of a BrowserWindow used. */
export interface OverlayWindow<Icon> {
  isDestroyed(): boolean;
  /** False for the identify windows: no taskbar button, nothing to mark. */
  isFocusable(): boolean;
  setOverlayIcon(icon: Icon | null, description: string): void;
}

export interface OverlayHost<Icon> {
  /** Every window open now. */
  windows(): Iterable<OverlayWindow<Icon>>;
  /** Calls `listener` with each window created from now on; returns the unsubscribe. */
  onWindowCreated(listener: (window: OverlayWindow<Icon>) => void): () => void;
  /** The disc drawn on a button while any alert is urgent. */
  icon(): Icon;
}

export function overlayWords(count: number): string {
  if (count <= 0) return '';
  return count === 1 ? '1 urgent alert' : `${count} urgent alerts`;
}

export class TaskbarOverlay<Icon> {
  private count = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly host: OverlayHost<Icon>) {
    this.unsubscribe = host.onWindowCreated((window) => {
      // A window that opens with nothing urgent needs nothing: no button to clear yet.
      if (this.count > 0) this.apply(window);
    });
  }

  /** The urgent count now (the tray's badge); 0 clears every button. */
  set(count: number): void {
    const next = Math.max(0, Math.trunc(count));
    if (next === this.count) return;
    this.count = next;
    for (const window of this.host.windows()) this.apply(window);
  }

  dispose(): void {
    this.unsubscribe();
  }

  private apply(window: OverlayWindow<Icon>): void {
    if (window.isDestroyed() || !window.isFocusable()) return;
    window.setOverlayIcon(this.count > 0 ? this.host.icon() : null, overlayWords(this.count));
  }
}
