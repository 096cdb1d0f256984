import type { Severity } from '../protocol/alert.js';
import type { Priority } from '../sla/contract.js';
import type { ClockName } from '../sla/incident.js';

/** Something worth a notice, before rules and coalescing: a new alert, or an SLA warning. */
export type Notable = NotableAlert | NotableSla;

interface SiteFacts {
  readonly siteId: string;
  readonly siteName: string;
  readonly customer: string;
  /** When it happened (hub clock). */
  readonly at: number;
}

export interface NotableAlert extends SiteFacts {
  readonly kind: 'alert';
  readonly alertId: string;
  readonly severity: Severity;
  readonly title: string;
}

export interface NotableSla extends SiteFacts {
  readonly kind: 'sla';
  readonly incidentId: string;
  readonly incidentTitle: string;
  readonly priority: Priority;
  readonly clock: ClockName;
  /** Share of the target reached: 0.5, 0.75, 0.9…; 1 is the breach. */
  readonly share: number;
}

/** A breach counts as a disaster, a warning as high: what quiet hours and sounds go by. */
export function notableSeverity(event: Notable): Severity {
  if (event.kind === 'alert') return event.severity;
  return event.share >= 1 ? 'disaster' : 'high';
}
