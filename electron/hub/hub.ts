import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { SiteHealth, SiteHealthReport } from '../../shared/fleet/health.js';
import type { TechnicianAction } from '../../shared/alerts/technician-action.js';
import { MemoryActionLog, type ActionLog } from './acks/action-log.js';
import type { AckOutbox, ActionRequest } from './acks/ack-outbox.js';
import { recordHubAlerts } from './alerts/hub-alert-recorder.js';
import { setupAlertWatchers, type AlertWatchers } from './alerts/alert-watchers.js';
import type { CheckTracker } from './alerts/check-tracker.js';
import type { FoldTimeline } from './alerts/fold-timeline.js';
import type { IncidentBook } from './sla/incident-book.js';
import type { Notifier } from './notify/notifier.js';
import type { MaintenanceSchedule } from './alerts/maintenance-schedule.js';
import type { PostureWatch } from './alerts/posture-watch.js';
import type { ProactiveWatch } from './alerts/proactive-watch.js';
import { DEFAULT_CLOCK_SKEW_MS, type HubOptions } from './config/hub-options.js';
import { ClockSkewMonitor } from './fleet/clock-skew.js';
import { FleetState } from './fleet/fleet-state.js';
import { SiteLink } from './links/site-link.js';
import { systemClock } from '../../shared/system-clock.js';
import type { StoredSite } from './store/load-cache.js';
import { StoreWriter, type StoreWriterStats } from './store/store-writer.js';
import { DEFAULT_TICK_MS } from './publisher/publisher.js';
import { MemoryScreenLayoutStore } from './screens/screen-layout-store.js';
import { ScreenLayouts } from './screens/screen-layouts.js';
import { siteSink } from './site-sink.js';
import type { HubDeps } from './hub-deps.js';
import { hubOutbox } from './hub-outbox.js';
import { healthReport, siteHealth } from './site-health.js';

export type { HubDeps, HubStoreDeps } from './hub-deps.js';

/**
 * The core: one link per configured site feeding one FleetState, and a watchdog that turns
 * links' facts and data age into each site's connection state.
 */
export class Hub {
  readonly fleet: FleetState;
  private readonly links = new Map<string, SiteLink>();
  private readonly clock: Clock;
  private readonly clockSkew: ClockSkewMonitor;
  private watchdog: TimerHandle | null = null;
  private disposed = false;
  private readonly writer: StoreWriter | null;
  private readonly outbox: AckOutbox;
  /** Technicians' actions and the hub's own notes in alerts' timelines. */
  private readonly log: ActionLog;
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
  /** SLA incidents and their clocks. */
  readonly incidents: IncidentBook;
  /** Notices for technicians (the Electron shell shows them natively). */
  readonly notifier: Notifier;
  /** The wall's screens: the config's layouts and technicians'. */
  readonly screens: ScreenLayouts;
  private readonly watchers: AlertWatchers;
  private readonly stopScreens: () => void;
  private readonly stopHubAlertHistory: () => void;

  constructor(
    readonly options: HubOptions,
    deps: HubDeps = {},
  ) {
    this.clock = deps.clock ?? systemClock;
    this.clockSkew = new ClockSkewMonitor(this.clock, options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS);
    this.fleet = new FleetState(options.sites, {
      clock: this.clock,
      ...(options.budgets ? { budgets: options.budgets } : {}),
      // A site filling (or leaving) its budget shows at once, not on the watchdog's next round.
      onDegradedChange: (siteId) => {
        this.refreshHealth(siteId);
      },
    });
    this.log = deps.store?.actions ?? new MemoryActionLog();
    // Before any site is restored: what the store held is seen by them, once.
    this.watchers = setupAlertWatchers(this.fleet, this.clock, options, this.log, deps.store);
    ({
      checks: this.checks,
      maintenance: this.maintenance,
      proactive: this.proactive,
      posture: this.posture,
      folds: this.folds,
      incidents: this.incidents,
      notifier: this.notifier,
    } = this.watchers);
    this.screens = new ScreenLayouts(
      options.displays ?? [],
      options.sites,
      deps.store?.screenLayouts ?? new MemoryScreenLayoutStore(),
      this.clock,
    );
    // Every window learns of a change with the next delta and asks for its layout again.
    this.fleet.setScreens(this.screens.state);
    this.stopScreens = this.screens.onChange((state) => {
      this.fleet.setScreens(state);
    });
    this.writer = deps.store
      ? new StoreWriter(deps.store.statements, (id) => this.fleet.modelOf(id), {
          clock: this.clock,
          tickMs: options.publishIntervalMs ?? DEFAULT_TICK_MS,
          onDamaged: (error) => deps.store?.markDamaged?.(error.message),
        })
      : null;
    this.stopHubAlertHistory = this.writer
      ? recordHubAlerts(this.fleet, this.writer, this.clock)
      : () => {};
    for (const site of options.sites) {
      const link = new SiteLink(site, {
        clock: this.clock,
        reconnect: options.reconnect,
        onStatus: () => {
          this.refreshHealth(site.id);
          // What waits for this site goes out the moment it streams again.
          if (this.links.get(site.id)?.streaming) this.outbox.siteStreaming(site.id);
        },
        ...(deps.random ? { random: deps.random } : {}),
        ...(deps.requestTimeoutMs ? { requestTimeoutMs: deps.requestTimeoutMs } : {}),
        ...(options.budgets ? { budgets: options.budgets } : {}),
        sink: siteSink(site, {
          fleet: this.fleet,
          writer: this.writer,
          clockSkew: this.clockSkew,
          refreshHealth: (id) => {
            this.refreshHealth(id);
          },
          onApplied: deps.onApplied,
        }),
      });
      this.links.set(site.id, link);
      const stored = deps.store?.cache.get(site.id);
      if (stored) this.restore(site.id, link, stored);
    }
    // After the sites are restored: what it resumes is shown on their alerts.
    this.outbox = hubOutbox({
      clock: this.clock,
      log: this.log,
      fleet: this.fleet,
      links: this.links,
      ...(deps.random ? { random: deps.random } : {}),
    });
  }

