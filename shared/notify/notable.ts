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

/**
 * What an alert is when it is new or got worse: open, or already acknowledged, on a flapping
 * check, or inside a maintenance window (the first of these that holds, from the last). Rules
 * choose which they tell of (default: open only).
 */
export const ALERT_STATES = ['open', 'acknowledged', 'flapping', 'maintenance'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface NotableAlert extends SiteFacts {
  readonly kind: 'alert';
  readonly alertId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly state: AlertState;
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
