/**
 * Calls every listener with `value`. One that throws is reported and skipped: a broken
 * subscriber (a view, a window) must never stop ingest or updates for everyone else.
 */
export function notifyAll<T>(listeners: Iterable<(value: T) => void>, value: T, who: string): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch (error) {
      console.error(`${who}: a subscriber failed:`, error);
    }
  }
}
