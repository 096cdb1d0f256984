import { reprioritise } from '../../../shared/sla/reprioritise.js';
import type { Clock } from '../../../shared/clock.js';
import type { TimeBasis } from '../../../shared/sla/business-time.js';
import type { PauseReason, Priority, SlaConfig } from '../../../shared/sla/contract.js';
import {
  pauseIncident,
  recordPlan,
  resolveIncident,
  resumeIncident,
  type Incident,
} from '../../../shared/sla/incident.js';
import type { SlaWarning } from '../../../shared/sla/incident-warnings.js';
import type { FleetState } from '../fleet/fleet-state.js';
import type { SlaTimelineResult } from '../../../shared/bridge/sla.js';
import { cutText } from '../../../shared/text/untrusted-text.js';
import { compliance, type CustomerCompliance } from '../../../shared/sla/compliance.js';
import { IncidentFollower } from './incident-follower.js';
import { IncidentLedger } from './incident-ledger.js';
import type { IncidentStore } from './incident-store.js';

export { SETTLE_MS } from './incident-follower.js';

/** Incidents a compliance report reads at most (a year of a busy MSP's is far fewer). */
export const MAX_REPORTED = 200_000;

export class IncidentRefused extends Error {}

/**
 * The hub's SLA incidents (docs/sla.md): what the fleet opens, acknowledges and resolves
 * (incident-follower.ts), and what technicians do to them: pause (waiting on the customer, or a
 * vendor with their ticket), resume, record a plan, resolve and re-prioritise. What the ledger
 * (incident-ledger.ts) holds, stores and warns about.
 */
export class IncidentBook {
  private readonly ledger: IncidentLedger;
  private readonly follower: IncidentFollower;

  constructor(
    fleet: Pick<FleetState, 'subscribe' | 'site' | 'modelOf' | 'setIncident' | 'raiseSlaWarnings'>,
    private readonly clock: Clock,
    config: SlaConfig,
    store: IncidentStore,
    onWarning: (warning: SlaWarning, incident: Incident) => void = () => undefined,
  ) {
    this.ledger = new IncidentLedger(fleet, clock, config, store, onWarning);
    this.follower = new IncidentFollower(fleet, clock, this.ledger);
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
    return this.follower.openResources + this.ledger.openResources;
  }

  start(): void {
    this.ledger.start();
  }

  dispose(): void {
    this.follower.dispose();
    this.ledger.dispose();
  }

  /** Opens what has stood long enough now (tests; the timer does it). */
  settle(): void {
    this.follower.settle();
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
    return this.ledger.record(paused, at, 'paused', by, `${whom}${ticket}${comment}`);
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
    return this.ledger.record(planned, at, 'planned', by, text);
  }

  resume(id: string, by: string, comment: string): Incident {
    const incident = this.live(id);
    if (incident.pause === null) throw new IncidentRefused(`incident ${id} is not paused`);
    const at = this.clock.now();
    return this.ledger.record(resumeIncident(incident, at), at, 'resumed', by, comment);
  }

  resolve(id: string, by: string, comment: string): Incident {
    const incident = this.live(id);
    const at = this.clock.now();
    this.follower.resolvedByHand(incident);
    const resolved = resolveIncident(incident, at, this.basisOf(incident));
    return this.ledger.record(resolved, at, 'resolved', by, comment);
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
    this.ledger.record(next, at, 'priority', by, `${incident.priority} → ${priority}: ${reason}`);
    return this.ledger.warn(next, at);
  }

  /** The open incident `id`, with the warnings due by now raised first (dated when reached). */
  private live(id: string): Incident {
    const incident = this.ledger.incidents.get(id);
    if (!incident) throw new IncidentRefused(`no incident ${id}`);
    if (incident.resolvedAt !== null) throw new IncidentRefused(`incident ${id} is resolved`);
    return this.ledger.warn(incident, this.clock.now());
  }
}
