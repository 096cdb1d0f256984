// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import {
  keepCentred,
  pageWatch,
  type Centrable,
  type CentreWatch,
} from '../../renderer/src/sla/keep-centred.js';

/** A row that counts the times it was scrolled to the middle. */
class Row implements Centrable {
  scrolls = 0;
  scrollIntoView(options: ScrollIntoViewOptions): void {
    expect(options.block).toBe('center');
    this.scrolls++;
  }
}

/** The size changes and the person's actions, when the test says so. */
class FakeWatch implements CentreWatch {
  readonly sizeListeners = new Set<() => void>();
  readonly personListeners = new Set<() => void>();
  resized(_target: Element, changed: () => void): () => void {
    this.sizeListeners.add(changed);
    return () => this.sizeListeners.delete(changed);
  }
  personActs(acted: () => void): () => void {
    this.personListeners.add(acted);
    return () => this.personListeners.delete(acted);
  }
  resize(): void {
    for (const listener of [...this.sizeListeners]) listener();
  }
  act(): void {
    for (const listener of [...this.personListeners]) listener();
  }
}

const rows = {} as Element;

describe('keepCentred (the SLA board row a notice was about)', () => {
  it('centres the row, and again each time the rows around it take their true heights', () => {
    const row = new Row();
    const watch = new FakeWatch();
    keepCentred(row, rows, watch);
    expect(row.scrolls).toBe(1);
    // Rows laid out taller than their estimate; later, the app's info adds the actions column.
    watch.resize();
    watch.resize();
    expect(row.scrolls).toBe(3);
  });

  it('lets go once the person scrolls, clicks or types, and frees what it watched', () => {
    const row = new Row();
    const watch = new FakeWatch();
    keepCentred(row, rows, watch);
    watch.act();
    expect(watch.sizeListeners.size).toBe(0);
    expect(watch.personListeners.size).toBe(0);
    watch.resize();
    expect(row.scrolls).toBe(1);
  });

  it('its stop frees everything (the row unmounted, or another was focused)', () => {
    const row = new Row();
    const watch = new FakeWatch();
    const stop = keepCentred(row, rows, watch);
    stop();
    expect(watch.sizeListeners.size).toBe(0);
    expect(watch.personListeners.size).toBe(0);
    watch.resize();
    expect(row.scrolls).toBe(1);
    stop();
  });
});

describe("keepCentred's page watch (a ResizeObserver and the window's events)", () => {
  /** Observers made while the test runs, with their callbacks and targets. */
  class FakeObserver {
    static made: FakeObserver[] = [];
    readonly targets: Element[] = [];
    disconnected = false;
    constructor(readonly callback: () => void) {
      FakeObserver.made.push(this);
    }
    observe(target: Element): void {
      this.targets.push(target);
    }
    disconnect(): void {
      this.disconnected = true;
    }
  }

  it('re-centres at the frame after a size change, and removes every listener it added', () => {
    FakeObserver.made = [];
    vi.stubGlobal('ResizeObserver', FakeObserver);
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', (handle: number) => {
      frames[handle - 1] = () => undefined;
    });
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    try {
      const row = new Row();
      const list = document.createElement('div');
      const stop = keepCentred(row, list, pageWatch);
      const observer = FakeObserver.made[0];
      expect(observer?.targets).toEqual([list]);
      // Two changes in one frame: one scroll, at the frame, not in the observer's callback.
      observer?.callback();
      observer?.callback();
      expect(row.scrolls).toBe(1);
      expect(frames).toHaveLength(1);
      frames[0]?.();
      expect(row.scrolls).toBe(2);
      const names = added.mock.calls.map(([name]) => name).sort();
      expect(names).toEqual(['keydown', 'pointerdown', 'touchstart', 'wheel']);
      // A change waiting for its frame when the person acts: dropped with everything else.
      observer?.callback();
      window.dispatchEvent(new Event('pointerdown'));
      frames[1]?.();
      expect(row.scrolls).toBe(2);
      expect(observer?.disconnected).toBe(true);
      // Each removal matches its addition (same listener, same capture), so none is left.
      expect(
        removed.mock.calls.map(([name, listener, options]) => [name, listener, options]).sort(),
      ).toEqual(
        added.mock.calls.map(([name, listener, options]) => [name, listener, options]).sort(),
      );
      stop();
      expect(removed).toHaveBeenCalledTimes(4);
    } finally {
      added.mockRestore();
      removed.mockRestore();
      vi.unstubAllGlobals();
    }
  });
});
