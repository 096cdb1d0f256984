import type { Alert } from '../../../shared/protocol/alert.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Snapshot } from '../../../shared/protocol/messages.js';
import type { SiteModel } from '../../../shared/site-model/site-model.js';
import type { SiteRow } from './write-statements.js';

/** A site's row (configured name and customer, hello) to write. */
export interface SiteOp {
  readonly kind: 'site';
  /** Order of arrival: a snapshot repairs only the drops before it. */
  readonly serial: number;
  readonly siteId: string;
  readonly row: SiteRow;
}

/**
 * A snapshot replaces what is stored of the site, in phases that may span slices: the stream
 * position is dropped first (a crash meanwhile means a snapshot again at restart), the devices
 * are rewritten, the alerts reconciled, and the position written last.
 */
export interface SnapshotOp {
  readonly kind: 'snapshot';
  readonly serial: number;
  readonly siteId: string;
  readonly snapshot: Snapshot;
  readonly dataAt: number;
  phase: 'clear' | 'devices' | 'alerts' | 'gone' | 'position';
  /** The device ids to write (taken when the devices phase starts). */
  ids: readonly string[] | null;
  /** The snapshot's alert ids, gathered as the alerts phase goes (for the gone phase). */
  seen: Set<string> | null;
  /** The gone phase's place among the stored open alerts (by id). */
  after: string;
  cursor: number;
}

/** Events applied in one batch, in seq order, all of one stream. */
export interface EventsOp {
  readonly kind: 'events';
  readonly serial: number;
  readonly siteId: string;
  readonly stream: string;
  readonly events: readonly SiteEvent[];
  readonly dataAt: number;
  cursor: number;
}

/** A heartbeat confirmed the site's data as of `at`, at the stored position. */
export interface ConfirmedOp {
  readonly kind: 'confirmed';
  readonly serial: number;
  readonly siteId: string;
  /** Updated in place by a newer confirmation while it waits. */
  stream: string;
  seq: number;
  at: number;
}

/**
 * One of the hub's own alerts as it is now (raised or changed), or, with `alert` null, cleared at
 * `at`: its row and a timeline entry (hub-alert-history.ts). Queued with the site's ops, so it is
 * written after the site's row and in order with the site's snapshots.
 */
export interface HubAlertOp {
  readonly kind: 'hub-alert';
  readonly serial: number;
  readonly siteId: string;
  readonly id: string;
  readonly alert: Alert | null;
  readonly at: number;
  /** Set once written (its size is then 0: the queue's backlog counts it until then). */
  written: boolean;
}

export type WriteOp = SiteOp | SnapshotOp | EventsOp | ConfirmedOp | HubAlertOp;

/** What an op's progress was before a slice, to put back when the slice's write fails. */
export type OpProgress =
  | Pick<SnapshotOp, 'phase' | 'ids' | 'seen' | 'after' | 'cursor'>
  | { cursor: number }
  | { written: boolean };

export function progressOf(op: WriteOp): OpProgress | null {
  switch (op.kind) {
    case 'site':
    case 'confirmed':
      return null;
    case 'hub-alert':
      return { written: op.written };
    case 'snapshot':
      return { phase: op.phase, ids: op.ids, seen: op.seen, after: op.after, cursor: op.cursor };
    case 'events':
      return { cursor: op.cursor };
  }
}

/** The hub's current model of a site: what the writer stores as the site's devices. */
export type ModelOf = (siteId: string) => SiteModel | undefined;

/** Events of an op not yet written. */
export function remainingEvents(op: WriteOp): number {
  return op.kind === 'events' ? op.events.length - op.cursor : 0;
}

/** A hub alert's change not yet written: one row's worth in the backlog, shed like events. */
export function remainingHubAlert(op: WriteOp): number {
  return op.kind === 'hub-alert' && !op.written ? 1 : 0;
}

/** Devices and alerts of a snapshot not yet written (what it holds in memory meanwhile). */
export function remainingItems(op: WriteOp): number {
  if (op.kind !== 'snapshot') return 0;
  const { devices, alerts } = op.snapshot;
  switch (op.phase) {
    case 'clear':
      return devices.length + alerts.length;
    case 'devices':
      return (op.ids?.length ?? 0) - op.cursor + alerts.length;
    case 'alerts':
      return alerts.length - op.cursor;
    case 'gone':
    case 'position':
      return 0;
  }
}

/** Sites whose stored position was dropped, by the serial of the last op lost. */
export type BrokenSites = ReadonlyMap<string, number>;
