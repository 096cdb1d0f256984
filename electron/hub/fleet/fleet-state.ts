import type { CheckRecord } from '../../../shared/alerts/check-record.js';
import type { ActiveMaintenance } from '../../../shared/maintenance/maintenance-window.js';
import type { TechnicianAction } from '../../../shared/alerts/technician-action.js';
import type { SiteHealth } from '../../../shared/fleet/health.js';
import type { ScreensState } from '../../../shared/bridge/screens.js';
import type { Notice } from '../../../shared/notify/notice.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { Incident } from '../../../shared/sla/incident.js';
import type { SlaWarning } from '../../../shared/sla/incident-warnings.js';
import type { Device } from '../../../shared/protocol/device.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Hello, Snapshot } from '../../../shared/protocol/messages.js';
import { applySiteEvent, type SiteModel } from '../../../shared/site-model/site-model.js';
import { systemClock } from '../../../shared/system-clock.js';
import { DEFAULT_BUDGETS } from '../config/hub-options.js';
import { notifyAll } from '../notify-all.js';
import type { FleetChange, FleetListener } from './fleet-changes.js';
import {
  changeOf,
  namesHubAlert,
  newEntry,
  sameHealth,
  settledGone,
  view,
  withHubAlerts,
  type MutableEntry,
  type SiteEntry,
} from './fleet-entry.js';
import type { FleetSiteSeed, FleetStateOptions } from './fleet-options.js';
import { HubIdRefusals } from './hub-id-refusals.js';
import { SiteBudget, type SiteStats } from './site-budget.js';

export { initialHealth, type SiteEntry } from './fleet-entry.js';
export type { FleetSiteSeed, FleetStateOptions } from './fleet-options.js';
export type { SiteStats } from './site-budget.js';

/**
 * The single source of truth for every site's devices, alerts and health. Every update bumps
 * the version once and tells subscribers exactly what changed, in order.
 */
export class FleetState {
  private readonly entries = new Map<string, MutableEntry>();
  private readonly listeners = new Set<FleetListener>();
  private currentVersion = 0;
  private screens: ScreensState = { version: 0, identifyUntil: null };
  private readonly hubIdRefusals = new HubIdRefusals();
  private readonly onDegradedChange: (siteId: string) => void;

  constructor(sites: readonly FleetSiteSeed[], options: FleetStateOptions = {}) {
    const budgets = options.budgets ?? DEFAULT_BUDGETS;
    const clock = options.clock ?? systemClock;
    this.onDegradedChange = options.onDegradedChange ?? (() => undefined);
    for (const site of sites) {
      this.entries.set(site.id, newEntry(site, new SiteBudget(budgets, clock)));
    }
  }

  get version(): number {
    return this.currentVersion;
  }

  site(id: string): SiteEntry | undefined {
    const entry = this.entries.get(id);
    return entry && view(entry);
  }

  /**
   * The site's model itself, no view built: the store writer looks it up for every event it
   * writes.
   */
  modelOf(id: string): SiteModel | undefined {
    return this.entries.get(id)?.model;
  }

  sites(): SiteEntry[] {
    return [...this.entries.values()].map(view);
  }

  /** Budget and unknown-reference counts for a site's health. */
  siteStats(id: string): SiteStats {
    return this.entry(id).budget.stats();
  }

