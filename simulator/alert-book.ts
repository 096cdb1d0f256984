import type { Alert, AlertAck, Severity } from '../shared/protocol/alert.js';
import { severityRank } from '../shared/protocol/alert.js';
import type { UnsequencedEvent } from '../shared/protocol/events.js';

/**
 * The open alerts of a site, at most one per (device, check). Ids are `${deviceId}:${check}:${n}`
 * with n counting raises of that pair, so an id is never reused for a later alert on the same
 * check, even after a restart (pass every id the journal has seen).
 */
export class AlertBook {
  private readonly byId = new Map<string, Alert>();
  /** deviceId → check → alert; site-wide alerts (deviceId null) are filed under ''. */
  private readonly byDevice = new Map<string, Map<string, Alert>>();
  private readonly raised = new Map<string, number>();

  constructor(open: Iterable<Alert> = [], seenIds: Iterable<string> = []) {
    for (const id of seenIds) this.noteId(id);
    for (const alert of open) {
      this.noteId(alert.id);
      this.store(alert);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  values(): Alert[] {
    return [...this.byId.values()];
  }

  get(id: string): Alert | undefined {
    return this.byId.get(id);
  }

  find(deviceId: string, check: string): Alert | undefined {
    return this.byDevice.get(deviceId)?.get(check);
  }

  /** Highest severity rank open on a device, or -1. */
  worstRank(deviceId: string): number {
    let worst = -1;
    for (const alert of this.byDevice.get(deviceId)?.values() ?? []) {
      worst = Math.max(worst, severityRank(alert.severity));
    }
    return worst;
  }

  /** Opens an alert unless one is already open for that device and check. */
  raise(
    deviceId: string,
    check: string,
    severity: Severity,
    title: string,
    detail: string,
    now: number,
  ): UnsequencedEvent | null {
    if (this.find(deviceId, check)) return null;
    const k = key(deviceId, check);
    const n = (this.raised.get(k) ?? 0) + 1;
    this.raised.set(k, n);
    const alert: Alert = {
      id: `${deviceId}:${check}:${n}`,
      deviceId,
      check,
      severity,
      title,
      detail,
      raisedAt: now,
      updatedAt: now,
      ack: null,
    };
    this.store(alert);
    return { type: 'alert.raise', alert };
  }

  clear(deviceId: string, check: string): UnsequencedEvent | null {
    const alert = this.find(deviceId, check);
    if (!alert) return null;
    this.byDevice.get(deviceId)?.delete(check);
    this.byId.delete(alert.id);
    return { type: 'alert.clear', alertId: alert.id };
  }

  /** Clears every open alert of a device whose check starts with `prefix`. */
  clearPrefix(deviceId: string, prefix: string): UnsequencedEvent[] {
    const out: UnsequencedEvent[] = [];
    for (const alert of [...(this.byDevice.get(deviceId)?.values() ?? [])]) {
      if (!alert.check.startsWith(prefix)) continue;
      const event = this.clear(deviceId, alert.check);
      if (event) out.push(event);
    }
    return out;
  }

  /**
   * Escalation and the like: replaces fields of an open alert (objects are never edited). A
   * severity change drops an acknowledgement given as not sticky (protocol 1.1).
   */
  update(
    id: string,
    patch: Partial<Pick<Alert, 'severity' | 'title' | 'detail'>> & { ack?: AlertAck | null },
    now: number,
  ): UnsequencedEvent | null {
    const alert = this.byId.get(id);
    if (!alert) return null;
    const next: Alert = { ...alert, ...patch, updatedAt: now };
    const escalated = patch.severity !== undefined && patch.severity !== alert.severity;
    if (escalated && patch.ack === undefined && alert.ack?.sticky === false) next.ack = null;
    this.store(next);
    return { type: 'alert.update', alert: next };
  }

  /** Drops every acknowledgement whose expiry has passed (protocol 1.1): the alerts reopen. */
  expireAcks(now: number): UnsequencedEvent[] {
    const out: UnsequencedEvent[] = [];
    for (const alert of this.byId.values()) {
      const expiresAt = alert.ack?.expiresAt ?? null;
      if (expiresAt === null || expiresAt > now) continue;
      const event = this.update(alert.id, { ack: null }, now);
      if (event) out.push(event);
    }
    return out;
  }

  private store(alert: Alert): void {
    this.byId.set(alert.id, alert);
    const deviceId = alert.deviceId ?? '';
    let checks = this.byDevice.get(deviceId);
    if (!checks) this.byDevice.set(deviceId, (checks = new Map<string, Alert>()));
    checks.set(alert.check, alert);
  }

  /** Remembers the highest n seen for an id of our own form; foreign ids are ignored. */
  private noteId(id: string): void {
    const colon = id.lastIndexOf(':');
    const n = Number(id.slice(colon + 1));
    if (colon <= 0 || !Number.isInteger(n) || n < 1) return;
    const k = id.slice(0, colon);
    this.raised.set(k, Math.max(this.raised.get(k) ?? 0, n));
  }
}

/** Same shape as the id prefix, so noteId can recover the pair from an id. */
function key(deviceId: string, check: string): string {
  return `${deviceId}:${check}`;
}
