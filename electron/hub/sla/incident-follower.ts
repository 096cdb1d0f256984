import { SITE_UNREACHABLE_ID } from '../../../shared/alerts/hub-alerts.js';
import type { Clock } from '../../../shared/clock.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import { priorityOf } from '../../../shared/sla/contract.js';
import { resolveIncident, respond, type Incident } from '../../../shared/sla/incident.js';
import type { FleetChangeBatch } from '../fleet/fleet-changes.js';
import type { FleetState } from '../fleet/fleet-state.js';
import { openings } from './incident-opening.js';
import type { IncidentChange, IncidentLedger } from './incident-ledger.js';
import { SettlingAlerts } from './settling-alerts.js';
import { opensIncidents, outageOngoing } from './site-outage.js';

/** How long a new alert stands before it opens an incident: time for its cause to show. */
export const SETTLE_MS = 2000;

const key = (siteId: string, alertId: string) => `${siteId}\0${alertId}`;

/** What of the fleet the follower reads. */
export type FollowedFleet = Pick<FleetState, 'subscribe' | 'site' | 'modelOf'>;

/**
 * The incidents' side that follows the fleet (docs/sla.md), for IncidentBook: an alert of a
 * customer with terms, at a priority they have targets for, opens an incident once it has stood
 * SETTLE_MS (an alert folded under a root cause a moment later opens none: its root carries it;
 * one still folded is looked at again when the site's devices change), dated when the hub first
 * saw it. The first acknowledgement by a person stops the response clock; the alert clearing (or
 * the site live again, for "unreachable") resolves it; the same device and check within the
 * window reopens it (incident-opening.ts).
 */
