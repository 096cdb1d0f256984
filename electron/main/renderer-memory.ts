import type { Clock, TimerHandle } from '../../shared/clock.js';

/** What the memory ceiling needs of a board window: fakes in tests. */
export interface MeasuredPageLike {
  /**
   * The page's renderer process memory, MB (its own getProcessMemoryInfo's private memory, or
   * the app metrics' working set when it does not answer); null when it cannot be read.
   */
  memoryMb(): Promise<number | null>;
  /** Loads the board again (the window's dark background shows meanwhile, not white). */
  reload(): void;
  isDestroyed(): boolean;
}

export interface MemoryPolicy {
  /** Above this, a planned reload at the next quiet moment. */
  readonly ceilingMb: number;
  readonly checkEveryMs: number;
  /**
   * At least this long between planned reloads: a reload that does not bring the memory down
   * (the same renderer process kept) must not become a reload a minute.
   */
  readonly minGapMs: number;
}

export const DEFAULT_MEMORY_POLICY: MemoryPolicy = {
  ceilingMb: 1536,
  checkEveryMs: 60_000,
  minGapMs: 3_600_000,
};

export interface MemoryHealth {
  readonly checks: number;
  readonly lastMb: number | null;
  readonly plannedReloads: number;
  /** Over the ceiling, waiting for a quiet moment. */
  readonly waiting: boolean;
}

/**
 * A board that runs for months must not grow without end: each minute the window's renderer
 * memory is read (renderer-memory-reader.ts); above the ceiling, the board is reloaded at the next
 * quiet moment (the caller says when: nobody has touched it lately, no alarm is showing), from
 * the hub's snapshot, with the window's dark background meanwhile. Counted and logged.
 */
export class MemoryCeiling {
  private timer: TimerHandle | null = null;
  private disposed = false;
  private totals = { checks: 0, plannedReloads: 0 };
  private lastMb: number | null = null;
  private over = false;
  private lastReloadAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly page: MeasuredPageLike,
    private readonly clock: Clock,
    private readonly quiet: () => boolean,
    private readonly policy: MemoryPolicy = DEFAULT_MEMORY_POLICY,
    private readonly log: (line: string) => void = console.warn,
  ) {}

  start(): void {
    this.schedule();
  }

  get health(): MemoryHealth {
    return { ...this.totals, lastMb: this.lastMb, waiting: this.over };
  }

  /** Its timer (0 or 1): 0 after dispose. */
  get openResources(): number {
    return this.timer === null ? 0 : 1;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.disposed) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.check();
    }, this.policy.checkEveryMs);
  }

  private alive(): boolean {
    return !this.disposed && !this.page.isDestroyed();
  }

  private async check(): Promise<void> {
    if (!this.alive()) return;
    const mb = await this.page.memoryMb().catch(() => null);
    // The window may have closed while its memory was read.
    if (!this.alive()) return;
    this.totals.checks++;
    this.lastMb = mb;
    if (mb !== null && mb > this.policy.ceilingMb && !this.over) {
      this.over = true;
      this.log(
        `board window: renderer at ${Math.round(mb)} MB, over its ${this.policy.ceilingMb} MB ceiling; reloading at the next quiet moment`,
      );
    }
    const rested = this.clock.now() - this.lastReloadAt >= this.policy.minGapMs;
    if (this.over && rested && this.quiet()) {
      this.over = false;
      this.lastReloadAt = this.clock.now();
      this.totals.plannedReloads++;
      this.log('board window: planned reload (memory ceiling)');
      this.page.reload();
    }
    this.schedule();
  }
}
