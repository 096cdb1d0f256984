import type { Clock, TimerHandle } from '../../../shared/clock.js';
import { ALWAYS_OPEN, BusinessTime, type TimeBasis } from '../../../shared/sla/business-time.js';
import type { ContractTerms, SlaConfig } from '../../../shared/sla/contract.js';
import type { Incident } from '../../../shared/sla/incident.js';
import {
  dueWarnings,
  nextWarningAt,
  type SlaWarning,
} from '../../../shared/sla/incident-warnings.js';
import type { FleetState } from '../fleet/fleet-state.js';
import type { IncidentEvent, IncidentStore } from './incident-store.js';

const MINUTE = 60_000;
/** The warning timer waits at most this long: a longer wait is re-armed (timers overflow at ~24.8 days). */
const MAX_WAIT_MS = 3_600_000;

/** A change to write: the incident as it is now, and the timeline lines that say why. */
export interface IncidentChange {
  readonly incident: Incident;
  readonly events: readonly IncidentEvent[];
}

/**
 * The incidents the hub holds (open, and resolved within the longest reopen window), their
 * contracts and time bases, their store, and the one timer that raises warnings and breaches.
 * Every change goes through `write`: stored (one transaction for a batch), shown to every window
 * (the fleet's incidents), and the timer re-armed once.
 */
export class IncidentLedger {
  readonly incidents = new Map<string, Incident>();
  private readonly calendars = new Map<string, BusinessTime>();
  private readonly contracts: ReadonlyMap<string, ContractTerms>;
  private timer: TimerHandle | null = null;
  private disposed = false;
  /** Resolved incidents are kept this long (the longest reopen window), then forgotten. */
  readonly keptMs: number;

  constructor(
    private readonly fleet: Pick<FleetState, 'site' | 'setIncident' | 'raiseSlaWarnings'>,
    private readonly clock: Clock,
    private readonly config: SlaConfig,
    private readonly store: IncidentStore,
    private readonly onWarning: (warning: SlaWarning, incident: Incident) => void,
  ) {
    this.contracts = new Map(config.contracts.map((c) => [c.customer, c]));
    const terms = [...config.contracts, ...(config.defaultTerms ? [config.defaultTerms] : [])];
    this.keptMs = Math.max(0, ...terms.map((t) => t.reopenWithinMinutes * MINUTE));
    for (const incident of store.load(clock.now() - this.keptMs)) {
      // A site taken out of the config: its incidents stay stored, not shown.
      if (!fleet.site(incident.siteId)) continue;
      this.incidents.set(incident.id, incident);
      fleet.setIncident(incident.siteId, incident.id, incident);
    }
  }

  get openResources(): number {
    return this.timer ? 1 : 0;
  }

  start(): void {
    this.arm();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** The incident's timeline as the store has it, oldest first. */
  timeline(incidentId: string, limit: number): IncidentEvent[] {
    return this.store.timeline(incidentId, limit);
  }

  /** Incidents opened in [from, to) as the store has them (compliance reports). */
  openedBetween(from: number, to: number, limit: number): Incident[] {
    return this.store.openedBetween(from, to, limit);
  }

  termsOf(customer: string): ContractTerms | null {
    return this.contracts.get(customer) ?? this.config.defaultTerms;
  }

  /** The time basis the incident's clocks count in. */
  basisOf(incident: Incident): TimeBasis {
    if (incident.allHours) return ALWAYS_OPEN;
    const terms = this.termsOf(incident.customer);
    if (!terms) return ALWAYS_OPEN;
    let calendar = this.calendars.get(incident.customer);
    if (!calendar) {
      calendar = new BusinessTime(terms.calendar);
      this.calendars.set(incident.customer, calendar);
    }
    return calendar;
  }

  /**
   * The incident with the warnings and breaches it reached by `now` raised (stored, on the
   * timeline, to every window, to `onWarning`); unchanged when none were due.
   */
  warn(incident: Incident, now: number): Incident {
    const due = this.due(incident, now);
    if (!due) return incident;
    this.write([due.change]);
    this.fleet.raiseSlaWarnings(due.warnings);
    for (const warning of due.warnings) this.onWarning(warning, due.change.incident);
    return due.change.incident;
  }

  /** Every incident's warnings due by `now`, in one write (the timer). */
  private warnAll(now: number): void {
    const due = [...this.incidents.values()].flatMap((incident) => this.due(incident, now) ?? []);
    this.write(due.map((d) => d.change));
    this.fleet.raiseSlaWarnings(due.flatMap((d) => d.warnings));
    for (const { change, warnings } of due) {
      for (const warning of warnings) this.onWarning(warning, change.incident);
    }
  }

  private due(incident: Incident, now: number) {
    const terms = this.termsOf(incident.customer);
    if (!terms || incident.resolvedAt !== null) return null;
    const basis = this.basisOf(incident);
    const { incident: next, warnings } = dueWarnings(incident, now, terms.warnAt, basis);
    if (warnings.length === 0) return null;
    const events = warnings.map((w): IncidentEvent => ({
      incidentId: incident.id,
      at: w.at,
      what: w.share === 1 ? 'breach' : 'warning',
      actor: 'hub',
      detail: `${w.clock} ${w.share === 1 ? 'breached' : `at ${Math.round(w.share * 100)} %`}`,
    }));
    return { change: { incident: next, events }, warnings };
  }

  /**
   * Stores the changes in one transaction (a store that fails is logged: the incidents still
   * count here, and are stored again at their next change), shows them, re-arms the timer.
   */
  write(changes: readonly IncidentChange[]): void {
    if (changes.length === 0) return;
    for (const { incident } of changes) {
      this.incidents.set(incident.id, incident);
      this.fleet.setIncident(incident.siteId, incident.id, incident);
    }
    try {
      this.store.saveAll(changes);
    } catch (error) {
      console.error('hub: could not store SLA incidents:', error);
    }
    this.arm();
  }

  /** Writes one change of one incident with its timeline line; returns the incident. */
  record(incident: Incident, at: number, what: string, actor: string, detail: string): Incident {
    this.write([{ incident, events: [{ incidentId: incident.id, at, what, actor, detail }] }]);
    return incident;
  }

  /** One timer, for the earliest warning due; resolved incidents past their window go. */
  private arm(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.disposed) return;
    const now = this.clock.now();
    let earliest = Infinity;
    for (const incident of [...this.incidents.values()]) {
      if (incident.resolvedAt !== null) {
        if (incident.resolvedAt < now - this.keptMs) this.forget(incident);
        continue;
      }
      const terms = this.termsOf(incident.customer);
      const at = terms ? nextWarningAt(incident, terms.warnAt, this.basisOf(incident)) : null;
      if (at !== null) earliest = Math.min(earliest, at);
    }
    if (earliest === Infinity) return;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        this.warnAll(this.clock.now());
        this.arm();
      },
      Math.min(MAX_WAIT_MS, Math.max(0, earliest - now)),
    );
  }

  private forget(incident: Incident): void {
    this.incidents.delete(incident.id);
    this.fleet.setIncident(incident.siteId, incident.id, null);
    this.store.forget?.(incident.id);
  }
}
