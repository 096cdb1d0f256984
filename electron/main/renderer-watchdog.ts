import type { Clock, TimerHandle } from '../../shared/clock.js';

/** The parts of a BrowserWindow and its webContents the watchdog uses: fakes in tests. */
export interface GoneDetails {
  readonly reason: string;
  readonly exitCode: number;
}
export type GoneListener = (event: unknown, details: GoneDetails) => void;
export interface WatchedContentsLike {
  on(event: 'render-process-gone', listener: GoneListener): unknown;
  removeListener(event: 'render-process-gone', listener: GoneListener): unknown;
  loadURL(url: string): Promise<void>;
  getURL(): string;
  forcefullyCrashRenderer(): void;
  isDestroyed(): boolean;
}
type WindowEvent = 'unresponsive' | 'responsive' | 'closed';
export interface WatchedWindowLike {
  readonly webContents: WatchedContentsLike;
  on(event: WindowEvent, listener: () => void): unknown;
  removeListener(event: WindowEvent, listener: () => void): unknown;
}

export interface WatchdogPolicy {
  /** Delay before the reload after a first crash; doubles with each crash in the window. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** More crashes than this within `windowMs` and the board is given up for the crash page. */
  readonly maxCrashes: number;
  readonly windowMs: number;
  /** How long the crash page stays before the board is tried again. */
  readonly retryAfterMs: number;
  /** A page unresponsive this long is killed, and then reloaded like any crash. */
  readonly unresponsiveMs: number;
}

export const DEFAULT_WATCHDOG_POLICY: WatchdogPolicy = {
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  maxCrashes: 5,
  windowMs: 5 * 60_000,
  // Longer than the window: by then the crash count has started over.
  retryAfterMs: 10 * 60_000,
  unresponsiveMs: 30_000,
};

export interface CrashReport {
  readonly crashes: number;
  readonly at: number;
  readonly retryAt: number;
}

export interface WatchdogOptions {
  readonly clock: Clock;
  /** The board's URL, loaded on every reload. */
  readonly pageUrl: string;
  /** Makes the crash page for this report and returns its URL (on our own origin). */
  readonly showCrashPage: (report: CrashReport) => string;
  readonly policy?: Partial<WatchdogPolicy>;
  /** Default console.error: a crashing wall must leave a trace in the main process log. */
  readonly log?: (message: string) => void;
}

/**
 * Totals since the window opened. Every crash, reload and hang is also logged in the main
 * process as it happens; the totals are the app's health of its windows (window-health.ts: the
 * screens view shows them) and what the tests read.
 */
export interface RendererHealth {
  readonly crashes: number;
  readonly reloads: number;
  readonly crashPages: number;
  readonly hangs: number;
  readonly lastCrashReason: string | null;
}

/**
 * Brings a crashed board back without a tight loop: each crash reloads the page after a delay
 * that doubles with every crash in the window (1 s, 2 s, 4 s …, capped); past `maxCrashes`
 * in the window it shows the crash page (the last known state, marked not live) and tries the
 * board again after `retryAfterMs`. A page that hangs is killed after `unresponsiveMs`, which
 * puts it on the same path. Everything stops when the window closes.
 */
export class RendererWatchdog {
  private readonly policy: WatchdogPolicy;
  private readonly log: (message: string) => void;
  private readonly contents: WatchedContentsLike;
  private recentCrashes: number[] = [];
  private action: TimerHandle | null = null;
  private hang: TimerHandle | null = null;
  private crashPageUrl: string | null = null;
  private disposed = false;
  private totals = { crashes: 0, reloads: 0, crashPages: 0, hangs: 0 };
  private lastCrashReason: string | null = null;

  private readonly onGone: GoneListener = (_event, details) => {
    this.crashed(details);
  };
  private readonly onUnresponsive = () => {
    this.unresponsive();
  };
  private readonly onResponsive = () => {
    this.responsive();
  };
  private readonly onClosed = () => {
    this.dispose();
  };

  constructor(
    private readonly window: WatchedWindowLike,
    private readonly options: WatchdogOptions,
  ) {
    this.policy = { ...DEFAULT_WATCHDOG_POLICY, ...options.policy };
    this.log =
      options.log ??
      ((message: string) => {
        console.error(message);
      });
    // Captured now: a closed window's webContents can no longer be read.
    this.contents = window.webContents;
    this.contents.on('render-process-gone', this.onGone);
    window.on('unresponsive', this.onUnresponsive);
    window.on('responsive', this.onResponsive);
    window.on('closed', this.onClosed);
  }

