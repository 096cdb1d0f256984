import type { Alert } from '../../shared/protocol/alert.js';
import type { Device, DeviceStatus } from '../../shared/protocol/device.js';

/**
 * The content of one big site, for tests/e2e/big-site.test.ts and bench/site-view.ts: `count`
 * workstations with ids d00000…, a few down and a few warning spread through the id range (not
 * first by name), every seventh with a security finding, and two alerts.
 */

export const deviceId = (i: number): string => `d${String(i).padStart(5, '0')}`;

export function statusOf(i: number): DeviceStatus {
  if (i % 9973 === 17) return 'down';
  if (i % 4999 === 3) return 'warning';
  return 'up';
}

export function bigSiteDevices(count: number, at: number): Device[] {
  return Array.from({ length: count }, (_, i) => ({
    id: deviceId(i),
    name: `device-${String(i).padStart(5, '0')}`,
    kind: 'workstation',
    status: statusOf(i),
    parentId: null,
    metrics: { cpu: i % 100, memory: 40, disk: 55, latency: 3.2, loss: 0 },
    // Every seventh device has a finding: the two-line cells must fit the fixed row height too.
    security: {
      edr: 'protected',
      antivirus: i % 7 === 0 ? 'disabled' : 'protected',
      pendingCriticalPatches: 0,
      lastBackupAt: at - 3_600_000,
    },
    updatedAt: at,
  }));
}

/** The site table's order (selectors.ts deviceIdsWorstFirst): down, warning, up; then by name. */
export function worstFirst(count: number): string[] {
  return (['down', 'warning', 'up'] as const).flatMap((status) =>
    Array.from({ length: count }, (_, i) => i)
      .filter((i) => statusOf(i) === status)
      .map(deviceId),
  );
}

export function bigSiteAlerts(worst: readonly string[], at: number): Alert[] {
  return worst.slice(0, 2).map((id, n) => ({
    id: `a${n}`,
    deviceId: id,
    check: 'ping',
    severity: 'high',
    title: `${id} unreachable`,
    detail: '',
    raisedAt: at - 60_000,
    updatedAt: at,
    ack: null,
  }));
}

/**
 * Runs in the page before its own scripts: notes `performance.now()` (milliseconds since the
 * navigation began) in `window.__firstRowPaintedAt` once the first device row is in the DOM and
 * a frame has been painted with it, and says so on the console (`noc:first-row <ms>`), so a
 * benchmark can wait for it without evaluating anything in the page while it loads.
 */
export const FIRST_ROW_PROBE = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="device-row"]')) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => {
      window.__firstRowPaintedAt = performance.now();
      console.debug('noc:first-row ' + window.__firstRowPaintedAt);
    }));
  }).observe(document, { childList: true, subtree: true });
`;
