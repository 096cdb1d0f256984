import type { Clock } from '../../../shared/clock.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Snapshot } from '../../../shared/protocol/messages.js';
import type { EventOutcome, SiteModel } from '../../../shared/site-model/site-model.js';
import type { SiteBudgets } from '../config/hub-options.js';
import { utcMinute } from './utc-minute.js';

/** What the fleet state itself knows of a site's misbehaviour, for its health. */
export interface SiteStats {
  /** Why the site's state stopped growing (over its device or alert budget), else null. */
  readonly degraded: string | null;
  readonly droppedOverBudget: number;
  readonly unknownDeviceEvents: number;
  readonly unknownAlertEvents: number;
}

/**
 * Keeps one site's devices and open alerts within its budget and counts what it refused and
 * what named something unknown. Each event is counted at most once: an event dropped over the
 * budget is not also counted as an unknown reference.
 *
 * A site is "full" from the first device (or alert) dropped until it holds fewer than the budget
 * again (after removes, clears or a smaller snapshot). The reason names the budget and the
 * minute it filled up, never the running count, so it stays the same while the flood goes on:
 * every change of a reason is a delta to every window.
 */
export class SiteBudget {
  private dropped = 0;
  private unknownDevices = 0;
  private unknownAlerts = 0;
  private devicesFullSince: number | null = null;
  private alertsFullSince: number | null = null;
  private reason: string | null = null;

  constructor(
    private readonly budgets: SiteBudgets,
    private readonly clock: Clock,
  ) {}

  /**
   * False, and counted, when the event would add a device or an alert beyond the budget. Updates
   * of what the site already holds always pass. The size test comes first so the hot path (a
   * site under budget) never looks the id up twice.
   */
  admits(model: SiteModel, event: SiteEvent, hubAlerts = 0): boolean {
    switch (event.type) {
      case 'device.upsert':
        if (model.devices.size < this.budgets.maxDevices || model.devices.has(event.device.id)) {
          return true;
        }
        this.devicesFullSince ??= this.clock.now();
        this.dropped++;
        return false;
      case 'alert.raise':
      case 'alert.update':
        // The hub's own alerts in the model (proactive warnings) are not the site's to count.
        if (
          model.alerts.size - hubAlerts < this.budgets.maxOpenAlerts ||
          model.alerts.has(event.alert.id)
        ) {
          return true;
        }
        this.alertsFullSince ??= this.clock.now();
        // An update of an alert the site does not hold is an unknown reference (as it is below
        // the budget, where it is kept): counted as that, once, not as a drop over the budget.
        if (event.type === 'alert.update') this.unknownAlerts++;
        else this.dropped++;
        return false;
      default:
        return true;
    }
  }

  /** Counts an applied event that named a device or an alert the site did not hold. */
  count(outcome: EventOutcome): void {
    if (outcome === 'unknown-device' || outcome === 'alert-set-unknown-device') {
      this.unknownDevices++;
    } else if (outcome === 'unknown-alert' || outcome === 'alert-set-unknown-alert') {
      this.unknownAlerts++;
    }
  }

  /**
   * The site's model from a snapshot, within the budget: the first `maxDevices` distinct device
   * ids and the first `maxOpenAlerts` distinct alert ids in the order the snapshot lists them
   * (a repeated id keeps its last value, as a repeated upsert would); the rest are counted.
   */
  modelFromSnapshot(snapshot: {
    readonly devices: readonly Snapshot['devices'][number][];
    readonly alerts: readonly Snapshot['alerts'][number][];
  }): SiteModel {
    const devices = new Map<string, Snapshot['devices'][number]>();
    for (const device of snapshot.devices) {
      if (devices.size < this.budgets.maxDevices || devices.has(device.id)) {
        devices.set(device.id, device);
      } else {
        this.devicesFullSince ??= this.clock.now();
        this.dropped++;
      }
    }
    const alerts = new Map<string, Snapshot['alerts'][number]>();
    for (const alert of snapshot.alerts) {
      if (alerts.size < this.budgets.maxOpenAlerts || alerts.has(alert.id)) {
        alerts.set(alert.id, alert);
      } else {
        this.alertsFullSince ??= this.clock.now();
        this.dropped++;
      }
    }
    return { devices, alerts };
  }

  /**
   * Clears a "full" mark once the model is back under its budget and rebuilds the reason.
   * Call after each batch or snapshot; true when the reason changed (the site's health must be
   * recomputed then rather than on the watchdog's next round).
   */
  settle(model: SiteModel, hubAlerts = 0): boolean {
    // The usual case, once per batch: never full, nothing to rebuild.
    if (this.reason === null && this.devicesFullSince === null && this.alertsFullSince === null) {
      return false;
    }
    if (this.devicesFullSince !== null && model.devices.size < this.budgets.maxDevices) {
      this.devicesFullSince = null;
    }
    if (
      this.alertsFullSince !== null &&
      model.alerts.size - hubAlerts < this.budgets.maxOpenAlerts
    ) {
      this.alertsFullSince = null;
    }
    const reason = this.describe();
    if (reason === this.reason) return false;
    this.reason = reason;
    return true;
  }

  stats(): SiteStats {
    return {
      degraded: this.reason,
      droppedOverBudget: this.dropped,
      unknownDeviceEvents: this.unknownDevices,
      unknownAlertEvents: this.unknownAlerts,
    };
  }

  private describe(): string | null {
    const parts: string[] = [];
    if (this.devicesFullSince !== null) {
      parts.push(
        `device budget reached: holding ${count(this.budgets.maxDevices)} devices ` +
          `(budgets.maxDevices); new devices dropped since ${utcMinute(this.devicesFullSince)}`,
      );
    }
    if (this.alertsFullSince !== null) {
      parts.push(
        `open-alert budget reached: holding ${count(this.budgets.maxOpenAlerts)} open alerts ` +
          `(budgets.maxOpenAlerts); new alerts dropped since ${utcMinute(this.alertsFullSince)}`,
      );
    }
    return parts.length === 0 ? null : parts.join('; ');
  }
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
