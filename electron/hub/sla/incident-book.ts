import { isHubAlert } from '../../../shared/alerts/hub-alerts.js';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import { ALWAYS_OPEN, BusinessTime, type TimeBasis } from '../../../shared/sla/business-time.js';
import {
  type ContractTerms,
  type PauseReason,
  type Priority,
  type SlaConfig,
} from '../../../shared/sla/contract.js';
import {
  dueWarnings,
  nextWarningAt,
  pauseIncident,
  reprioritise,
  resolveIncident,
  respond,
  resumeIncident,
  type Incident,
  type SlaWarning,
} from '../../../shared/sla/incident.js';
import type { FleetChangeBatch } from '../fleet/fleet-changes.js';
import type { FleetState } from '../fleet/fleet-state.js';
import type { IncidentEvent, IncidentStore } from './incident-store.js';
import { openings } from './incident-opening.js';

/** How long a new alert stands before it opens an incident: time for its cause to show. */
export const SETTLE_MS = 2000;
const MINUTE = 60_000;

export class IncidentRefused extends Error {}

/**
 * The hub's SLA incidents (docs/sla.md): an alert of a customer with a contract, at a priority
 * the contract has targets for, opens an incident once it has stood SETTLE_MS (so an alert
 * folded under a root cause that arrives a moment later opens none: its root carries it), dated
 * when the hub first saw it. The first acknowledgement by a person stops the response clock; the
 * alert clearing resolves it; the same device and check raised again within the contract's
 * window reopens it. Technicians pause (waiting on the customer, or a vendor with their ticket),
 * resume, resolve and re-prioritise. Every change is stored with its timeline line; warnings and
 * breaches are raised on one timer, at the earliest instant one is due, dated when reached.
 */
export class IncidentBook {
  private readonly incidents = new Map<string, Incident>();
  /** `siteId \0 alertId` → its open incident. */
  private readonly byAlert = new Map<string, string>();
  /** `siteId \0 alertId` → when the hub first saw the alert (not yet an incident). */
  private readonly pending = new Map<string, number>();
  private readonly calendars = new Map<string, BusinessTime>();
  private readonly contracts: ReadonlyMap<string, ContractTerms>;
  private readonly unsubscribe: () => void;
  private settleTimer: TimerHandle | null = null;
  private warnTimer: TimerHandle | null = null;
  private disposed = false;
  private readonly reopenKeptMs: number;

  constructor(
    private readonly fleet: Pick<FleetState, 'subscribe' | 'site' | 'modelOf' | 'setIncident'>,
    private readonly clock: Clock,
    private readonly config: SlaConfig,
    private readonly store: IncidentStore,
    private readonly onWarning: (warning: SlaWarning, incident: Incident) => void = () => undefined,
  ) {
    this.contracts = new Map(config.contracts.map((c) => [c.customer, c]));
    const windows = [...config.contracts, ...(config.defaultTerms ? [config.defaultTerms] : [])];
    this.reopenKeptMs = Math.max(0, ...windows.map((t) => t.reopenWithinMinutes * MINUTE));
    for (const incident of store.load(clock.now() - this.reopenKeptMs)) {
      // A site taken out of the config: its incidents stay stored, not shown.
      if (!fleet.site(incident.siteId)) continue;
      this.incidents.set(incident.id, incident);
      fleet.setIncident(incident.siteId, incident.id, incident);
      if (incident.resolvedAt === null) this.byAlert.set(alertKey(incident), incident.id);
    }
    this.unsubscribe = fleet.subscribe((batch) => {
      this.follow(batch);
    });
  }

  /** Open incidents and those resolved lately, oldest first. */
  list(): Incident[] {
    return [...this.incidents.values()];
  }

  get(id: string): Incident | undefined {
    return this.incidents.get(id);
  }

  /** The time basis the incident's clocks count in. */
  basisOf(incident: Incident): TimeBasis {
    if (incident.allHours) return ALWAYS_OPEN;
    const terms = this.termsOf(incident.customer);
    if (!terms) return ALWAYS_OPEN;
    let calendar = this.calendars.get(incident.customer);
    if (!calendar)
      this.calendars.set(incident.customer, (calendar = new BusinessTime(terms.calendar)));
    return calendar;
  }

  get openResources(): number {
    return (this.settleTimer ? 1 : 0) + (this.warnTimer ? 1 : 0);
  }

