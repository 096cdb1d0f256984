import type { Clock } from '../../../shared/clock.js';
import type { SiteHealth } from '../../../shared/fleet/health.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Hello, Snapshot } from '../../../shared/protocol/messages.js';
import type { ReconnectOptions, SiteBudgets } from '../config/hub-options.js';

/** Where a link delivers what it has validated and put in order. */
export interface SiteSink {
  hello(hello: Hello): void;
  /** `appliedAt`: the hub's clock when applied, what the site's data age counts from. */
  snapshot(snapshot: Snapshot, appliedAt: number): void;
  /** Events applied in order, all of `stream`. */
  events(events: readonly SiteEvent[], stream: string, appliedAt: number): void;
  /** A heartbeat confirmed the hub holds `seq` of `stream`: its data is current as of `at`. */
  confirmed?(stream: string, seq: number, at: number): void;
}

export interface SiteLinkDeps {
  readonly clock: Clock;
  readonly sink: SiteSink;
  readonly reconnect: ReconnectOptions;
  /** Called whenever the link's status changes, so health can be recomputed at once. */
  readonly onStatus: () => void;
  readonly random?: () => number;
  /** How long to wait for a site to answer a sync or an ack. */
  readonly requestTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly clientName?: string;
  /** Rate budgets (events/s, bytes/s); default DEFAULT_BUDGETS. */
  readonly budgets?: SiteBudgets;
}

/** The link's share of a site's health: the same fields as the one health type, writable here. */
export type LinkCounters = {
  -readonly [
    K in
      | 'badPayloads'
      | 'lastBadPayload'
      | 'duplicates'
      | 'reconnects'
      | 'resyncs'
      | 'idConflicts'
      | 'ackMismatches'
      | 'droppedOverBudget'
  ]: SiteHealth[K];
};

export const zeroLinkCounters = (): LinkCounters => ({
  badPayloads: 0,
  lastBadPayload: null,
  duplicates: 0,
  reconnects: 0,
  resyncs: 0,
  idConflicts: 0,
  ackMismatches: 0,
  droppedOverBudget: 0,
});