  /** A site starts from what the store held: shown stale with its age, resumed by replay. */
  private restore(siteId: string, link: SiteLink, stored: StoredSite): void {
    this.fleet.restoreSite(siteId, stored);
    link.restore(stored);
    this.refreshHealth(siteId);
  }

  /** The store writer's figures (null without a store), for /healthz and /metrics. */
  get storeStats(): StoreWriterStats | null {
    return this.writer?.statistics ?? null;
  }

  /** Resolves once what the hub applied so far is stored (tests, shutdown). */
  storeIdle(): Promise<void> {
    return this.writer?.idle() ?? Promise.resolve();
  }

  /** How often the watchdog re-derives connection states: fine enough for both thresholds. */
  get watchdogIntervalMs(): number {
    return Math.max(25, Math.min(1000, this.options.staleAfterMs / 4));
  }

  start(): void {
    for (const link of this.links.values()) link.start();
    this.watchers.start();
    this.scheduleWatchdog();
  }

  /**
   * Per-site health as of now, with the age of each site's data. Read-only: scraping it (for
   * /healthz or /metrics) never changes the fleet state or wakes the publisher.
   */
  health(): SiteHealthReport[] {
    const now = this.clock.now();
    return [...this.links.keys()].map((id) => healthReport(this.computeHealth(id), now));
  }

  /**
   * A technician's acknowledgement (or un-ack), recorded and on its way to the site: returned
   * pending; every window follows it to confirmed or refused (see AckOutbox).
   */
  requestAction(request: ActionRequest): TechnicianAction {
    return this.outbox.request(request);
  }

  /** The hub's clock (commands turn "for 30 minutes" into an instant on it). */
  now(): number {
    return this.clock.now();
  }

  /** Actions stored and not yet confirmed or refused by their sites. */
  get pendingActions(): number {
    return this.outbox.pendingCount;
  }

  /** Sockets and timers still held; zero after dispose. */
  get openResources(): number {
    let open = (this.watchdog ? 1 : 0) + (this.writer?.openResources ?? 0);
    open += this.outbox.openResources + this.watchers.openResources;
    for (const link of this.links.values()) open += link.openResources;
    return open;
  }

  dispose(): void {
    this.disposed = true;
    if (this.watchdog) this.clock.clearTimeout(this.watchdog);
    this.watchdog = null;
    this.outbox.dispose();
    this.watchers.dispose();
    this.stopScreens();
    this.stopHubAlertHistory();
    for (const link of this.links.values()) link.dispose();
    // Last: what was applied before the links closed is written, at once.
    this.writer?.dispose();
  }

  private scheduleWatchdog(): void {
    if (this.disposed) return;
    this.watchdog = this.clock.setTimeout(() => {
      this.watchdog = null;
      for (const id of this.links.keys()) this.refreshHealth(id);
      this.scheduleWatchdog();
    }, this.watchdogIntervalMs);
  }

  /** Recomputes a site's health and records it in the fleet state when it changed. */
  private refreshHealth(siteId: string): void {
    if (!this.disposed) this.fleet.setHealth(siteId, this.computeHealth(siteId));
  }

  private computeHealth(siteId: string): SiteHealth {
    const link = this.links.get(siteId);
    if (!link) throw new Error(`unknown site "${siteId}"`);
    const { fleet, clockSkew, clock, options } = this;
    return siteHealth(siteId, link, { fleet, clockSkew, clock, thresholds: options });
  }
}