  start(): void {
    this.armWarnings();
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    if (this.settleTimer) this.clock.clearTimeout(this.settleTimer);
    if (this.warnTimer) this.clock.clearTimeout(this.warnTimer);
    this.settleTimer = null;
    this.warnTimer = null;
  }

  /** Opens what has stood long enough now, and raises the warnings due (tests). */
  settle(): void {
    if (this.settleTimer) this.clock.clearTimeout(this.settleTimer);
    this.settleTimer = null;
    const now = this.clock.now();
    const bySite = new Map<string, [string, number][]>();
    for (const [key, seen] of this.pending) {
      if (now - seen < SETTLE_MS) continue;
      this.pending.delete(key);
      const siteId = key.slice(0, key.indexOf('\0'));
      const list = bySite.get(siteId) ?? [];
      list.push([key.slice(siteId.length + 1), seen]);
      bySite.set(siteId, list);
    }
    for (const [siteId, alerts] of bySite) this.openFor(siteId, alerts);
    if (this.pending.size > 0) this.armSettle();
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
    const terms = this.termsOf(incident.customer);
    if (!terms) throw new IncidentRefused(`no contract for ${incident.customer} any more`);
    const at = this.clock.now();
    const paused = pauseIncident(incident, { ...pause, by, at }, terms, this.basisOf(incident));
    const whom =
      pause.reason === 'vendor'
        ? `waiting on ${pause.vendor ?? 'a vendor'}`
        : 'waiting on the customer';
    const ticket = pause.reference ? ` (ticket ${pause.reference})` : '';
    return this.commit(
      paused,
      at,
      'paused',
      by,
      `${whom}${ticket}${pause.comment ? `: ${pause.comment}` : ''}`,
    );
  }

  resume(id: string, by: string, comment: string): Incident {
    const incident = this.live(id);
    if (incident.pause === null) throw new IncidentRefused(`incident ${id} is not paused`);
    const at = this.clock.now();
    return this.commit(resumeIncident(incident, at), at, 'resumed', by, comment);
  }

  resolve(id: string, by: string, comment: string): Incident {
    const incident = this.live(id);
    const at = this.clock.now();
    this.byAlert.delete(alertKey(incident));
    return this.commit(
      resolveIncident(incident, at, this.basisOf(incident)),
      at,
      'resolved',
      by,
      comment,
    );
  }

  setPriority(id: string, priority: Priority, by: string, reason: string): Incident {
    const incident = this.live(id);
    const targets = this.termsOf(incident.customer)?.targets[priority];
    if (!targets) throw new IncidentRefused(`the contract has no targets for ${priority}`);
    if (reason.trim() === '') throw new IncidentRefused('say why the priority changes');
    const at = this.clock.now();
    const next = reprioritise(incident, priority, targets);
    return this.commit(next, at, 'priority', by, `${incident.priority} → ${priority}: ${reason}`);
  }

  /** The open incident `id`, with the warnings due by now raised first. */
  private live(id: string): Incident {
    const incident = this.incidents.get(id);
    if (!incident) throw new IncidentRefused(`no incident ${id}`);
    if (incident.resolvedAt !== null) throw new IncidentRefused(`incident ${id} is resolved`);
    // What was due up to now is raised first, dated when it happened.
    return this.warn(incident, this.clock.now());
  }

  private termsOf(customer: string): ContractTerms | null {
    return this.contracts.get(customer) ?? this.config.defaultTerms;
  }

  private follow(batch: FleetChangeBatch): void {
    for (const change of batch.changes) {
      if (change.kind === 'alert' && !isHubAlert(change.id)) {
        this.alertChanged(change.siteId, change.id);
      } else if (change.kind === 'site-reset') {
        const alerts = this.fleet.modelOf(change.siteId)?.alerts;
        for (const incident of this.incidents.values()) {
          if (
            incident.siteId === change.siteId &&
            incident.resolvedAt === null &&
            !alerts?.has(incident.alertId)
          ) {
            this.alertChanged(change.siteId, incident.alertId);
          }
        }
        for (const id of alerts?.keys() ?? [])
          if (!isHubAlert(id)) this.alertChanged(change.siteId, id);
      }
    }
  }

