import { ackView, type AckStatus } from '../../../shared/alerts/alert-state.js';
import { foldAlerts, type RootIncident } from '../../../shared/alerts/folding.js';
import { EMPTY_DEVICES, type FleetModel } from '../../../shared/fleet/fleet-reducer.js';
import { inMaintenance } from '../../../shared/maintenance/maintenance-window.js';
import { severityRank, type Alert, type Severity } from '../../../shared/protocol/alert.js';

/**
 * The fleet-wide alert list as rows: every site's open alerts, folded by root cause (a cause is
 * one row, its alerts beneath it when expanded), filtered, worst first and then the longest open
 * first: the order a technician works through them; alerts inside a maintenance window running
 * now come last (suppressed). Pure, so the list and its tests agree.
 */

export const STATE_FILTERS = ['all', 'unacknowledged', 'pending', 'acknowledged'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export interface AlertFilter {
  /** Customers to show; empty: all. */
  readonly customers: readonly string[];
  /** Sites to show; empty: all. */
  readonly siteIds: readonly string[];
  /** Only alerts at least this severe. */
  readonly minSeverity: Severity;
  readonly state: StateFilter;
  /** Words every one of which must appear in the title, device, check, site or customer. */
  readonly text: string;
}

export const NO_FILTER: AlertFilter = {
  customers: [],
  siteIds: [],
  minSeverity: 'not-classified',
  state: 'all',
  text: '',
};

export type AlertRow =
  | {
      readonly kind: 'root';
      /** `${siteId}|${root.key}`: the row's identity, and what "expanded" remembers. */
      readonly key: string;
      readonly siteId: string;
      readonly root: RootIncident;
      readonly severity: Severity;
      /** The earliest raise among its alerts: how long the cause has been there. */
      readonly raisedAt: number;
      /** Alerts of it that pass the filter: what selecting the row selects. */
      readonly matching: number;
      readonly matchingIds: readonly string[];
      /** Inside a maintenance window running now: listed after everything else. */
      readonly suppressed: boolean;
    }
  | {
      readonly kind: 'alert';
      readonly key: string;
      readonly siteId: string;
      readonly alert: Alert;
      /** 1 when folded under a root row shown above it. */
      readonly depth: 0 | 1;
      /** Inside a maintenance window running now: listed after everything else. */
      readonly suppressed: boolean;
    };

export function alertRowKey(siteId: string, alertId: string): string {
  return `${siteId}|${alertId}`;
}

/** Unreachable sites (their alerts fold under the site): the hub's verdict (health "down"). */
export type Unreachable = (siteId: string) => boolean;

export function alertRows(
  fleet: Omit<FleetModel, 'incidents'>,
  filter: AlertFilter,
  expanded: ReadonlySet<string>,
  unreachable: Unreachable,
  now: number,
): AlertRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const minRank = severityRank(filter.minSeverity);
  const top: { row: AlertRow; children: AlertRow[] }[] = [];
  for (const [siteId, site] of fleet.sites) {
    if (filter.customers.length > 0 && !filter.customers.includes(site.customer)) continue;
    if (filter.siteIds.length > 0 && !filter.siteIds.includes(siteId)) continue;
    const alerts = fleet.alerts.get(siteId);
    if (!alerts || alerts.size === 0) continue;
    const devices = fleet.devices.get(siteId) ?? EMPTY_DEVICES;
    const actions = fleet.actions.get(siteId);
    const passes = (alert: Alert): boolean => {
      if (severityRank(alert.severity) < minRank) return false;
      if (filter.state !== 'all') {
        const status: AckStatus = ackView(alert, actions?.get(alert.id) ?? null, now).status;
        const wanted =
          filter.state === 'unacknowledged' ? ['unacknowledged', 'refused'] : [filter.state];
        if (!wanted.includes(status)) return false;
      }
      if (words.length === 0) return true;
      const device = alert.deviceId === null ? '' : (devices.get(alert.deviceId)?.name ?? '');
      const haystack =
        `${alert.title} ${alert.check} ${device} ${site.name} ${site.customer}`.toLowerCase();
      return words.every((word) => haystack.includes(word));
    };
    const folding = foldAlerts(
      { name: site.name, unreachable: unreachable(siteId) },
      devices,
      alerts,
    );
    const suppressed = (deviceId: string | null) =>
      inMaintenance(site.maintenance, deviceId) !== null;
    for (const root of folding.roots) {
      const members = [...root.own, ...root.folded]
        .map((id) => alerts.get(id))
        .filter((a): a is Alert => a !== undefined);
      const matching = members.filter(passes);
      if (matching.length === 0) continue;
      const key = `${siteId}|${root.key}`;
      const row: AlertRow = {
        kind: 'root',
        key,
        siteId,
        root,
        severity: worst(members),
        raisedAt: Math.min(...members.map((a) => a.raisedAt)),
        matching: matching.length,
        matchingIds: matching.map((a) => a.id),
        suppressed: suppressed(root.deviceId),
      };
      const children = expanded.has(key)
        ? matching.toSorted(byUrgency).map((alert): AlertRow => ({
            kind: 'alert',
            key: alertRowKey(siteId, alert.id),
            siteId,
            alert,
            depth: 1,
            suppressed: suppressed(alert.deviceId),
          }))
        : [];
      top.push({ row, children });
    }
    for (const id of folding.unfolded) {
      const alert = alerts.get(id);
      if (!alert || !passes(alert)) continue;
      const row: AlertRow = {
        kind: 'alert',
        key: alertRowKey(siteId, id),
        siteId,
        alert,
        depth: 0,
        suppressed: suppressed(alert.deviceId),
      };
      top.push({ row, children: [] });
    }
  }
  top.sort(
    (a, b) =>
      Number(a.row.suppressed) - Number(b.row.suppressed) ||
      byUrgency(urgencyOf(a.row), urgencyOf(b.row)) ||
      a.row.key.localeCompare(b.row.key),
  );
  return top.flatMap(({ row, children }) => [row, ...children]);
}

/** Worst severity first, then the longest open first. */
function byUrgency(
  a: { readonly severity: Severity; readonly raisedAt: number },
  b: { readonly severity: Severity; readonly raisedAt: number },
): number {
  return severityRank(b.severity) - severityRank(a.severity) || a.raisedAt - b.raisedAt;
}

function urgencyOf(row: AlertRow): { severity: Severity; raisedAt: number } {
  return row.kind === 'root' ? row : row.alert;
}

function worst(alerts: readonly Alert[]): Severity {
  let rank = 0;
  for (const alert of alerts) rank = Math.max(rank, severityRank(alert.severity));
  return alerts.find((a) => severityRank(a.severity) === rank)?.severity ?? 'not-classified';
}
