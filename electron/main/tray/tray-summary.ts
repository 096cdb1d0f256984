import { inMaintenance } from '../../../shared/maintenance/maintenance-window.js';
import { SEVERITIES, severityRank, type Severity } from '../../../shared/protocol/alert.js';
import type { SiteEntry } from '../../hub/fleet/fleet-state.js';

/**
 * What the tray icon, its tooltip and the window badge say (docs/notifications.md): the open
 * alerts nobody has taken, by severity (not acknowledged, not in maintenance), the worst of
 * them, and the sites the hub cannot reach. Pure over the hub's sites.
 */
export interface TraySummary {
  /** The worst unhandled alert's severity; null when there is none. */
  readonly worst: Severity | null;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** Unhandled alerts at high or above: the badge count. */
  readonly urgent: number;
  /** Sites whose data is not live (stale, down, refused, still connecting). */
  readonly notLive: number;
  readonly sites: number;
}

const URGENT = severityRank('high');

export function summarize(
  sites: Iterable<SiteEntry>,
  acknowledged: (siteId: string, alertId: string) => boolean,
): TraySummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let worst = -1;
  let urgent = 0;
  let notLive = 0;
  let count = 0;
  for (const site of sites) {
    count++;
    if (site.health.state !== 'live') notLive++;
    for (const alert of site.model.alerts.values()) {
      if (alert.ack !== null || acknowledged(site.id, alert.id)) continue;
      if (inMaintenance(site.maintenance, alert.deviceId) !== null) continue;
      const rank = severityRank(alert.severity);
      bySeverity[alert.severity]++;
      worst = Math.max(worst, rank);
      if (rank >= URGENT) urgent++;
    }
  }
  return { worst: SEVERITIES[worst] ?? null, bySeverity, urgent, notLive, sites: count };
}

const LABEL: Record<Severity, string> = {
  'not-classified': 'not classified',
  information: 'information',
  warning: 'warning',
  average: 'average',
  high: 'high',
  disaster: 'disaster',
};

/** The tooltip: "NOC Wallboard — 2 disaster, 5 high unhandled · 1 of 12 sites not live". */
export function trayText(summary: TraySummary, muted: string | null): string {
  const parts = [...SEVERITIES]
    .reverse()
    .filter((s) => summary.bySeverity[s] > 0)
    .map((s) => `${summary.bySeverity[s]} ${LABEL[s]}`);
  const alerts = parts.length === 0 ? 'no unhandled alerts' : `${parts.join(', ')} unhandled`;
  const sites =
    summary.notLive === 0
      ? `all ${summary.sites} sites live`
      : `${summary.notLive} of ${summary.sites} sites not live`;
  return `NOC Wallboard — ${alerts} · ${sites}${muted === null ? '' : ` · ${muted}`}`;
}
