import type { PostureFinding } from './posture.js';

/**
 * The hub's own alerts (proactive warnings) live in a site's alerts beside the site's, with ids
 * of their own form, so every side can tell them apart: the hub (no site to deliver an ack to)
 * and the page (the site view shows a disk's ETA beside the disk).
 */
export const HUB_ALERT_PREFIX = 'hub:';

/** True for an alert the hub raised itself (not the site's). */
export function isHubAlert(alertId: string): boolean {
  return alertId.startsWith(HUB_ALERT_PREFIX);
}

/**
 * The hub's alert on a site it cannot reach ("Acme HQ unreachable", disaster): raised when the
 * site's health turns down, cleared when it is live again. The headline of the site's root
 * incident (every other alert of the site folds under it) and what opens the SLA incident of a
 * site down as a whole (docs/alerts.md, docs/sla.md).
 */
export const SITE_UNREACHABLE_ID = `${HUB_ALERT_PREFIX}site-unreachable`;

/** The metrics the hub forecasts: each rises towards 100 % (a disk filling, memory leaking). */
export const FORECAST_METRICS = ['disk', 'memory'] as const;
export type ForecastMetric = (typeof FORECAST_METRICS)[number];

/** The id of the hub's predicted-full alert on a device's metric ("hub:disk:fs01"). */
export function forecastId(metric: ForecastMetric, deviceId: string): string {
  return `${HUB_ALERT_PREFIX}${metric}:${deviceId}`;
}

/** The id of the hub's predicted-full alert on a device's disk. */
export function diskFullId(deviceId: string): string {
  return forecastId('disk', deviceId);
}

/** The id of the hub's alert on one security finding at a site ("hub:posture:edr-disabled"). */
export function postureId(finding: PostureFinding): string {
  return `${HUB_ALERT_PREFIX}posture:${finding}`;
}

/** "full in 37 h" from the alert's title ("Disk on FS01 predicted full in 37 h"), or null. */
export function fullIn(title: string): string | null {
  const match = /predicted (full in .+)$/.exec(title);
  return match?.[1] ?? null;
}
