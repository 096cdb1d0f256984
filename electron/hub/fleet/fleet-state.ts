import type { CheckRecord } from '../../../shared/alerts/check-record.js';
import type { ActiveMaintenance } from '../../../shared/maintenance/maintenance-window.js';
import type { TechnicianAction } from '../../../shared/alerts/technician-action.js';
import type { Clock } from '../../../shared/clock.js';
import { ZERO_HEALTH_COUNTS, type SiteHealth } from '../../../shared/fleet/health.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { Device } from '../../../shared/protocol/device.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Hello, Snapshot } from '../../../shared/protocol/messages.js';
import {
  applySiteEvent,
  emptySiteModel,
  eventSubject,
  type EventOutcome,
  type SiteModel,
} from '../../../shared/site-model/site-model.js';
import { systemClock } from '../../../shared/system-clock.js';
import { DEFAULT_BUDGETS, type SiteBudgets } from '../config/hub-options.js';
import { notifyAll } from '../notify-all.js';
import type { FleetChange, FleetListener } from './fleet-changes.js';
import { SiteBudget, type SiteStats } from './site-budget.js';

export type { SiteStats } from './site-budget.js';

export interface SiteEntry {
  readonly id: string;
  readonly customer: string;
  /** The configured name, else the one the site announced, else its id. */
  readonly name: string;
  readonly info: Hello | null;
  readonly model: SiteModel;
  readonly health: SiteHealth;
  /** alertId → technicians' latest action on it. */
  readonly actions: ReadonlyMap<string, TechnicianAction>;
  /** key → checks raised again lately, or flapping. */
  readonly checks: ReadonlyMap<string, CheckRecord>;
  /** Maintenance windows running now. */
  readonly maintenance: readonly ActiveMaintenance[];
}

interface MutableEntry {
  id: string;
  customer: string;
  configuredName: string | undefined;
  info: Hello | null;
  model: SiteModel;
  health: SiteHealth;
  readonly budget: SiteBudget;
  readonly actions: Map<string, TechnicianAction>;
  readonly checks: Map<string, CheckRecord>;
  maintenance: readonly ActiveMaintenance[];
  /** The hub's own alerts on the site (proactive warnings), kept in its model beside the site's. */
  readonly hubAlerts: Map<string, Alert>;
}

export interface FleetSiteSeed {
  readonly id: string;
  readonly customer: string;
  readonly name?: string;
}

export interface FleetStateOptions {
  /** Per-site budgets (default DEFAULT_BUDGETS). */
  readonly budgets?: SiteBudgets;
  /** Stamps the minute a site filled its budget (default the real clock). */
  readonly clock?: Clock;
  /**
   * Called when a site's `siteStats().degraded` changed, so its health is recomputed at once;
   * the counts alone reach the health on the hub's next watchdog round.
   */
  readonly onDegradedChange?: (siteId: string) => void;
}

/**
 * The single source of truth for every site's devices, alerts and health. Every update bumps
 * the version once and tells subscribers exactly what changed, in order.
 */
export class FleetState {
  private readonly entries = new Map<string, MutableEntry>();
  private readonly listeners = new Set<FleetListener>();
  private currentVersion = 0;
  private readonly onDegradedChange: (siteId: string) => void;

  constructor(sites: readonly FleetSiteSeed[], options: FleetStateOptions = {}) {
    const budgets = options.budgets ?? DEFAULT_BUDGETS;
    const clock = options.clock ?? systemClock;
    this.onDegradedChange = options.onDegradedChange ?? (() => undefined);
    for (const site of sites) {
      this.entries.set(site.id, {
        id: site.id,
        customer: site.customer,
        configuredName: site.name,
        info: null,
        model: emptySiteModel(),
        health: initialHealth(site.id),
        budget: new SiteBudget(budgets, clock),
        actions: new Map(),
        checks: new Map(),
        maintenance: [],
        hubAlerts: new Map(),
      });
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
    entry.model = entry.budget.modelFromSnapshot(stored);
    withHubAlerts(entry);
    settledGone(entry);
    this.commit([{ kind: 'site-reset', siteId }]);
    if (entry.budget.settle(entry.model, entry.hubAlerts.size)) this.onDegradedChange(siteId);
  }

  /** Replaces the site's contents; beyond the budget, the first devices and alerts listed. */
  replaceSite(siteId: string, snapshot: Snapshot): void {
    const entry = this.entry(siteId);
    entry.model = entry.budget.modelFromSnapshot(snapshot);
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

function changeOf(siteId: string, event: SiteEvent, outcome: EventOutcome): FleetChange | null {
  switch (outcome) {
    case 'device-set':
    case 'device-removed':
      return {
        kind: 'device',
        siteId,
        id: eventSubject(event),
        removed: outcome === 'device-removed',
      };
    case 'alert-set':
    case 'alert-set-unknown-device':
    case 'alert-set-unknown-alert':
    case 'alert-removed':
      return {
        kind: 'alert',
        siteId,
        id: eventSubject(event),
        removed: outcome === 'alert-removed',
      };
    case 'unknown-device':
    case 'unknown-alert':
      return null;
  }
}

/** A new model (a snapshot, a restore) keeps the hub's own alerts of the site. */
function withHubAlerts(entry: MutableEntry): void {
  for (const [id, alert] of entry.hubAlerts) entry.model.alerts.set(id, alert);
}

/** Drops the settled actions on alerts no longer open; returns their alert ids. */
function settledGone(entry: MutableEntry): string[] {
  const dropped: string[] = [];
  for (const [alertId, action] of entry.actions) {
    if (action.delivery !== 'pending' && !entry.model.alerts.has(alertId)) {
      entry.actions.delete(alertId);
      dropped.push(alertId);
    }
  }
  return dropped;
}

function view(entry: MutableEntry): SiteEntry {
  return {
    id: entry.id,
    customer: entry.customer,
    name: entry.configuredName ?? entry.info?.name ?? entry.id,
    info: entry.info,
    model: entry.model,
    health: entry.health,
    actions: entry.actions,
    checks: entry.checks,
    maintenance: entry.maintenance,
  };
}

export function initialHealth(siteId: string): SiteHealth {
  return {
    siteId,
    state: 'connecting',
    reason: null,
    lastEventAt: null,
    lastMessageAt: null,
    lastSeq: null,
    ...ZERO_HEALTH_COUNTS,
  };
}

function sameHealth(a: SiteHealth, b: SiteHealth): boolean {
  return (Object.keys(a) as (keyof SiteHealth)[]).every((key) => a[key] === b[key]);
}
