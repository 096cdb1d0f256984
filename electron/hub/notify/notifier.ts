import { checkKey } from '../../../shared/alerts/check-record.js';
import { foldAlerts } from '../../../shared/alerts/folding.js';
import { isHubAlert } from '../../../shared/alerts/hub-alerts.js';
import { severityRank } from '../../../shared/protocol/alert.js';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import { inMaintenance } from '../../../shared/maintenance/maintenance-window.js';
import { NoticeCoalescer } from '../../../shared/notify/coalescer.js';
import type { AlertState, Notable } from '../../../shared/notify/notable.js';
import type { Describe } from '../../../shared/notify/notice-text.js';
import type { Notice } from '../../../shared/notify/notice.js';
import type { NotifyConfig } from '../../../shared/notify/notify-config.js';
import { refusal, type Refusal } from '../../../shared/notify/notify-rules.js';
import type { SlaWarning } from '../../../shared/sla/incident-warnings.js';
import type { FleetChangeBatch } from '../fleet/fleet-changes.js';
import type { FleetState, SiteEntry } from '../fleet/fleet-state.js';
import { notifyAll } from '../notify-all.js';

type Fleet = Pick<FleetState, 'subscribe' | 'site' | 'sites'>;
export type NoticeListener = (notices: readonly Notice[]) => void;

/** What became of the events the notifier looked at (the app's health, and tests). */
export interface NotifierCounts {
  readonly told: number;
  readonly refused: Readonly<
    Record<Refusal | 'in-maintenance' | 'flapping' | 'acknowledged', number>
  >;
}

/**
 * The hub's notification policy (docs/notifications.md): new alerts and SLA warnings, through
 * the config's rules and quiet hours, coalesced (shared/notify/coalescer.ts) into notices for
 * every listener: the Electron shell's native notifications, and the windows' deltas (a
 * browser tab shows them with its own Notification API).
 *
 * An alert is told when it is new (the hub had not seen it open at its site) or has got worse
 * than when it was last looked at. The first snapshot from a site the hub has no data of (after
 * a fresh start, or a site new to the config) is the baseline: its open alerts are on the board,
 * not told one by one; until then only the hub's own alerts on it ("unreachable") are told.
 * Alerts in maintenance, on a flapping check or already acknowledged are told only where a rule
 * asks for that state (`states`); an alert cleared before its notice was due is not told.
 */

/** The counter an alert no rule takes is refused under, by its state. */
const STATE_REFUSAL = {
  maintenance: 'in-maintenance',
  flapping: 'flapping',
  acknowledged: 'acknowledged',
} as const;

/** The notifier looks at its queue at least this often (see schedule). */
const MAX_WAIT_MS = 60_000;

/** A site's open alerts, each with its severity's rank. */
function ranks(site: SiteEntry): Map<string, number> {
  return new Map([...site.model.alerts].map(([id, alert]) => [id, severityRank(alert.severity)]));
}

export class Notifier {
  private readonly listeners = new Set<NoticeListener>();
  private readonly coalescer: NoticeCoalescer;
  /** siteId → the alerts seen open there, each with the worst severity (rank) looked at. */
  private readonly known = new Map<string, Map<string, number>>();
  /** Sites whose open alerts are the baseline: their first snapshot (or the store's) was seen. */
  private readonly baselined = new Set<string>();
  /** When the last notice went out (hub clock); null before any. */
  lastToldAt: number | null = null;
  private timer: { handle: TimerHandle; at: number } | null = null;
  private readonly unsubscribe: () => void;
  private told = 0;
  private readonly refused = {
    disabled: 0,
    'no-rule': 0,
    'quiet-hours': 0,
    'in-maintenance': 0,
    flapping: 0,
    acknowledged: 0,
  };

  constructor(
    private readonly fleet: Fleet,
    private readonly clock: Clock,
    private readonly config: NotifyConfig,
  ) {
    const describe: Describe = {
      rootCause: (siteId, ids) => this.rootCause(siteId, ids),
      stillOpen: (siteId, alertId) => this.fleet.site(siteId)?.model.alerts.has(alertId) === true,
    };
    this.coalescer = new NoticeCoalescer(config, describe);
    for (const site of fleet.sites()) {
      if (site.model.alerts.size > 0 || site.health.lastEventAt !== null) {
        this.known.set(site.id, ranks(site));
        this.baselined.add(site.id);
      }
    }
    this.unsubscribe = fleet.subscribe((batch) => {
      this.onBatch(batch);
    });
  }