  get health(): RendererHealth {
    return { ...this.totals, lastCrashReason: this.lastCrashReason };
  }

  /** Timers pending (a reload, a retry, a hang check): zero once disposed. */
  get pendingTimers(): number {
    return (this.action ? 1 : 0) + (this.hang ? 1 : 0);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clearAction();
    this.clearHang();
    this.window.removeListener('unresponsive', this.onUnresponsive);
    this.window.removeListener('responsive', this.onResponsive);
    this.window.removeListener('closed', this.onClosed);
    if (!this.contents.isDestroyed()) {
      this.contents.removeListener('render-process-gone', this.onGone);
    }
  }

  private crashed(details: GoneDetails): void {
    if (this.disposed || this.contents.isDestroyed()) return;
    const now = this.options.clock.now();
    const crashedUrl = this.contents.getURL();
    this.recentCrashes = this.recentCrashes.filter((t) => now - t < this.policy.windowMs);
    this.recentCrashes.push(now);
    this.totals.crashes++;
    this.lastCrashReason = details.reason;
    this.clearHang();
    this.clearAction();
    const crashes = this.recentCrashes.length;
    const what = `wallboard renderer gone (${details.reason}, exit code ${details.exitCode})`;
    if (crashes <= this.policy.maxCrashes) {
      const delay = Math.min(this.policy.firstDelayMs * 2 ** (crashes - 1), this.policy.maxDelayMs);
      this.log(
        `${what}; crash ${crashes} in ${minutes(this.policy.windowMs)}, reload in ${delay} ms`,
      );
      this.schedule(delay, () => {
        this.totals.reloads++;
        this.load(this.options.pageUrl);
      });
      return;
    }
    this.log(`${what}; ${crashes} crashes in ${minutes(this.policy.windowMs)}: crash page`);
    if (crashedUrl === this.crashPageUrl) {
      // The crash page itself died: show it again, but never in a tight loop.
      this.schedule(this.policy.maxDelayMs, () => {
        this.showCrashPage(crashes);
      });
    } else {
      this.showCrashPage(crashes);
    }
  }

  private showCrashPage(crashes: number): void {
    const at = this.options.clock.now();
    const retryAt = at + this.policy.retryAfterMs;
    const url = this.options.showCrashPage({ crashes, at, retryAt });
    this.crashPageUrl = url;
    this.totals.crashPages++;
    this.load(url);
    this.schedule(this.policy.retryAfterMs, () => {
      // Someone may have pressed "Retry now" already: then the board is up, leave it be.
      if (this.contents.getURL() !== url) return;
      this.log('wallboard: trying the board again after the crash page');
      this.totals.reloads++;
      this.load(this.options.pageUrl);
    });
  }

  private unresponsive(): void {
    if (this.hang || this.disposed) return;
    this.log(
      `wallboard renderer unresponsive; killed if still so in ${this.policy.unresponsiveMs} ms`,
    );
    this.hang = this.options.clock.setTimeout(() => {
      this.hang = null;
      if (this.contents.isDestroyed()) return;
      this.totals.hangs++;
      this.log('wallboard renderer still unresponsive: killing it to reload');
      // Reloading a hung renderer may never complete; killing it goes through `crashed`.
      this.contents.forcefullyCrashRenderer();
    }, this.policy.unresponsiveMs);
  }

  private responsive(): void {
    if (!this.hang) return;
    this.clearHang();
    this.log('wallboard renderer responsive again');
  }

  private load(url: string): void {
    if (this.disposed || this.contents.isDestroyed()) return;
    this.contents.loadURL(url).catch((error: unknown) => {
      // A failed load of a live page is not a crash: the next crash or retry handles it.
      this.log(`wallboard: loading ${url} failed: ${String(error)}`);
    });
  }

  private schedule(ms: number, run: () => void): void {
    this.clearAction();
    this.action = this.options.clock.setTimeout(() => {
      this.action = null;
      run();
    }, ms);
  }

  private clearAction(): void {
    if (this.action) this.options.clock.clearTimeout(this.action);
    this.action = null;
  }

  private clearHang(): void {
    if (this.hang) this.options.clock.clearTimeout(this.hang);
    this.hang = null;
  }
}

function minutes(ms: number): string {
  return `${Math.round(ms / 60_000)} min`;
}
