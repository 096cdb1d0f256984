import type { Clock, TimerHandle } from '../../shared/clock.js';

interface Pending {
  id: number;
  due: number;
  callback: () => void;
}

/** A manual clock: time moves only when a test calls advance(). */
export class FakeClock implements Clock {
  private time: number;
  private nextId = 1;
  private pending: Pending[] = [];

  constructor(start = Date.UTC(2026, 10, 26, 9, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.pending.push({ id, due: this.time + Math.max(0, ms), callback });
    return id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    const id = handle as unknown as number;
    this.pending = this.pending.filter((p) => p.id !== id);
  }

  /** Timers not yet fired: a disposed object must leave none behind. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** Moves time forward, firing due timers in order (timers they set fire too if due). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.pending.reduce<Pending | undefined>(
        (best, p) => (p.due <= end && (!best || p.due < best.due) ? p : best),
        undefined,
      );
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.time = next.due;
      next.callback();
    }
    this.time = end;
  }
}
