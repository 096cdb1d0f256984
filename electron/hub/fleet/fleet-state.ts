import { ZERO_HEALTH_COUNTS, type SiteHealth } from '../../../shared/fleet/health.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Hello, Snapshot } from '../../../shared/protocol/messages.js';
import {
  applySiteEvent,
  emptySiteModel,
  siteModelFromSnapshot,
  type SiteModel,
} from '../../../shared/site-model/site-model.js';
import { notifyAll } from '../notify-all.js';
import type { FleetChange, FleetListener } from './fleet-changes.js';

export interface SiteEntry {
  readonly id: string;
  readonly customer: string;
  /** The configured name, else the one the site announced, else its id. */
  readonly name: string;
  readonly info: Hello | null;
  readonly model: SiteModel;
  readonly health: SiteHealth;
}

interface MutableEntry {
  id: string;
  customer: string;
  configuredName: string | undefined;
  info: Hello | null;
  model: SiteModel;
  health: SiteHealth;
}

/** What the fleet state itself knows of a site's misbehaviour, for its health. */
export interface SiteStats {
  /** Why the site's state stopped growing (over its device or alert budget), else null. */
  readonly degraded: string | null;
  readonly droppedOverBudget: number;
  readonly unknownDeviceEvents: number;
  readonly unknownAlertEvents: number;
}

const NO_STATS: SiteStats = {
  degraded: null,
  droppedOverBudget: 0,
  unknownDeviceEvents: 0,
  unknownAlertEvents: 0,
};

export interface FleetSiteSeed {
  readonly id: string;
  readonly customer: string;
  readonly name?: string;
}

/**
 * The single source of truth for every site's devices, alerts and health. Every update bumps
 * the version once and tells subscribers exactly what changed, in order.
 */
export class FleetState {
  private readonly entries = new Map<string, MutableEntry>();
  private readonly listeners = new Set<FleetListener>();
  private currentVersion = 0;

  constructor(sites: readonly FleetSiteSeed[]) {
    for (const site of sites) {
      this.entries.set(site.id, {
        id: site.id,
        customer: site.customer,
        configuredName: site.name,
        info: null,
        model: emptySiteModel(),
        health: initialHealth(site.id),
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

  sites(): SiteEntry[] {
    return [...this.entries.values()].map(view);
  }

  /** Budget and unknown-reference counts for a site's health. */
  siteStats(_id: string): SiteStats {
    return NO_STATS;
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

  replaceSite(siteId: string, snapshot: Snapshot): void {
    this.entry(siteId).model = siteModelFromSnapshot(snapshot);
    this.commit([{ kind: 'site-reset', siteId }]);
  }

  applyEvents(siteId: string, events: readonly SiteEvent[]): void {
    const model = this.entry(siteId).model;
    const changes: FleetChange[] = [];
    for (const event of events) {
      const change = applySiteEvent(model, event);
      if (change) changes.push({ ...change, siteId });
    }
    if (changes.length > 0) this.commit(changes);
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

function view(entry: MutableEntry): SiteEntry {
  return {
    id: entry.id,
    customer: entry.customer,
    name: entry.configuredName ?? entry.info?.name ?? entry.id,
    info: entry.info,
    model: entry.model,
    health: entry.health,
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