export class IncidentFollower {
  /** `siteId \0 alertId` → its open incident. */
  private readonly byAlert = new Map<string, string>();
  /** Alerts not yet an incident, standing SETTLE_MS first. */
  private readonly settling: SettlingAlerts;
  /**
   * Alerts whose incident a technician resolved while the alert stays open: it opens none
   * again until it clears (a change to it, or a reconnect, would otherwise reopen it).
   */
  private readonly resolvedOpen = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly fleet: FollowedFleet,
    private readonly clock: Clock,
    private readonly ledger: IncidentLedger,
  ) {
    this.settling = new SettlingAlerts(clock, SETTLE_MS, (siteId, alerts) => {
      this.openFor(siteId, alerts);
    });
    for (const incident of ledger.incidents.values()) {
      const k = key(incident.siteId, incident.alertId);
      if (incident.resolvedAt === null) this.byAlert.set(k, incident.id);
      // Resolved with its alert maybe still open: the first look at the site tells.
      else this.resolvedOpen.add(k);
    }
    this.unsubscribe = fleet.subscribe((batch) => {
      this.follow(batch);
    });
  }

  get openResources(): number {
    return this.settling.openResources;
  }

  dispose(): void {
    this.unsubscribe();
    this.settling.dispose();
  }

  /** Opens what has stood long enough now (tests; the timer does it). */
  settle(): void {
    this.settling.settle();
  }

  /**
   * A technician resolves `incident`: its alert no longer has it, and while the alert stays
   * open it opens no other.
   */
  resolvedByHand(incident: Incident): void {
    const k = key(incident.siteId, incident.alertId);
    this.byAlert.delete(k);
    if (this.fleet.modelOf(incident.siteId)?.alerts.has(incident.alertId)) this.resolvedOpen.add(k);
  }

  private follow(batch: FleetChangeBatch): void {
    for (const change of batch.changes) {
      if (change.kind === 'alert' && opensIncidents(change.id)) {
        this.alertChanged(change.siteId, change.id);
      } else if (change.kind === 'site') {
        this.reachabilityChanged(change.siteId);
      } else if (change.kind === 'device') {
        const { siteId } = change;
        this.settling.lookAgain(siteId, (alertId) => this.byAlert.has(key(siteId, alertId)));
      } else if (change.kind === 'site-reset') {
        const alerts = this.fleet.modelOf(change.siteId)?.alerts;
        for (const incident of this.ledger.incidents.values()) {
          if (incident.siteId !== change.siteId || alerts?.has(incident.alertId)) continue;
          this.alertChanged(change.siteId, incident.alertId);
        }
        for (const k of [...this.resolvedOpen]) {
          const [siteId = '', alertId = ''] = k.split('\0');
          if (siteId !== change.siteId || alerts?.has(alertId)) continue;
          if (alertId === SITE_UNREACHABLE_ID && this.stillAway(siteId)) continue;
          this.resolvedOpen.delete(k);
        }
        for (const id of alerts?.keys() ?? []) {
          if (opensIncidents(id)) this.alertChanged(change.siteId, id);
        }
      }
    }
  }

  private alertChanged(siteId: string, alertId: string): void {
    const k = key(siteId, alertId);
    const alert = this.fleet.modelOf(siteId)?.alerts.get(alertId);
    const id = this.byAlert.get(k);
    const incident = id === undefined ? undefined : this.ledger.incidents.get(id);
    const now = this.clock.now();
    if (!alert) {
      this.settling.drop(siteId, alertId);
      // A site down as a whole is over when the site is back, not when its alert is missing (a
      // restarted hub holds no hub alerts until it has judged the site again).
      const unreachable = alertId === SITE_UNREACHABLE_ID;
      if (unreachable && this.fleet.site(siteId)?.health.state !== 'live') return;
      this.resolvedOpen.delete(k);
      if (!incident) return;
      this.byAlert.delete(k);
      const current = this.ledger.warn(incident, now);
      const resolved = resolveIncident(current, now, this.ledger.basisOf(current));
      const why = unreachable ? 'the site is live again' : 'the alert cleared';
      this.ledger.record(resolved, now, 'resolved', 'hub', why);
      return;
    }
    if (incident) {
      this.acknowledged(incident, alert, now);
      return;
    }
    if (this.settling.has(siteId, alertId) || this.resolvedOpen.has(k)) return;
    if (this.mayOpen(siteId, alert)) this.settling.add(siteId, alertId, now);
  }

  /** Whether a technician's resolve of the site's "unreachable" incident is of the outage still on. */
  private stillAway(siteId: string): boolean {
    return outageOngoing(this.fleet.site(siteId), this.ledger.incidents.values());
  }

  /** A site live again resolves its "unreachable" incident, whether or not its alert was raised. */
  private reachabilityChanged(siteId: string): void {
    const k = key(siteId, SITE_UNREACHABLE_ID);
    if (!this.byAlert.has(k) && !this.resolvedOpen.has(k)) return;
    if (this.fleet.site(siteId)?.health.state !== 'live') return;
    if (this.fleet.modelOf(siteId)?.alerts.has(SITE_UNREACHABLE_ID)) return;
    this.alertChanged(siteId, SITE_UNREACHABLE_ID);
  }

  /** Whether the alert could open an incident at all (most of a fleet's alerts cannot). */
  private mayOpen(siteId: string, alert: Alert): boolean {
    const entry = this.fleet.site(siteId);
    const terms = entry ? this.ledger.termsOf(entry.customer) : null;
    if (!terms) return false;
    const device = alert.deviceId === null ? undefined : entry?.model.devices.get(alert.deviceId);
    const priority = priorityOf(terms, {
      siteId,
      severity: alert.severity,
      deviceKind: device?.kind ?? null,
      deviceTags: device?.tags ?? [],
    });
    return priority !== null && terms.targets[priority] !== undefined;
  }

  /** The alert's acknowledgement by a person stops the response clock. */
  private acknowledged(incident: Incident, alert: Alert, now: number): void {
    if (alert.ack === null || incident.response.stoppedAt !== null) return;
    const current = this.ledger.warn(incident, now);
    const by = alert.ack.technician;
    const responded = respond(current, by, now, this.ledger.basisOf(current));
    this.ledger.record(responded, now, 'responded', by, alert.ack.comment);
  }

  /** The settled alerts of a site: one write for all they open; the folded ones kept aside. */
  private openFor(siteId: string, alerts: readonly [string, number][]): void {
    const entry = this.fleet.site(siteId);
    const terms = entry ? this.ledger.termsOf(entry.customer) : null;
    if (!entry || !terms) return;
    const { opened, folded } = openings(entry, terms, alerts, this.ledger.incidents.values());
    this.settling.hold(siteId, folded);
    const changes: IncidentChange[] = opened.map(({ incident, what, detail, at }) => ({
      incident,
      events: [{ incidentId: incident.id, at, what, actor: 'hub', detail }],
    }));
    for (const { incident, alert } of opened) this.byAlert.set(key(siteId, alert.id), incident.id);
    this.ledger.write(changes);
    for (const { incident, alert } of opened) this.acknowledged(incident, alert, this.clock.now());
  }
}
