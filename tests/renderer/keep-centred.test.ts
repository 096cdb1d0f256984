import { describe, expect, it } from 'vitest';
import {
  keepCentred,
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