  subscribe(listener: FleetListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  setInfo(siteId: string, hello: Hello): void {
    const entry = this.entry(siteId);
    entry.info = hello;
    this.commit([{ kind: 'site', siteId }]);
  }

  /**
   * Starts a site from what the store held, before its link connects: its last hello, devices
   * and open alerts (within the budget, as a snapshot would be).
   */
  restoreSite(
    siteId: string,
    stored: { hello: Hello | null; devices: readonly Device[]; alerts: readonly Alert[] },
  ): void {
    const entry = this.entry(siteId);
    entry.info = stored.hello;
    entry.model = entry.budget.modelFromSnapshot(this.hubIdRefusals.refuseHubIds(siteId, stored));
    withHubAlerts(entry);
    settledGone(entry);
    this.commit([{ kind: 'site-reset', siteId }]);
    if (entry.budget.settle(entry.model, entry.hubAlerts.size)) this.onDegradedChange(siteId);
  }

  /** Replaces the site's contents; beyond the budget, the first devices and alerts listed. */
  replaceSite(siteId: string, snapshot: Snapshot): void {
    const entry = this.entry(siteId);
    entry.model = entry.budget.modelFromSnapshot(this.hubIdRefusals.refuseHubIds(siteId, snapshot));
    withHubAlerts(entry);
    settledGone(entry);
    this.commit([{ kind: 'site-reset', siteId }]);
    if (entry.budget.settle(entry.model, entry.hubAlerts.size)) this.onDegradedChange(siteId);
  }

  /** Applies events in order; a new device or alert beyond the budget is dropped and counted. */
  applyEvents(siteId: string, events: readonly SiteEvent[]): void {
    const entry = this.entry(siteId);
    const { model, budget } = entry;
    const changes: FleetChange[] = [];
    for (const event of events) {
      if (namesHubAlert(event)) {
        this.hubIdRefusals.refused(siteId, 1);
        continue;
      }
      if (!budget.admits(model, event, entry.hubAlerts.size)) continue;
      const outcome = applySiteEvent(model, event);
      budget.count(outcome);
      const change = changeOf(siteId, event, outcome);
      if (change) changes.push(change);
      if (outcome === 'alert-removed' && entry.actions.size > 0) {
        for (const id of settledGone(entry)) changes.push({ kind: 'action', siteId, id });
      }
    }
    if (changes.length > 0) this.commit(changes);
    if (budget.settle(model, entry.hubAlerts.size)) this.onDegradedChange(siteId);
  }

  /**
   * Records a technician's latest action on an alert (the outbox calls this as it moves on). A
   * settled action on an alert that is no longer open is dropped: there is nothing to show it on.
   */
  setAction(action: TechnicianAction): void {
    const entry = this.entry(action.siteId);
    const gone = action.delivery !== 'pending' && !entry.model.alerts.has(action.alertId);
    if (gone && !entry.actions.has(action.alertId)) return;
    if (gone) entry.actions.delete(action.alertId);
    else entry.actions.set(action.alertId, action);
    this.commit([{ kind: 'action', siteId: action.siteId, id: action.alertId }]);
  }

  /** Records the maintenance windows running at a site now (unchanged: nothing happens). */
  setMaintenance(siteId: string, running: readonly ActiveMaintenance[]): void {
    const entry = this.entry(siteId);
    if (JSON.stringify(entry.maintenance) === JSON.stringify(running)) return;
    entry.maintenance = running;
    this.commit([{ kind: 'site', siteId }]);
  }

  /**
   * Raises, updates or (null) clears one of the hub's own alerts on a site: in the site's model
   * like the site's alerts (listed, folded, acknowledged), kept there across snapshots.
   */
  setHubAlert(siteId: string, id: string, alert: Alert | null): void {
    const entry = this.entry(siteId);
    const changes: FleetChange[] = [{ kind: 'alert', siteId, id, removed: alert === null }];
    if (alert === null) {
      if (!entry.hubAlerts.delete(id)) return;
      entry.model.alerts.delete(id);
      // Its settled actions go with it: a warning raised again starts unacknowledged.
      for (const alertId of settledGone(entry))
        changes.push({ kind: 'action', siteId, id: alertId });
    } else {
      entry.hubAlerts.set(id, alert);
      entry.model.alerts.set(id, alert);
    }
    this.commit(changes);
  }

  /** Shows an SLA incident as it is now, or, with null, stops showing the incident `id`. */
  setIncident(siteId: string, id: string, incident: Incident | null): void {
    const entry = this.entry(siteId);
    if (incident === null && !entry.incidents.delete(id)) return;
    if (incident !== null) entry.incidents.set(id, incident);
    this.commit([{ kind: 'incident', siteId, id }]);
  }

  /** Sends SLA warnings and breaches to every window with the next delta (an event, not state). */
  raiseSlaWarnings(warnings: readonly SlaWarning[]): void {
    const known = warnings.filter((w) => this.entries.has(w.siteId));
    if (known.length === 0) return;
    this.commit(known.map((warning) => ({ kind: 'sla-warning', siteId: warning.siteId, warning })));
  }

  /** The wall's screen layouts changed (electron/hub/screens/): windows ask for theirs again. */
  setScreens(state: ScreensState): void {
    this.screens = state;
    this.commit([{ kind: 'screens' }]);
  }

  /** The screens as the windows have been told of them. */
  get screensState(): ScreensState {
    return this.screens;
  }

  /** Sends the notifier's notices to every window with the next delta (events, not state). */
  raiseNotices(notices: readonly Notice[]): void {
    if (notices.length === 0) return;
    this.commit(notices.map((notice) => ({ kind: 'notice', notice })));
  }

  hubAlert(siteId: string, id: string): Alert | undefined {
    return this.entries.get(siteId)?.hubAlerts.get(id);
  }

  /** Shows a check's record (raised again, flapping), or, with null, stops showing it. */
  setCheck(siteId: string, key: string, record: CheckRecord | null): void {
    const entry = this.entry(siteId);
    if (record === null && !entry.checks.delete(key)) return;
    if (record !== null) entry.checks.set(key, record);
    this.commit([{ kind: 'check', siteId, id: key }]);
  }

  /** The latest action on an alert, if one is held. */
  actionOf(siteId: string, alertId: string): TechnicianAction | undefined {
    return this.entries.get(siteId)?.actions.get(alertId);
  }

  /** Records health; returns false (and bumps nothing) when it is unchanged. */
  setHealth(siteId: string, health: SiteHealth): boolean {
    const entry = this.entry(siteId);
    if (sameHealth(entry.health, health)) return false;
    entry.health = health;
    this.commit([{ kind: 'site', siteId }]);
    return true;
  }

  /** Site alert events and snapshot alerts refused for a hub id, per site (tests, audits). */
  refusedHubIdCount(siteId: string): number {
    return this.hubIdRefusals.countOf(siteId);
  }

  private entry(siteId: string): MutableEntry {
    const entry = this.entries.get(siteId);
    if (!entry) throw new Error(`unknown site "${siteId}"`);
    return entry;
  }

  private commit(changes: readonly FleetChange[]): void {
    this.currentVersion++;
    notifyAll(this.listeners, { version: this.currentVersion, changes }, 'fleet state');
  }
}
