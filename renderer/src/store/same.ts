import type { SiteSummary } from '../../../shared/bridge/fleet-view.js';
import type { SiteHealth } from '../../../shared/fleet/health.js';
import type { Alert, AlertAck } from '../../../shared/protocol/alert.js';
import type { Device, Metrics, SecurityPosture } from '../../../shared/protocol/device.js';

/**
 * Value equality for what crosses the bridge. Every payload arrives as fresh objects (structured
 * clone, JSON); keeping the old object when nothing changed is what lets an unchanged device's
 * cell skip rendering after a re-sent snapshot.
 */

function sameMetrics(a: Metrics, b: Metrics): boolean {
  return (
    a.cpu === b.cpu &&
    a.memory === b.memory &&
    a.disk === b.disk &&
    a.latency === b.latency &&
    a.loss === b.loss
  );
}

function sameSecurity(a: SecurityPosture | null, b: SecurityPosture | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.edr === b.edr &&
    a.antivirus === b.antivirus &&
    a.pendingCriticalPatches === b.pendingCriticalPatches &&
    a.lastBackupAt === b.lastBackupAt
  );
}

export function sameDevice(a: Device, b: Device): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.name === b.name &&
      a.kind === b.kind &&
      a.status === b.status &&
      a.parentId === b.parentId &&
      a.updatedAt === b.updatedAt &&
      sameMetrics(a.metrics, b.metrics) &&
      sameSecurity(a.security, b.security))
  );
}

function sameAck(a: AlertAck | null, b: AlertAck | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.ackId === b.ackId && a.technician === b.technician && a.comment === b.comment && a.at === b.at
  );
}

export function sameAlert(a: Alert, b: Alert): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.deviceId === b.deviceId &&
      a.check === b.check &&
      a.severity === b.severity &&
      a.title === b.title &&
      a.detail === b.detail &&
      a.raisedAt === b.raisedAt &&
      a.updatedAt === b.updatedAt &&
      sameAck(a.ack, b.ack))
  );
}

function sameHealth(a: SiteHealth, b: SiteHealth): boolean {
  return (
    a.siteId === b.siteId &&
    a.state === b.state &&
    a.reason === b.reason &&
    a.lastEventAt === b.lastEventAt &&
    a.lastSeq === b.lastSeq &&
    a.badPayloads === b.badPayloads &&
    a.lastBadPayload === b.lastBadPayload &&
    a.duplicates === b.duplicates &&
    a.reconnects === b.reconnects &&
    a.resyncs === b.resyncs
  );
}

export function sameSiteSummary(a: SiteSummary, b: SiteSummary): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.name === b.name &&
      a.customer === b.customer &&
      a.timeZone === b.timeZone &&
      sameHealth(a.health, b.health))
  );
}

/** The previous object when it equals the incoming one, else the incoming one. */
export function keep<T>(previous: T | undefined, incoming: T, same: (a: T, b: T) => boolean): T {
  return previous !== undefined && same(previous, incoming) ? previous : incoming;
}
