import type { Clock, TimerHandle } from '../shared/clock.js';

/**
 * Named one-shot and repeating timers on an injected Clock, all cleared by one call: what lets
 * a SimSite promise that stop() leaves no timer behind.
 */
export class NamedTimers {
  private readonly handles = new Map<string, TimerHandle>();

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.handles.size;
  }

  /** Runs once after `ms`; replaces a pending timer of the same name. */
  after(name: string, ms: number, run: () => void): void {
    this.cancel(name);
    const handle = this.clock.setTimeout(() => {
      this.handles.delete(name);
      run();
    }, ms);
    this.handles.set(name, handle);
  }

  /** Runs every `ms` (re-armed before each run, so a throwing run does not stop the series). */
  every(name: string, ms: number, run: () => void): void {
    this.after(name, ms, () => {
      this.every(name, ms, run);
      run();
    });
  }

  cancel(name: string): void {
    const handle = this.handles.get(name);
    if (handle === undefined) return;
    this.clock.clearTimeout(handle);
    this.handles.delete(name);
  }

  clearAll(): void {
    for (const handle of this.handles.values()) this.clock.clearTimeout(handle);
    this.handles.clear();
  }
}