  private alertChanged(siteId: string, alertId: string): void {
    const key = `${siteId}\0${alertId}`;
    const alert = this.fleet.modelOf(siteId)?.alerts.get(alertId);
    const id = this.byAlert.get(key);
    const incident = id === undefined ? undefined : this.incidents.get(id);
    const now = this.clock.now();
    if (!alert) {
      this.pending.delete(key);
      if (!incident) return;
      this.byAlert.delete(key);
      const current = this.warn(incident, now);
      this.commit(
        resolveIncident(current, now, this.basisOf(current)),
        now,
        'resolved',
        'hub',
        'the alert cleared',
      );
      return;
    }
    if (incident) {
      this.acknowledged(incident, alert, now);
      return;
    }
    if (!this.pending.has(key)) {
      this.pending.set(key, now);
      this.armSettle();
    }
  }

  /** The alert's acknowledgement by a person stops the response clock. */
  private acknowledged(incident: Incident, alert: Alert, now: number): void {
    if (alert.ack === null || incident.response.stoppedAt !== null) return;
    const current = this.warn(incident, now);
    const by = alert.ack.technician;
    this.commit(
      respond(current, by, now, this.basisOf(current)),
      now,
      'responded',
      by,
      alert.ack.comment,
    );
  }

  /** The settled alerts of a site: those not folded under a cause open (or reopen) incidents. */
  private openFor(siteId: string, alerts: readonly [string, number][]): void {
    const entry = this.fleet.site(siteId);
    const terms = entry ? this.termsOf(entry.customer) : null;
    if (!entry || !terms) return;
    for (const { incident, alert, what, detail, at } of openings(
      entry,
      terms,
      alerts,
      this.incidents.values(),
    )) {
      this.byAlert.set(`${siteId}\0${alert.id}`, incident.id);
      this.commit(incident, at, what, 'hub', detail);
      this.acknowledged(incident, alert, this.clock.now());
    }
  }

  /** Raises the warnings and breaches the incident reached by `now`; returns it with them. */
  private warn(incident: Incident, now: number): Incident {
    const terms = this.termsOf(incident.customer);
    if (!terms || incident.resolvedAt !== null) return incident;
    const { incident: next, warnings } = dueWarnings(
      incident,
      now,
      terms.warnAt,
      this.basisOf(incident),
    );
    if (warnings.length === 0) return incident;
    const events = warnings.map((w): IncidentEvent => ({
      incidentId: incident.id,
      at: w.at,
      what: w.share === 1 ? 'breach' : 'warning',
      actor: 'hub',
      detail: `${w.clock} ${w.share === 1 ? 'breached' : `at ${Math.round(w.share * 100)} %`}`,
    }));
    this.save(next, events);
    for (const warning of warnings) this.onWarning(warning, next);
    return next;
  }

  private commit(
    incident: Incident,
    at: number,
    what: string,
    actor: string,
    detail: string,
  ): Incident {
    this.save(incident, [{ incidentId: incident.id, at, what, actor, detail }]);
    this.armWarnings();
    return incident;
  }

  private save(incident: Incident, events: readonly IncidentEvent[]): void {
    this.incidents.set(incident.id, incident);
    this.fleet.setIncident(incident.siteId, incident.id, incident);
    try {
      this.store.save(incident, events);
    } catch (error) {
      console.error(`hub: could not store incident ${incident.id}:`, error);
    }
  }

  private armSettle(): void {
    if (this.settleTimer || this.disposed) return;
    this.settleTimer = this.clock.setTimeout(() => {
      this.settleTimer = null;
      this.settle();
    }, SETTLE_MS);
  }

  /** One timer, for the earliest warning due; resolved incidents past their window go. */
  private armWarnings(): void {
    if (this.warnTimer) this.clock.clearTimeout(this.warnTimer);
    this.warnTimer = null;
    if (this.disposed) return;
    const now = this.clock.now();
    let earliest = Infinity;
    for (const incident of [...this.incidents.values()]) {
      if (incident.resolvedAt !== null) {
        if (incident.resolvedAt < now - this.reopenKeptMs) {
          this.incidents.delete(incident.id);
          this.fleet.setIncident(incident.siteId, incident.id, null);
        }
        continue;
      }
      const terms = this.termsOf(incident.customer);
      const at = terms ? nextWarningAt(incident, terms.warnAt, this.basisOf(incident)) : null;
      if (at !== null) earliest = Math.min(earliest, at);
    }
    if (earliest === Infinity) return;
    this.warnTimer = this.clock.setTimeout(
      () => {
        this.warnTimer = null;
        const at = this.clock.now();
        for (const incident of [...this.incidents.values()]) this.warn(incident, at);
        this.armWarnings();
      },
      Math.max(0, earliest - now),
    );
  }
}

function alertKey(incident: Incident): string {
  return `${incident.siteId}\0${incident.alertId}`;
}
