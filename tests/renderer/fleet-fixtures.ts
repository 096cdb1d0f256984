import type {
  FleetDelta,
  FleetSnapshot,
  SiteContent,
  SiteSummary,
} from '../../shared/bridge/fleet-view.js';
import {
  ZERO_HEALTH_COUNTS,
  type ConnectionState,
  type SiteHealth,
} from '../../shared/fleet/health.js';
import type { Alert } from '../../shared/protocol/alert.js';
import type { Device } from '../../shared/protocol/device.js';

/** Builders for bridge payloads; every call returns fresh objects, as a real transport does. */

export const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);

export function device(id: string, overrides: Partial<Device> = {}): Device {
  return {
    id,
    name: `dev-${id}`,
    kind: 'server',
    status: 'up',
    parentId: null,
    metrics: { cpu: 10, memory: 20, disk: 30, latency: 2, loss: 0 },
    security: {
      edr: 'protected',
      antivirus: 'protected',
      pendingCriticalPatches: 0,
      lastBackupAt: T0 - 60_000,
    },
    updatedAt: T0,
    ...overrides,
  };
}

export function alert(id: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    deviceId: null,
    check: 'ping',
    severity: 'high',
    title: `alert ${id}`,
    detail: '',
    raisedAt: T0,
    updatedAt: T0,
    ack: null,
    ...overrides,
  };
}

export function health(siteId: string, overrides: Partial<SiteHealth> = {}): SiteHealth {
  return {
    siteId,
    state: 'live',
    reason: null,
    lastEventAt: T0,
    lastMessageAt: T0,
    lastSeq: 1,
    ...ZERO_HEALTH_COUNTS,
    ...overrides,
  };
}

export function site(
  id: string,
  state: ConnectionState = 'live',
  overrides: Partial<SiteHealth> = {},
): SiteSummary {
  return {
    id,
    name: `Site ${id}`,
    customer: `Customer ${id}`,
    timeZone: 'Europe/Berlin',
    health: health(id, { state, ...overrides }),
    maintenance: [],
  };
}

export function content(siteId: string, devices: Device[], alerts: Alert[] = []): SiteContent {
  return { siteId, devices, alerts, actions: [], checks: [], incidents: [] };
}

export function snapshot(
  version: number,
  sites: SiteSummary[],
  contents: SiteContent[],
  at = T0,
): FleetSnapshot {
  return {
    version,
    at,
    sites,
    contents,
    screens: { version: 0, identifyUntil: null },
    following: null,
  };
}

export function delta(previous: number, changes: Partial<FleetDelta> = {}): FleetDelta {
  return {
    previous,
    version: previous + 1,
    at: T0,
    sites: [],
    resets: [],
    devices: [],
    devicePatches: [],
    removedDevices: [],
    alerts: [],
    removedAlerts: [],
    actions: [],
    removedActions: [],
    checks: [],
    removedChecks: [],
    incidents: [],
    removedIncidents: [],
    slaWarnings: [],
    notices: [],
    screens: { version: 0, identifyUntil: null },
    ...changes,
  };
}

/** Two sites: a (3 devices, 1 alert) and b (2 devices). */
export function smallFleet(version = 10): FleetSnapshot {
  return snapshot(
    version,
    [site('a'), site('b')],
    [
      content('a', [device('a1'), device('a2', { status: 'warning' }), device('a3')], [alert('x')]),
      content('b', [device('b1'), device('b2', { status: 'down' })]),
    ],
  );
}
