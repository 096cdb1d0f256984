import {
  MAX_NOTICES_PER_DELTA,
  type FleetDelta,
  type FleetSnapshot,
  type SnapshotPart,
} from '../../../shared/bridge/fleet-view.js';
import type { Notice } from '../../../shared/notify/notice.js';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { SlaWarning } from '../../../shared/sla/incident-warnings.js';
import type { FleetChangeBatch, SiteChange } from '../fleet/fleet-changes.js';
import { deltaContents, pendingKey } from './delta-contents.js';
import type { FleetState } from '../fleet/fleet-state.js';
import { notifyAll } from '../notify-all.js';
import { fleetSnapshot } from './fleet-views.js';
import { SentDevices } from './sent-devices.js';
import { streamParts } from './parts-stream.js';
import { splitSnapshot, type SplitSizes } from './snapshot-parts.js';

export type DeltaSink = (delta: FleetDelta) => void;

/** A viewer that takes a big site's devices in parts (snapshot-parts.ts). */
export interface PartsSink {
  /** Called once per part, each in a task of its own after subscribe returns, before any delta. */
  readonly send: (part: SnapshotPart) => void;
  /** The share of a site's devices down that makes it down: its roll-up is counted here. */
  readonly downShare: number;
  readonly sizes?: SplitSizes;
}

export interface Subscription {
  readonly snapshot: FleetSnapshot;
  readonly unsubscribe: () => void;
}

export const DEFAULT_TICK_MS = 200;

/**
 * At most this many SLA warnings wait for one delta (the bridge schema's cap). More within one
 * tick (a hub restarted after a long outage, catching up on thousands of clocks) drops the oldest
 * and says so: each warning is on its incident's timeline and the incidents, sent in the same
 * delta, carry every share reached.
 */
export const MAX_WARNINGS_PER_DELTA = 10_000;

/**
 * Coalesces the fleet's change feed and sends each subscriber one delta per tick: a device that
 * changed fifty times in a tick crosses the bridge once, with its latest value. The tick timer
 * runs only while something is pending, so an idle fleet costs nothing.
 */
export class Publisher {
  private readonly sinks = new Set<DeltaSink>();
  /** Entity key → the last change seen for it this tick. */
  private pending = new Map<string, SiteChange>();
  /** SLA warnings raised this tick, in order: events, each sent once (never coalesced). */
  private warnings: SlaWarning[] = [];
  /** Notices made this tick, in order: events, each sent once. */
  private notices: Notice[] = [];
  /** The screens' layouts changed this tick (the delta carries the version either way). */
  private screensChanged = false;
  /** Notices not sent because too many came at once (MAX_NOTICES_PER_DELTA); logged once. */
  droppedNotices = 0;
  /** Warnings not sent because too many came at once (MAX_WARNINGS_PER_DELTA); logged once. */
  droppedWarnings = 0;
  private warnedOfDrop = false;
  private flushedVersion: number;
  /** Devices as the viewers hold them, for patches (sent-devices.ts). */
  private readonly sent = new SentDevices();
  private timer: TimerHandle | null = null;
  private readonly unsubscribeFleet: () => void;
  /** Names each split snapshot's parts. */
  private nextPartsId = 0;
  /** Cancels each subscription still sending parts. */
  private readonly sendingParts = new Set<() => void>();

  constructor(
    private readonly fleet: FleetState,
    private readonly clock: Clock,
    readonly tickMs: number = DEFAULT_TICK_MS,
  ) {
    this.flushedVersion = fleet.version;
    this.unsubscribeFleet = fleet.subscribe((batch) => {
      this.collect(batch);
    });
  }

