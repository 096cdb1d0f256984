import { randomUUID } from 'node:crypto';
import { foldAlerts } from '../../../shared/alerts/folding.js';
import { inMaintenance } from '../../../shared/maintenance/maintenance-window.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import { priorityOf, type ContractTerms } from '../../../shared/sla/contract.js';
import { openIncident, reopenIncident, type Incident } from '../../../shared/sla/incident.js';
import type { SiteEntry } from '../fleet/fleet-state.js';

const MINUTE = 60_000;

/** An incident opened (or reopened) for a settled alert, with its timeline line. */
export interface Opening {
  readonly incident: Incident;
  readonly alert: Alert;
  readonly what: 'opened' | 'reopened';
  readonly detail: string;
  /** When the hub first saw the alert: the incident opened (or reopened) then. */
  readonly at: number;
}

/**
 * What a site's settled alerts open, by the rules of docs/sla.md: an alert still open, not
 * folded under a root cause (its root's own alert carries the incident; the folded are returned
 * to be looked at again), not in maintenance, at a priority the contract has targets for, opens
 * one dated when the hub first saw it; the same device and check resolved within the contract's
 * reopen window reopens that one instead.
 */
export function openings(
  entry: SiteEntry,
  terms: ContractTerms,
  settled: readonly (readonly [alertId: string, seenAt: number])[],
  incidents: Iterable<Incident>,
): { opened: Opening[]; folded: string[] } {
  const { model } = entry;
  const unreachable = entry.health.state === 'down';
  const folding = foldAlerts({ name: entry.name, unreachable }, model.devices, model.alerts);
  let past = [...incidents].filter((i) => i.siteId === entry.id && i.resolvedAt !== null);
  const out: Opening[] = [];
  const folded: string[] = [];
  for (const [alertId, seen] of settled) {
    const alert = model.alerts.get(alertId);
    if (!alert) continue;
    if (folding.foldedInto.has(alertId)) {
      folded.push(alertId);
      continue;
    }
    // Planned work: its alerts are suppressed, and start no clock.
    if (inMaintenance(entry.maintenance, alert.deviceId) !== null) continue;
    const device = alert.deviceId === null ? undefined : model.devices.get(alert.deviceId);
    const priority = priorityOf(terms, {
      siteId: entry.id,
      severity: alert.severity,
      deviceKind: device?.kind ?? null,
      deviceTags: device?.tags ?? [],
    });
    const targets = priority === null ? undefined : terms.targets[priority];
    if (priority === null || !targets) continue;
    const back = latestResolved(past, alert, seen - terms.reopenWithinMinutes * MINUTE);
    if (back) {
      // Reopened once: a second alert on the same check in this batch opens its own.
      past = past.filter((incident) => incident !== back);
      const at = Math.max(seen, back.resolvedAt ?? seen);
      out.push({
        incident: reopenIncident(back, alert.id, at),
        alert,
        what: 'reopened',
        detail: `raised again within ${terms.reopenWithinMinutes} min: ${alert.title}`,
        at,
      });
      continue;
    }
    const incident = openIncident({
      id: randomUUID(),
      siteId: entry.id,
      customer: entry.customer,
      alertId,
      deviceId: alert.deviceId,
      check: alert.check,
      title: alert.title,
      priority,
      targets,
      at: seen,
    });
    out.push({ incident, alert, what: 'opened', detail: `${priority}: ${alert.title}`, at: seen });
  }
  return { opened: out, folded };
}

/** The latest incident on the alert's device and check resolved since `since`. */
function latestResolved(past: readonly Incident[], alert: Alert, since: number) {
  let found: Incident | undefined;
  for (const incident of past) {
    const resolvedAt = incident.resolvedAt ?? -Infinity;
    if (
      resolvedAt >= since &&
      incident.deviceId === alert.deviceId &&
      incident.check === alert.check &&
      (!found || (found.resolvedAt ?? -Infinity) < resolvedAt)
    ) {
      found = incident;
    }
  }
  return found;
}
