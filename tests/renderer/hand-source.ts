/**
 * A store stand-in for HeldSelection tests (layout/held-selection.ts): a value the test changes
 * by hand (`set`, the held value's own change), a change elsewhere in the store (`other`), and
 * how many listeners it has (for the dispose tests).
 */
export function handSource(start: number) {
  const listeners = new Set<(mine: boolean) => void>();
  const src = {
    value: start,
    set(value: number) {
      src.value = value;
      for (const listener of listeners) listener(true);
    },
    other() {
      for (const listener of listeners) listener(false);
    },
    get listeners() {
      return listeners.size;
    },
    subscribe: (listener: (mine: boolean) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return src;
}
