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

const DISK_FULL = `${HUB_ALERT_PREFIX}disk:`;

/** Alert ids are at most 128 characters: longer device ids get no predicted-full warning. */
export const MAX_WARNED_DEVICE_ID = 128 - DISK_FULL.length;

/** The id of the hub's predicted-full alert on a device. */
export function diskFullId(deviceId: string): string {
  return `${DISK_FULL}${deviceId}`;
}

/** "full in 37 h" from the alert's title ("Disk on FS01 predicted full in 37 h"), or null. */
export function fullIn(title: string): string | null {
  const match = /predicted (full in .+)$/.exec(title);
  return match?.[1] ?? null;
}
