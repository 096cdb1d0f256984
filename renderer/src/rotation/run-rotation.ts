import type { NocBridge } from '../../../shared/bridge/contract.js';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { DisplayLayout, ViewSpec } from '../../../shared/displays/display-layout.js';
import type { Notice } from '../../../shared/notify/notice.js';
import { invokeChecked } from '../bridge/invoke-checked.js';
import { alertsHref, siteHref, slaHref, wallHref, type WallScope } from '../routing/hash-route.js';
import { Rotation, type Showing } from './rotation.js';

/** What the corner indicator says: the screen, what shows and until when, or what is wrong. */
export interface RotationStatus {
  readonly display: number;
  readonly name: string | null;
  readonly showing: Showing | null;
  /** Why the screen has no playlist (no layout for it, the hub unreachable). */
  readonly problem: string | null;
  /** How much bigger than its own fit the screen draws the board (the layout's `zoom`). */
  readonly zoom: number;
}

/** Asking again for a layout the hub could not give (it was starting, the link was down). */
export const LAYOUT_RETRY_MS = 10_000;

/**
 * How often a running screen asks again for its layout: a hub restarted with a new config
 * changes what a TV shows within this, without anyone reloading it.
 */
export const LAYOUT_REFRESH_MS = 5 * 60_000;

/** The part of the fleet a playlist entry shows (null: all). */
function scopeOf(spec: {
  customers?: readonly string[] | undefined;
  sites?: readonly string[] | undefined;
}): WallScope {
  return { customers: spec.customers ?? null, sites: spec.sites ?? null };
}

export function viewHref(spec: ViewSpec): string {
  switch (spec.view) {
    case 'wall':
      return wallHref(spec.slaPanel, scopeOf(spec));
    case 'sla':
      return slaHref(null, scopeOf(spec));
    case 'alerts':
      return alertsHref(scopeOf(spec));
    case 'site':
      return siteHref(spec.siteId);
  }
}

/** The `display` of `?display=N` (1–64); null without one; a string saying what is wrong. */
export function displayParam(search: string): number | null | string {
  const raw = new URLSearchParams(search).get('display');
  if (raw === null) return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 64
    ? n
    : `"?display=${raw}" is not a screen number (1–64)`;
}

export interface RotationOptions {
  readonly bridge: NocBridge;
  readonly display: number;
  readonly clock: Clock;
  /** Shows a view (sets the page's hash route). */
  readonly go: (href: string) => void;
  /** The view the page shows now (its hash): one changed by hand is put back at the next turn. */
  readonly current: () => string;
  readonly onStatus: (status: RotationStatus) => void;
  /** The hub's notices as they arrive (alarms); returns the unsubscribe. */
  readonly notices: (listener: (notices: readonly Notice[]) => void) => () => void;
  /**
   * Calls the listener when the hub says the screens' layouts changed (a technician set one in
   * the screens view): the layout is asked for again at once. Returns the unsubscribe.
   */
  readonly screensChanged: (listener: () => void) => () => void;
}

/**
 * Runs screen N's playlist in this page (`?display=N`, docs/displays.md): asks the hub for the
 * screen's layout, shows each view for its dwell, lets alarms preempt it, and keeps one timer,
 * set to the next change, and one more to ask for the layout again every few minutes. Returns
 * the stop, which clears both timers and the notice listener.
 */
export function startRotation(options: RotationOptions): () => void {
  const { bridge, display, clock, go, onStatus } = options;
  let stopped = false;
  let timer: TimerHandle | null = null;
  let rotation: Rotation | null = null;
  let name: string | null = null;
  let zoom = 1;
  let lastTurn = '';
  /** The layout in force, as text: a refresh that brings the same one changes nothing. */
  let current = '';
  let refresher: TimerHandle | null = null;
  /** A request for the layout is on its way; another was wanted meanwhile. */
  let asking = false;
  let askAgain = false;
  /** The hub's failure shows in the corner (no playlist runs). */
  let failing = false;

  const clear = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };

  /** The next ask for the layout: a refresh, or a retry after a failure. */
  const askIn = (ms: number) => {
    if (refresher !== null) clock.clearTimeout(refresher);
    refresher = clock.setTimeout(() => {
      refresher = null;
      load();
    }, ms);
  };

  const apply = () => {
    if (stopped || rotation === null) return;
    clear();
    const now = clock.now();
    const showing = rotation.at(now);
    const href = viewHref(showing.show);
    // At a turn (the view or its end changed) the screen shows its view, even one a hand moved
    // away; between turns (a minute's look at the schedules) a hand's choice is left alone.
    const turn = `${href} ${showing.until ?? ''} ${showing.alarm ?? ''}`;
    if (turn !== lastTurn && href !== options.current()) go(href);
    lastTurn = turn;
    onStatus({ display, name, showing, problem: null, zoom });
    const due = rotation.nextChangeAt(now);
    if (due !== null) timer = clock.setTimeout(apply, Math.max(0, due - now));
  };

  const noLayout = () => {
    const problem = `No layout for screen ${display}: the screens view or the config's displays sets one`;
    onStatus({ display, name, showing: null, problem, zoom });
  };

  /** Shows the layout the hub gave; the same one again changes nothing (unless an error shows). */
  const use = (layout: DisplayLayout | null) => {
    const text = JSON.stringify(layout);
    const same = text === current;
    current = text;
    const wasFailing = failing;
    failing = false;
    if (same && !wasFailing) return;
    if (layout === null) {
      rotation = null;
      clear();
      name = null;
      zoom = 1;
      noLayout();
      return;
    }
    if (!same) {
      name = layout.name ?? null;
      zoom = layout.zoom;
      rotation = new Rotation(layout, clock.now());
      lastTurn = '';
    }
    apply();
  };

  /**
   * Asks for the layout, one request at a time: a change said while one is on its way asks once
   * more after it answers, so answers cannot arrive out of order. A failure while a playlist runs
   * leaves the screen as it is; without one, it says why. Either way it asks again soon.
   */
  const load = () => {
    if (asking) {
      askAgain = true;
      return;
    }
    asking = true;
    void invokeChecked(bridge, 'displays.layout', { display }).then((result) => {
      asking = false;
      if (stopped) return;
      if (result.ok) {
        askIn(LAYOUT_REFRESH_MS);
        use(result.value);
      } else {
        askIn(LAYOUT_RETRY_MS);
        if (rotation === null) {
          failing = true;
          onStatus({ display, name, showing: null, problem: result.error.message, zoom });
        }
      }
      if (askAgain) {
        askAgain = false;
        load();
      }
    });
  };

  const unsubscribe = options.notices((notices) => {
    if (rotation === null) return;
    let raised = false;
    for (const notice of notices) raised = rotation.raise(notice, clock.now()) || raised;
    if (raised) apply();
  });
  const unfollow = options.screensChanged(() => {
    load();
  });
  load();
  return () => {
    stopped = true;
    clear();
    if (refresher !== null) clock.clearTimeout(refresher);
    refresher = null;
    unsubscribe();
    unfollow();
  };
}
