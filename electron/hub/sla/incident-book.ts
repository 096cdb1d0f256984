import { SITE_UNREACHABLE_ID } from '../../../shared/alerts/hub-alerts.js';
import { reprioritise } from '../../../shared/sla/reprioritise.js';
import type { Clock } from '../../../shared/clock.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { TimeBasis } from '../../../shared/sla/business-time.js';
import {
  priorityOf,
  type PauseReason,
  type Priority,
  type SlaConfig,
} from '../../../shared/sla/contract.js';
import {
  pauseIncident,
  recordPlan,
  resolveIncident,
  respond,
  resumeIncident,
  type Incident,
  type SlaWarning,
} from '../../../shared/sla/incident.js';
import type { FleetChangeBatch } from '../fleet/fleet-changes.js';
import type { FleetState } from '../fleet/fleet-state.js';
import type { SlaTimelineResult } from '../../../shared/bridge/sla.js';
import { cutText } from '../../../shared/text/untrusted-text.js';
import { compliance, type CustomerCompliance } from '../../../shared/sla/compliance.js';
import { openings } from './incident-opening.js';
import { opensIncidents, outageOngoing } from './site-outage.js';
import { IncidentLedger, type IncidentChange } from './incident-ledger.js';
import { SettlingAlerts } from './settling-alerts.js';
import type { IncidentStore } from './incident-store.js';

/** How long a new alert stands before it opens an incident: time for its cause to show. */
export const SETTLE_MS = 2000;
/** Incidents a compliance report reads at most (a year of a busy MSP's is far fewer). */
export const MAX_REPORTED = 200_000;

export class IncidentRefused extends Error {}

const key = (siteId: string, alertId: string) => `${siteId}\0${alertId}`;

/**
 * The hub's SLA incidents (docs/sla.md), following the fleet: an alert of a customer with terms,
 * at a priority they have targets for, opens an incident once it has stood SETTLE_MS (an alert
 * folded under a root cause a moment later opens none: its root carries it; one still folded is
 * looked at again when the site's devices change), dated when the hub first saw it. The first
 * acknowledgement by a person stops the response clock; the alert clearing resolves it; the same
 * device and check within the window reopens it. Technicians pause (waiting on the customer, or
 * a vendor with their ticket), resume, resolve and re-prioritise. What the ledger
 * (incident-ledger.ts) holds, stores and warns about.
 */
