import type { Clock } from '../../../shared/clock.js';
import type { ActionLog } from '../acks/action-log.js';
import type { HubOptions } from '../config/hub-options.js';
import type { FleetState } from '../fleet/fleet-state.js';
import { CheckTracker } from './check-tracker.js';
import { FoldTimeline } from './fold-timeline.js';
import { flappingNote, reopenedNote } from './hub-alert-acts.js';
import { MaintenanceSchedule } from './maintenance-schedule.js';
import type { MaintenanceStore } from './maintenance-store.js';
import { PostureWatch } from './posture-watch.js';
import { ProactiveWatch, type TrendHistory } from './proactive-watch.js';
import { ReachabilityWatch } from './reachability-watch.js';
import { Notifier } from '../notify/notifier.js';
import { DEFAULT_NOTIFY_CONFIG } from '../../../shared/notify/notify-config.js';
import { IncidentBook } from '../sla/incident-book.js';
import { MemoryIncidentStore, type IncidentStore } from '../sla/incident-store.js';

/**
 * What the hub watches the fleet's alerts with (and the SLA incidents they open), each on the
 * fleet's change feed or a timer.
 */
export interface AlertWatchers {
  /** Per device and check: raised again, flapping (shown on the alerts). */
  readonly checks: CheckTracker;
  /** Planned maintenance: the config's windows and technicians'. */
  readonly maintenance: MaintenanceSchedule;
  /** Disks and memory predicted to fill: the hub's own alerts. */
  readonly proactive: ProactiveWatch;
  /** Security findings (EDR, antivirus, backups, patches): the hub's own alerts. */
  readonly posture: PostureWatch;
  /** Folds and unfolds, noted in the alerts' timelines. */
  readonly folds: FoldTimeline;
  /** Sites the hub cannot reach: the hub's own alert on each. */
  readonly reachability: ReachabilityWatch;
  /** SLA incidents and their clocks (docs/sla.md). */
  readonly incidents: IncidentBook;
  /** Notices for technicians: new alerts and SLA warnings, coalesced (docs/notifications.md). */
  readonly notifier: Notifier;
  /** Starts the timers of those that run rounds. */
  start(): void;
  dispose(): void;
  /** Timers held; zero after dispose. */
  readonly openResources: number;
}

/** The store's parts the watchers keep their state in (none: memory only). */
export interface WatcherStore {
  readonly maintenance?: MaintenanceStore;
  readonly trendHistory?: TrendHistory;
  readonly incidents?: IncidentStore;
}

/**
 * Sets up the alert watchers on the fleet. Called before any site is restored, so what the
 * store held is seen by them (counted, judged) once, as it appears.
 */
export function setupAlertWatchers(
  fleet: FleetState,
  clock: Clock,
  options: HubOptions,
  log: ActionLog,
  store: WatcherStore | undefined,
): AlertWatchers {
  // A note that cannot be stored is logged: the alert's state itself is unaffected.
  const noted = (what: string, write: () => void) => {
    try {
      write();
    } catch (error) {
      console.error(`hub: could not store ${what}:`, error);
    }
  };
  const proactive = new ProactiveWatch(
    fleet,
    clock,
    options.proactive,
    store?.trendHistory ?? null,
  );
  const maintenance = new MaintenanceSchedule(
    options.maintenance ?? [],
    fleet,
    clock,
    store?.maintenance,
  );
  const checks = new CheckTracker(fleet, clock, options.checks, (tracked, at) => {
    noted('a flapping note', () => {
      log.note(flappingNote(tracked, at));
    });
  });
  const posture = new PostureWatch(fleet, clock, options.posture, (reopened) => {
    noted('a re-opened acknowledgement', () => {
      log.note(reopenedNote(reopened));
    });
  });
  // FoldTimeline logs a failed write itself.
  const folds = new FoldTimeline(fleet, clock, (notes) => {
    log.notes(notes);
  });
  const incidents = new IncidentBook(
    fleet,
    clock,
    options.sla ?? { contracts: [], defaultTerms: null },
    store?.incidents ?? new MemoryIncidentStore(),
  );
  const reachability = new ReachabilityWatch(fleet, clock);
  const notifier = new Notifier(fleet, clock, options.notifications ?? DEFAULT_NOTIFY_CONFIG);
  // Every window gets the notices with its deltas (a browser tab may show them).
  notifier.subscribe((notices) => {
    fleet.raiseNotices(notices);
  });
  const all = [proactive, maintenance, checks, posture, folds, reachability, incidents, notifier];
  return {
    checks,
    maintenance,
    proactive,
    posture,
    folds,
    reachability,
    incidents,
    notifier,
    start: () => {
      maintenance.start();
      proactive.start();
      posture.start();
      reachability.start();
      incidents.start();
    },
    dispose: () => {
      for (const watcher of all) watcher.dispose();
    },
    get openResources() {
      return all.reduce((open, watcher) => open + watcher.openResources, 0);
    },
  };
}
