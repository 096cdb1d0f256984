import { checkKey } from '../../../shared/alerts/check-record.js';
import { foldAlerts } from '../../../shared/alerts/folding.js';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import { inMaintenance } from '../../../shared/maintenance/maintenance-window.js';
import { NoticeCoalescer } from '../../../shared/notify/coalescer.js';
import type { Notable } from '../../../shared/notify/notable.js';
import type { Describe } from '../../../shared/notify/notice-text.js';
import type { Notice } from '../../../shared/notify/notice.js';
import type { NotifyConfig } from '../../../shared/notify/notify-config.js';
import { refusal, type Refusal } from '../../../shared/notify/notify-rules.js';
import type { SlaWarning } from '../../../shared/sla/incident.js';
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
 * A "new" alert is one the hub had not seen open at its site. The first data from a site the
 * hub has none of (its first snapshot after a fresh start) is the baseline: its open alerts are
 * on the board, not told one by one. Alerts in maintenance, on a flapping check, or already
 * acknowledged are not told either.
 */
export class Notifier {
  private readonly listeners = new Set<NoticeListener>();
  private readonly coalescer: NoticeCoalescer;
  /** siteId → the alerts seen open there; no entry: no data from the site yet. */
  private readonly known = new Map<string, Set<string>>();
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
    const describe: Describe = { rootCause: (siteId, ids) => this.rootCause(siteId, ids) };
    this.coalescer = new NoticeCoalescer(config, describe);
    for (const site of fleet.sites()) {
      if (site.model.alerts.size > 0 || site.health.lastEventAt !== null) {
        this.known.set(site.id, new Set(site.model.alerts.keys()));
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

  private onAlert(siteId: string, alertId: string, removed: boolean): void {
    let seen = this.known.get(siteId);
    if (removed) {
      seen?.delete(alertId);
      return;
    }
    if (!seen) this.known.set(siteId, (seen = new Set()));
    if (seen.has(alertId)) return;
    seen.add(alertId);
    this.consider(siteId, alertId);
  }

  /** A snapshot: what it holds that was not open before is new; the first one is the baseline. */
  private onReset(siteId: string): void {
    const site = this.fleet.site(siteId);
    if (!site) return;
    const before = this.known.get(siteId);
    this.known.set(siteId, new Set(site.model.alerts.keys()));
    if (!before) return;
    for (const alertId of site.model.alerts.keys()) {
      if (!before.has(alertId)) this.consider(siteId, alertId);
    }
  }

  private consider(siteId: string, alertId: string): void {
    const site = this.fleet.site(siteId);
    const alert = site?.model.alerts.get(alertId);
    if (!site || !alert) return;
    if (inMaintenance(site.maintenance, alert.deviceId) !== null) {
      this.refused['in-maintenance']++;
      return;
    }
    if (site.checks.get(checkKey(alert.deviceId, alert.check))?.flapping === true) {
      this.refused.flapping++;
      return;
    }
    if (alert.ack !== null) {
      this.refused.acknowledged++;
      return;
    }
    this.offer({
      kind: 'alert',
      siteId,
      siteName: site.name,
      customer: site.customer,
      alertId,
      severity: alert.severity,
      title: alert.title,
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
      this.refused[why]++;
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
    const due = this.coalescer.nextDueAt();
    if (due === null || (this.timer !== null && this.timer.at <= due)) return;
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
      notifyAll(this.listeners, notices, 'notifier');
    }
    this.schedule();
  }
}