export class IncidentBook {
  private readonly ledger: IncidentLedger;
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
    private readonly fleet: Pick<
      FleetState,
      'subscribe' | 'site' | 'modelOf' | 'setIncident' | 'raiseSlaWarnings'
    >,
    private readonly clock: Clock,
    config: SlaConfig,
    store: IncidentStore,
    onWarning: (warning: SlaWarning, incident: Incident) => void = () => undefined,
  ) {
    this.ledger = new IncidentLedger(fleet, clock, config, store, onWarning);
    this.settling = new SettlingAlerts(clock, SETTLE_MS, (siteId, alerts) => {
      this.openFor(siteId, alerts);
    });
    for (const incident of this.ledger.incidents.values()) {
      const k = key(incident.siteId, incident.alertId);
      if (incident.resolvedAt === null) this.byAlert.set(k, incident.id);
      // Resolved with its alert maybe still open: the first look at the site tells.
      else this.resolvedOpen.add(k);
    }
    this.unsubscribe = fleet.subscribe((batch) => {
      this.follow(batch);
    });
  }

  /** Open incidents and those resolved lately. */
  list(): Incident[] {
    return [...this.ledger.incidents.values()];
  }

  get(id: string): Incident | undefined {
    return this.ledger.incidents.get(id);
  }

  basisOf(incident: Incident): TimeBasis {
    return this.ledger.basisOf(incident);
  }

  /** The incident's timeline (its store's), oldest first; one line more than `limit` if cut. */
  timeline(id: string, limit: number): SlaTimelineResult {
    const lines = this.ledger.timeline(id, limit + 1);
    return {
      lines: lines.slice(0, limit).map(({ at, what, actor, detail }) => ({
        at,
        what,
        actor: cutText(actor, 200),
        detail: cutText(detail, 2000),
      })),
      truncated: lines.length > limit,
    };
  }

  /** SLA compliance per customer of the incidents opened in [from, to) (docs/sla.md). */
  compliance(from: number, to: number): CustomerCompliance[] {
    return compliance(this.ledger.openedBetween(from, to, MAX_REPORTED));
  }

  get openResources(): number {
    return this.settling.openResources + this.ledger.openResources;
  }

  start(): void {
    this.ledger.start();
  }

  dispose(): void {
    this.unsubscribe();
    this.settling.dispose();
    this.ledger.dispose();
  }

  /** Opens what has stood long enough now (tests; the timer does it). */
  settle(): void {
    this.settling.settle();
  }

  pause(
    id: string,
    pause: {
      reason: PauseReason;
      vendor: string | null;
      reference: string | null;
      comment: string;
    },
    by: string,
  ): Incident {
    const incident = this.live(id);
    if (incident.pause !== null) throw new IncidentRefused(`incident ${id} is already paused`);
    const terms = this.ledger.termsOf(incident.customer);
    if (!terms) throw new IncidentRefused(`no contract for ${incident.customer} any more`);
    const at = this.clock.now();
    const basis = this.basisOf(incident);
    const paused = pauseIncident(incident, { ...pause, by, at }, terms, basis);
    const whom =
      pause.reason === 'vendor'
        ? `waiting on ${pause.vendor ?? 'a vendor'}`
        : 'waiting on the customer';
    const ticket = pause.reference ? ` (ticket ${pause.reference})` : '';
    const comment = pause.comment ? `: ${pause.comment}` : '';
    return this.change(paused, at, 'paused', by, `${whom}${ticket}${comment}`);
  }

  /**
   * A technician records the plan to resolve it: its plan clock stops (the first plan; a later
   * one goes on the timeline too, the clock stays as the first left it).
   */
  plan(id: string, by: string, text: string): Incident {
    const incident = this.live(id);
    if (incident.plan === null) {
      const now = this.ledger.termsOf(incident.customer)?.targets[incident.priority];
      throw new IncidentRefused(
        now?.planMinutes === undefined
          ? `incident ${id} has no plan target: the contract's ${incident.priority} has none`
          : `incident ${id} was opened before its contract had a plan target for ${incident.priority}: change its priority to start the plan clock`,
      );
    }
    if (incident.plan.stoppedAt !== null && incident.plannedBy === null) {
      throw new IncidentRefused(`incident ${id}'s plan clock has stopped`);
    }
    const at = this.clock.now();
    const planned = recordPlan(incident, by, at, this.basisOf(incident));
    return this.change(planned, at, 'planned', by, text);
  }

  resume(id: string, by: string, comment: string): Incident {
    const incident = this.live(id);
    if (incident.pause === null) throw new IncidentRefused(`incident ${id} is not paused`);
    const at = this.clock.now();
    return this.change(resumeIncident(incident, at), at, 'resumed', by, comment);
  }

  resolve(id: string, by: string, comment: string): Incident {
    const incident = this.live(id);
    const at = this.clock.now();
    const k = key(incident.siteId, incident.alertId);
    this.byAlert.delete(k);
    if (this.fleet.modelOf(incident.siteId)?.alerts.has(incident.alertId)) this.resolvedOpen.add(k);
    const resolved = resolveIncident(incident, at, this.basisOf(incident));
    return this.change(resolved, at, 'resolved', by, comment);
  }

  setPriority(id: string, priority: Priority, by: string, reason: string): Incident {
    const incident = this.live(id);
    const terms = this.ledger.termsOf(incident.customer);
    const targets = terms?.targets[priority];
    if (!terms || !targets)
      throw new IncidentRefused(`the contract has no targets for ${priority}`);
    if (reason.trim() === '') throw new IncidentRefused('say why the priority changes');
    const at = this.clock.now();
    const paused = incident.pause === null ? [] : terms.pauses[incident.pause.reason];
    const next = reprioritise(
      incident,
      priority,
      targets,
      at,
      this.basisOf(incident),
      terms.warnAt,
      paused,
    );
    // What the new target makes due (a breach at once) is raised from now.
    this.change(next, at, 'priority', by, `${incident.priority} → ${priority}: ${reason}`);
    return this.ledger.warn(next, at);
  }

  /** The open incident `id`, with the warnings due by now raised first (dated when reached). */
  private live(id: string): Incident {
    const incident = this.ledger.incidents.get(id);
    if (!incident) throw new IncidentRefused(`no incident ${id}`);
    if (incident.resolvedAt !== null) throw new IncidentRefused(`incident ${id} is resolved`);
    return this.ledger.warn(incident, this.clock.now());
  }

  private change(incident: Incident, at: number, what: string, actor: string, detail: string) {
    this.ledger.write([
      { incident, events: [{ incidentId: incident.id, at, what, actor, detail }] },
    ]);
    return incident;
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
      const resolved = resolveIncident(current, now, this.basisOf(current));
      const why = unreachable ? 'the site is live again' : 'the alert cleared';
      this.change(resolved, now, 'resolved', 'hub', why);
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
    const responded = respond(current, by, now, this.basisOf(current));
    this.change(responded, now, 'responded', by, alert.ack.comment);
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
