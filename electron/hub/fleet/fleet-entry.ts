import type { CheckRecord } from '../../../shared/alerts/check-record.js';
import { isHubAlert } from '../../../shared/alerts/hub-alerts.js';
import type { TechnicianAction } from '../../../shared/alerts/technician-action.js';
import { ZERO_HEALTH_COUNTS, type SiteHealth } from '../../../shared/fleet/health.js';
import type { ActiveMaintenance } from '../../../shared/maintenance/maintenance-window.js';
import type { Incident } from '../../../shared/sla/incident.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Hello } from '../../../shared/protocol/messages.js';
import {
  emptySiteModel,
  eventSubject,
  type EventOutcome,
  type SiteModel,
} from '../../../shared/site-model/site-model.js';
import type { FleetChange } from './fleet-changes.js';
import type { FleetSiteSeed } from './fleet-options.js';
import type { SiteBudget } from './site-budget.js';

/** A site's entry in the fleet state, and the helpers FleetState keeps it with. */

export interface SiteEntry {
  readonly id: string;
  readonly customer: string;
  /** The configured name, else the one the site announced, else its id. */
  readonly name: string;
  readonly info: Hello | null;
  readonly model: SiteModel;
  readonly health: SiteHealth;
  /** alertId → technicians' latest action on it. */
  readonly actions: ReadonlyMap<string, TechnicianAction>;
  /** key → checks raised again lately, or flapping. */
  readonly checks: ReadonlyMap<string, CheckRecord>;
  /** Maintenance windows running now. */
  readonly maintenance: readonly ActiveMaintenance[];
  /** SLA incidents open at the site, and those resolved lately. */
  readonly incidents: ReadonlyMap<string, Incident>;
}

export interface MutableEntry {
  id: string;
  customer: string;
  configuredName: string | undefined;
  info: Hello | null;
  model: SiteModel;
  health: SiteHealth;
  readonly budget: SiteBudget;
  readonly actions: Map<string, TechnicianAction>;
  readonly checks: Map<string, CheckRecord>;
  maintenance: readonly ActiveMaintenance[];
  readonly incidents: Map<string, Incident>;
  /** The hub's own alerts on the site (proactive warnings), kept in its model beside the site's. */
  readonly hubAlerts: Map<string, Alert>;
}

/** A configured site's entry, before its link or the store has told anything of it. */
export function newEntry(site: FleetSiteSeed, budget: SiteBudget): MutableEntry {
  return {
    id: site.id,
    customer: site.customer,
    configuredName: site.name,
    info: null,
    model: emptySiteModel(),
    health: initialHealth(site.id),
    budget,
    actions: new Map(),
    checks: new Map(),
    maintenance: [],
    incidents: new Map(),
    hubAlerts: new Map(),
  };
}

export function changeOf(
  siteId: string,
  event: SiteEvent,
  outcome: EventOutcome,
): FleetChange | null {
  switch (outcome) {
    case 'device-set':
    case 'device-removed':
      return {
        kind: 'device',
        siteId,
        id: eventSubject(event),
        removed: outcome === 'device-removed',
      };
    case 'alert-set':
    case 'alert-set-unknown-device':
    case 'alert-set-unknown-alert':
    case 'alert-removed':
      return {
        kind: 'alert',
        siteId,
        id: eventSubject(event),
        removed: outcome === 'alert-removed',
      };
    case 'unknown-device':
    case 'unknown-alert':
      return null;
  }
}

/** A new model (a snapshot, a restore) keeps the hub's own alerts of the site. */
export function withHubAlerts(entry: MutableEntry): void {
  for (const [id, alert] of entry.hubAlerts) entry.model.alerts.set(id, alert);
}

/** Drops the settled actions on alerts no longer open; returns their alert ids. */
export function settledGone(entry: MutableEntry): string[] {
  const dropped: string[] = [];
  for (const [alertId, action] of entry.actions) {
    if (action.delivery !== 'pending' && !entry.model.alerts.has(alertId)) {
      entry.actions.delete(alertId);
      dropped.push(alertId);
    }
  }
  return dropped;
}

export function view(entry: MutableEntry): SiteEntry {
  return {
    id: entry.id,
    customer: entry.customer,
    name: entry.configuredName ?? entry.info?.name ?? entry.id,
    info: entry.info,
    model: entry.model,
    health: entry.health,
    actions: entry.actions,
    checks: entry.checks,
    maintenance: entry.maintenance,
    incidents: entry.incidents,
  };
}

export function initialHealth(siteId: string): SiteHealth {
  return {
    siteId,
    state: 'connecting',
    reason: null,
    lastEventAt: null,
    lastMessageAt: null,
    lastSeq: null,
    ...ZERO_HEALTH_COUNTS,
  };
}

export function sameHealth(a: SiteHealth, b: SiteHealth): boolean {
  return (Object.keys(a) as (keyof SiteHealth)[]).every((key) => a[key] === b[key]);
}

/**
 * Alert ids starting "hub:" are the hub's own (shared/alerts/hub-alerts.ts). A site's event on
 * one would overwrite or clear the hub's alert: it is refused (docs/site-protocol.md).
 */
export function namesHubAlert(event: SiteEvent): boolean {
  return event.type.startsWith('alert.') && isHubAlert(eventSubject(event));
}

/** A snapshot's alerts without any the site gave one of the hub's ids; how many it had. */
export function withoutHubIds<T extends { readonly alerts: readonly Alert[] }>(
  snapshot: T,
): { snapshot: T; refused: number } {
  const alerts = snapshot.alerts.filter((alert) => !isHubAlert(alert.id));
  const refused = snapshot.alerts.length - alerts.length;
  return { snapshot: refused === 0 ? snapshot : { ...snapshot, alerts }, refused };
}
