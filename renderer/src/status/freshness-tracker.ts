import type { BoardClock } from '../clock/board-clock.js';
import type { FleetStore, WallState } from '../store/fleet-store.js';
import { nextFreshnessChange, shownSiteState, type ShownState } from './site-freshness.js';

export interface ShownSiteState extends ShownState {
  /** Anything but live: the tile is drawn as old data. */
  readonly stale: boolean;
}

const NO_SITES: ReadonlySet<string> = new Set();

/** What the judgement depends on besides time; compared by identity to skip needless work. */
interface Inputs {
  readonly sites: WallState['sites'];
  readonly connected: boolean;
  readonly thresholds: NonNullable<WallState['info']>['thresholds'] | null;
  /** A new clock offset moves every transition: the timer must be re-armed. */
  readonly offset: number;
}

const inputsOf = (state: WallState): Inputs => ({
  sites: state.sites,
  connected: state.connected,
  thresholds: state.info?.thresholds ?? null,
  offset: state.serverOffset,
});

const sameInputs = (a: Inputs, b: Inputs) =>
  a.sites === b.sites &&
  a.connected === b.connected &&
  a.thresholds === b.thresholds &&
  a.offset === b.offset;

/**
 * The state the board shows for each site, re-judged only when it can change: when the store's
 * sites, connection, thresholds or clock offset change, and when one timer fires at the earliest instant a
 * site's data ages into stale or down. Each site has its own listeners and keeps its object
 * while its state stands, so a tile re-renders only when its own state flips, never on a tick.
 */
export class FreshnessTracker {
  private shown = new Map<string, ShownSiteState>();
  private notLive: ReadonlySet<string> = NO_SITES;
  private inputs: Inputs | null = null;
  private cancelTimer: (() => void) | null = null;
  private started = false;
  /** Sites whose listeners have news they were not told yet. */
  private readonly unannounced = new Set<string>();
  private notLiveUnannounced = false;
  private readonly siteListeners = new Map<string, Set<() => void>>();
  private readonly notLiveListeners = new Set<() => void>();

  constructor(
    private readonly store: FleetStore,
    private readonly clock: BoardClock,
  ) {}

  /** Follows the store until the returned function is called (which frees the timer too). */
  start(): () => void {
    this.started = true;
    const unsubscribe = this.store.subscribe((state) => {
      if (this.inputs === null || !sameInputs(this.inputs, inputsOf(state))) this.judge();
      this.announce();
    });
    this.judge();
    this.announce();
    return () => {
      this.started = false;
      unsubscribe();
      this.cancelTimer?.();
      this.cancelTimer = null;
      this.inputs = null;
    };
  }

  /** The site's shown state; null for a site the store does not hold. */
  siteState(siteId: string): ShownSiteState | null {
    this.judgeIfUnseen();
    return this.shown.get(siteId) ?? null;
  }

  /** Ids of the sites not shown as live; the same set object until its members change. */
  notLiveIds(): ReadonlySet<string> {
    this.judgeIfUnseen();
    return this.notLive;
  }

  subscribeSite(siteId: string, listener: () => void): () => void {
    const listeners = this.siteListeners.get(siteId) ?? new Set<() => void>();
    this.siteListeners.set(siteId, listeners);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.siteListeners.delete(siteId);
    };
  }

  subscribeNotLive(listener: () => void): () => void {
    this.notLiveListeners.add(listener);
    return () => {
      this.notLiveListeners.delete(listener);
    };
  }

  /** True while a transition is scheduled (tests: a stopped tracker must hold no timer). */
  get scheduled(): boolean {
    return this.cancelTimer !== null;
  }

  /**
   * A render before `start` (the first one) judges without announcing or scheduling: listeners
   * must not be called while React renders; `start` judges again and announces.
   */
  private judgeIfUnseen(): void {
    if (this.inputs === null) this.judge();
  }

  private judge(): void {
    const state = this.store.getState();
    const inputs = inputsOf(state);
    const now = this.clock.now();
    const shown = new Map<string, ShownSiteState>();
    const notLive = new Set<string>();
    let next = Number.POSITIVE_INFINITY;
    for (const site of inputs.sites.values()) {
      const judged = shownSiteState(site.health, inputs.connected, now, inputs.thresholds);
      const before = this.shown.get(site.id);
      const kept =
        before?.state === judged.state && before.reason === judged.reason
          ? before
          : { ...judged, stale: judged.state !== 'live' };
      if (kept !== before) this.unannounced.add(site.id);
      shown.set(site.id, kept);
      if (kept.stale) notLive.add(site.id);
      const at = nextFreshnessChange(site.health, inputs.connected, now, inputs.thresholds);
      if (at !== null) next = Math.min(next, at);
    }
    for (const id of this.shown.keys()) if (!shown.has(id)) this.unannounced.add(id);
    this.shown = shown;
    this.inputs = inputs;
    if (!sameMembers(this.notLive, notLive)) {
      this.notLive = notLive.size === 0 ? NO_SITES : notLive;
      this.notLiveUnannounced = true;
    }
    this.schedule(next);
  }

  private schedule(at: number): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (!this.started || !Number.isFinite(at)) return;
    this.cancelTimer = this.clock.at(at, () => {
      this.cancelTimer = null;
      this.judge();
      this.announce();
    });
  }

  private announce(): void {
    const ids = [...this.unannounced];
    this.unannounced.clear();
    for (const id of ids)
      for (const listener of [...(this.siteListeners.get(id) ?? [])]) listener();
    if (this.notLiveUnannounced) {
      this.notLiveUnannounced = false;
      for (const listener of [...this.notLiveListeners]) listener();
    }
  }
}

function sameMembers(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}
