import type { Device } from '../shared/protocol/device.js';
import type { UnsequencedEvent } from '../shared/protocol/events.js';
import type { AlertBook } from './alert-book.js';
import type { Drift } from './drift.js';
import type { Rng } from './rng.js';

/**
 * The monitoring checks of one device, Zabbix-style: what a lost device raises (ping at once,
 * then "no data" for each metric) and the thresholds of a reachable one (disk, sustained CPU).
 */

export interface DeviceState {
  device: Device;
  readonly drift: Drift;
  failed: boolean;
  /** Tick on which the device became unreachable, or null while reachable. */
  lostAtTick: number | null;
  /** Ticks after losing a device before its per-metric "no data" alerts fire. */
  nodataDelay: number;
  cpuHighTicks: number;
}

/** An unreachable device (down itself, or behind `cause`, the name of a failed ancestor). */
export function lostChecks(
  alerts: AlertBook,
  s: DeviceState,
  cause: string | null,
  tick: number,
  now: number,
  rng: Rng,
): UnsequencedEvent[] {
  if (s.lostAtTick === null) {
    s.lostAtTick = tick;
    s.nodataDelay = rng.int(1, 3);
  }
  const { id, name } = s.device;
  const title = s.failed ? `${name} is down` : `${name} is unreachable`;
  const detail = s.failed
    ? 'No reply to ping for 3 consecutive checks'
    : `No reply to ping; ${cause ?? 'a device'} on the path is down`;
  const out: (UnsequencedEvent | null)[] = [];
  const open = alerts.find(id, 'ping');
  if (!open) out.push(alerts.raise(id, 'ping', 'high', title, detail, now));
  // Unknown → down (its parent is back, it is not): say so on the alert already open.
  else if (open.title !== title) out.push(alerts.update(open.id, { title, detail }, now));
  if (tick - s.lostAtTick >= s.nodataDelay) {
    for (const metric of s.drift.metrics) {
      const text = `No ${metric} data from ${name}`;
      out.push(
        alerts.raise(id, `nodata:${metric}`, 'warning', text, 'The agent stopped reporting', now),
      );
    }
  }
  return out.filter((e) => e !== null);
}

/** A reachable device: clear what being lost raised, then check the thresholds. */
export function reachableChecks(
  alerts: AlertBook,
  s: DeviceState,
  now: number,
): UnsequencedEvent[] {
  const { id, name, metrics } = s.device;
  const out: (UnsequencedEvent | null)[] = [];
  if (s.lostAtTick !== null) {
    s.lostAtTick = null;
    out.push(alerts.clear(id, 'ping'), ...alerts.clearPrefix(id, 'nodata:'));
  }
  if (metrics.disk !== undefined) {
    const open = alerts.find(id, 'disk');
    const detail = `System volume ${metrics.disk}% used`;
    // Hysteresis (raise above 90, clear below 88) so a disk at 90 % does not flap the alert.
    if (!open && metrics.disk > 90) {
      out.push(alerts.raise(id, 'disk', 'warning', `Disk almost full on ${name}`, detail, now));
    } else if (open && metrics.disk < 88) {
      out.push(alerts.clear(id, 'disk'));
    } else if (open?.severity === 'warning' && metrics.disk > 95) {
      out.push(alerts.update(open.id, { severity: 'average', detail }, now));
    }
  }
  if (metrics.cpu !== undefined) {
    // "Sustained": three checks in a row, so a single busy moment raises nothing.
    s.cpuHighTicks = metrics.cpu > 95 ? s.cpuHighTicks + 1 : 0;
    const open = alerts.find(id, 'cpu');
    if (!open && s.cpuHighTicks >= 3) {
      const detail = `CPU above 95% for ${s.cpuHighTicks} consecutive checks`;
      out.push(alerts.raise(id, 'cpu', 'average', `High CPU on ${name}`, detail, now));
    } else if (open && metrics.cpu < 90) {
      out.push(alerts.clear(id, 'cpu'));
    }
  }
  return out.filter((e) => e !== null);
}
