import { describe, expect, it } from 'vitest';
import {
  TaskbarOverlay,
  overlayWords,
  type OverlayHost,
  type OverlayWindow,
} from '../../electron/main/tray/taskbar-overlay.js';

/** A window's taskbar button as the fake sees it: the overlay last set, or none. */
class FakeWindow implements OverlayWindow<string> {
  overlay: { icon: string | null; words: string } | null = null;
  destroyed = false;
  constructor(private readonly focusable = true) {}
  isDestroyed() {
    return this.destroyed;
  }
  isFocusable() {
    return this.focusable;
  }
  setOverlayIcon(icon: string | null, words: string) {
    if (this.destroyed) throw new Error('set on a destroyed window');
    this.overlay = { icon, words };
  }
}

class FakeHost implements OverlayHost<string> {
  readonly open: FakeWindow[] = [];
  listeners = new Set<(window: OverlayWindow<string>) => void>();
  windows() {
    return this.open;
  }
  onWindowCreated(listener: (window: OverlayWindow<string>) => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
  icon() {
    return 'red disc';
  }
  create(focusable = true): FakeWindow {
    const window = new FakeWindow(focusable);
    this.open.push(window);
    for (const listener of this.listeners) listener(window);
    return window;
  }
}

describe('the Windows taskbar overlay for urgent alerts', () => {
  it('marks every board window with the count in words, and clears them at 0', () => {
    const host = new FakeHost();
    const board = host.create();
    const screen = host.create();
    const overlay = new TaskbarOverlay(host);
    overlay.set(3);
    expect(board.overlay).toEqual({ icon: 'red disc', words: '3 urgent alerts' });
    expect(screen.overlay).toEqual({ icon: 'red disc', words: '3 urgent alerts' });
    overlay.set(1);
    expect(board.overlay).toEqual({ icon: 'red disc', words: '1 urgent alert' });
    overlay.set(0);
    expect(board.overlay).toEqual({ icon: null, words: '' });
    expect(screen.overlay).toEqual({ icon: null, words: '' });
  });

  it('marks a window opened later at once, not at the next change of the fleet', () => {
    const host = new FakeHost();
    const overlay = new TaskbarOverlay(host);
    overlay.set(2);
    const later = host.create();
    expect(later.overlay).toEqual({ icon: 'red disc', words: '2 urgent alerts' });
    overlay.set(0);
    // With nothing urgent a new window is left as it opened.
    const quiet = host.create();
    expect(quiet.overlay).toBeNull();
  });

  it('leaves windows without a taskbar button (identify) and closed windows alone', () => {
    const host = new FakeHost();
    const identify = host.create(false);
    const closed = host.create();
    closed.destroyed = true;
    const overlay = new TaskbarOverlay(host);
    overlay.set(5);
    host.create(false);
    expect(identify.overlay).toBeNull();
    expect(closed.overlay).toBeNull();
    expect(host.open.filter((w) => w.overlay !== null)).toHaveLength(0);
  });

  it('stops following new windows once disposed', () => {
    const host = new FakeHost();
    const overlay = new TaskbarOverlay(host);
    overlay.set(4);
    overlay.dispose();
    expect(host.listeners.size).toBe(0);
    expect(host.create().overlay).toBeNull();
  });

  it('says nothing for no urgent alert', () => {
    expect(overlayWords(0)).toBe('');
    expect(overlayWords(12)).toBe('12 urgent alerts');
  });
});