  subscribe(listener: NoticeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Events waiting for their notice (group wait, group interval, the minute's budget). */
  get pending(): number {
    return this.coalescer.pending;
  }

  get counts(): NotifierCounts {
    return { told: this.told, refused: { ...this.refused } };
  }

  /** Its timer (0 or 1) and listeners: 0 after dispose. */
  get openResources(): number {
    return (this.timer === null ? 0 : 1) + this.listeners.size;
  }

  dispose(): void {
    this.unsubscribe();
    if (this.timer !== null) this.clock.clearTimeout(this.timer.handle);
    this.timer = null;
    this.listeners.clear();
  }

  private onBatch(batch: FleetChangeBatch): void {
    for (const change of batch.changes) {
      if (change.kind === 'alert') this.onAlert(change.siteId, change.id, change.removed);
      else if (change.kind === 'site-reset') this.onReset(change.siteId);
      else if (change.kind === 'sla-warning') this.onWarning(change.warning);
    }
    this.schedule();
  }

  /**
   * An alert raised or changed: told when it is new, or when it got worse than it was when last
   * looked at (a warning that became a disaster). Before a site's first snapshot only the hub's
   * own alerts (its "unreachable") are told: the site's are the baseline to come.
   */
  private onAlert(siteId: string, alertId: string, removed: boolean): void {
    let seen = this.known.get(siteId);
    if (removed) {
      seen?.delete(alertId);
      return;
    }
    const rank = this.rankOf(siteId, alertId);
    if (rank === null) return;
    if (!seen) this.known.set(siteId, (seen = new Map<string, number>()));
    const before = seen.get(alertId);
    if (before !== undefined && rank <= before) return;
    seen.set(alertId, rank);
    if (this.baselined.has(siteId) || isHubAlert(alertId)) this.consider(siteId, alertId);
  }

  /**
   * A snapshot: what it holds that was not open before (or is worse than before) is told. The
   * first one from a site is the baseline: its open alerts are on the board, not told.
   */
  private onReset(siteId: string): void {
    const site = this.fleet.site(siteId);
    if (!site) return;
    const before = this.known.get(siteId) ?? new Map<string, number>();
    const now = ranks(site);
    for (const [alertId, rank] of now) now.set(alertId, Math.max(rank, before.get(alertId) ?? -1));
    this.known.set(siteId, now);
    if (!this.baselined.has(siteId)) {
      this.baselined.add(siteId);
      return;
    }
    for (const alertId of now.keys()) {
      const rank = this.rankOf(siteId, alertId) ?? -1;
      const was = before.get(alertId);
      if (was === undefined || rank > was) this.consider(siteId, alertId);
    }
  }

  private rankOf(siteId: string, alertId: string): number | null {
    const alert = this.fleet.site(siteId)?.model.alerts.get(alertId);
    return alert === undefined ? null : severityRank(alert.severity);
  }

  private consider(siteId: string, alertId: string): void {
    const site = this.fleet.site(siteId);
    const alert = site?.model.alerts.get(alertId);
    if (!site || !alert) return;
    const state: AlertState =
      inMaintenance(site.maintenance, alert.deviceId) !== null
        ? 'maintenance'
        : site.checks.get(checkKey(alert.deviceId, alert.check))?.flapping === true
          ? 'flapping'
          : alert.ack !== null
            ? 'acknowledged'
            : 'open';
    this.offer({
      kind: 'alert',
      siteId,
      siteName: site.name,
      customer: site.customer,
      alertId,
      severity: alert.severity,
      title: alert.title,
      state,
      at: this.clock.now(),
    });
  }

  private onWarning(warning: SlaWarning): void {
    const site = this.fleet.site(warning.siteId);
    const incident = site?.incidents.get(warning.incidentId);
    if (!site || !incident) return;
    this.offer({
      kind: 'sla',
      siteId: site.id,
      siteName: site.name,
      customer: site.customer,
      incidentId: incident.id,
      incidentTitle: incident.title,
      priority: incident.priority,
      clock: warning.clock,
      share: warning.share,
      // When the hub learned of it: a restarted hub catching up still coalesces what it finds.
      at: this.clock.now(),
    });
  }

  private offer(event: Notable): void {
    const why = refusal(this.config, event);
    if (why !== null) {
      // An alert no rule takes because of its state is counted by that state.
      const state = event.kind === 'alert' ? event.state : 'open';
      this.refused[why === 'no-rule' && state !== 'open' ? STATE_REFUSAL[state] : why]++;
      return;
    }
    this.coalescer.add(event);
  }

  private rootCause(siteId: string, alertIds: readonly string[]): string | null {
    const site: SiteEntry | undefined = this.fleet.site(siteId);
    if (!site) return null;
    const folding = foldAlerts(
      { name: site.name, unreachable: site.health.state === 'down' },
      site.model.devices,
      site.model.alerts,
    );
    // The cause most of them fold under (or head); none when no cause explains half of them.
    let best: { title: string; count: number } | null = null;
    for (const root of folding.roots) {
      const under = new Set([...root.own, ...root.folded]);
      const count = alertIds.filter((id) => under.has(id)).length;
      if (count > 0 && (best === null || count > best.count)) best = { title: root.title, count };
    }
    return best !== null && best.count * 2 >= alertIds.length ? best.title : null;
  }

  private schedule(): void {
    const found = this.coalescer.nextDueAt();
    if (found === null) return;
    // At most a minute: a system clock set back leaves times ahead of now, which the coalescer
    // brings back to now at its next flush rather than waiting the jump out.
    const due = Math.min(found, this.clock.now() + MAX_WAIT_MS);
    if (this.timer !== null && this.timer.at <= due) return;
    if (this.timer !== null) this.clock.clearTimeout(this.timer.handle);
    const handle = this.clock.setTimeout(
      () => {
        this.timer = null;
        this.fire();
      },
      Math.max(0, due - this.clock.now()),
    );
    this.timer = { handle, at: due };
  }

  private fire(): void {
    const notices = this.coalescer.flush(this.clock.now());
    if (notices.length > 0) {
      this.told += notices.length;
      this.lastToldAt = this.clock.now();
      notifyAll(this.listeners, notices, 'notifier');
    }
    this.schedule();
  }
}