  /**
   * A new viewer: pending changes go out first, so the snapshot and the next delta line up.
   * With `parts`, a big site's devices beyond the snapshot's head go to `parts.send`, one part per
   * task from the next one on (so after the host has answered with the snapshot), and the
   * viewer's deltas wait until the last part is out.
   */
  subscribe(sink: DeltaSink, parts?: PartsSink): Subscription {
    this.flush();
    const whole = fleetSnapshot(this.fleet, this.clock.now());
    const split = parts
      ? splitSnapshot(
          whole,
          this.nextPartsId++,
          parts.downShare,
          parts.sizes,
          (siteId) => this.fleet.site(siteId)?.model.devices,
        )
      : null;
    if (!parts || !split || split.parts.length === 0) {
      this.sinks.add(sink);
      return { snapshot: split?.head ?? whole, unsubscribe: () => this.sinks.delete(sink) };
    }
    const stream = streamParts(split.parts, parts.send, sink, this.clock, () => {
      this.sendingParts.delete(stream.stop);
    });
    this.sendingParts.add(stream.stop);
    this.sinks.add(stream.sink);
    return {
      snapshot: split.head,
      unsubscribe: () => {
        stream.stop();
        this.sinks.delete(stream.sink);
      },
    };
  }

  get subscriberCount(): number {
    return this.sinks.size;
  }

  /** Devices whose last sent value is kept for patches (for the dispose test). */
  get devicesHeld(): number {
    return this.sent.size;
  }

  get hasTimer(): boolean {
    return this.timer !== null || this.sendingParts.size > 0;
  }

  dispose(): void {
    for (const stop of [...this.sendingParts]) stop();
    this.unsubscribeFleet();
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.sinks.clear();
    this.sent.clear();
    this.pending = new Map();
    this.warnings = [];
    this.notices = [];
  }

  /** Sends what is pending now (also run by the tick timer). */
  flush(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    const idle = this.pending.size === 0 && this.warnings.length === 0;
    if (idle && this.notices.length === 0 && !this.screensChanged) return;
    const delta = this.buildDelta();
    this.pending = new Map();
    this.warnings = [];
    this.notices = [];
    this.screensChanged = false;
    this.flushedVersion = delta.version;
    notifyAll(this.sinks, delta, 'publisher');
  }

  private collect(batch: FleetChangeBatch): void {
    for (const change of batch.changes) {
      if (change.kind === 'sla-warning') {
        this.warnings.push(change.warning);
        if (this.warnings.length > MAX_WARNINGS_PER_DELTA) this.dropOldestWarnings();
        continue;
      }
      if (change.kind === 'screens') {
        this.screensChanged = true;
        continue;
      }
      if (change.kind === 'notice') {
        // The notifier sends a few a minute; a flood would be its fault: keep the newest.
        this.notices.push(change.notice);
        if (this.notices.length > MAX_NOTICES_PER_DELTA) {
          this.notices.shift();
          this.droppedNotices++;
          if (this.droppedNotices === 1) {
            console.error(
              `publisher: more than ${MAX_NOTICES_PER_DELTA} notices within one tick; the oldest are not sent to windows`,
            );
          }
        }
        continue;
      }
      if (change.kind === 'site-reset') {
        // A reset supersedes every pending device and alert change of that site.
        for (const [key, pending] of this.pending) {
          if (pending.siteId === change.siteId && pending.kind !== 'site') this.pending.delete(key);
        }
      } else if (this.pending.get(`reset:${change.siteId}`) && change.kind !== 'site') {
        continue; // the reset will carry the site's latest contents anyway
      }
      this.pending.set(pendingKey(change), change);
    }
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.tickMs);
  }

  private dropOldestWarnings(): void {
    const dropped = this.warnings.length - MAX_WARNINGS_PER_DELTA;
    this.warnings = this.warnings.slice(dropped);
    this.droppedWarnings += dropped;
    if (!this.warnedOfDrop) {
      this.warnedOfDrop = true;
      console.error(
        `publisher: more than ${MAX_WARNINGS_PER_DELTA} SLA warnings within one tick; the oldest are not sent to windows (their incidents carry them)`,
      );
    }
  }

  private buildDelta(): FleetDelta {
    return {
      previous: this.flushedVersion,
      version: this.fleet.version,
      at: this.clock.now(),
      ...deltaContents(this.pending.values(), this.fleet, this.sent),
      slaWarnings: this.warnings,
      notices: this.notices,
      screens: this.fleet.screensState,
    };
  }
}
