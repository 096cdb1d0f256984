import { z } from 'zod';
import { CheckRecord } from '../alerts/check-record.js';
import { TechnicianAction } from '../alerts/technician-action.js';
import { SiteHealth } from '../fleet/health.js';
import { ActiveMaintenance } from '../maintenance/maintenance-window.js';
import { Notice } from '../notify/notice.js';
import { Alert } from '../protocol/alert.js';
import { Device } from '../protocol/device.js';
import { MAX_SNAPSHOT_ITEMS } from '../protocol/messages.js';
import { Id, Timestamp } from '../protocol/primitives.js';
import { StatusCounts } from '../fleet/status-counts.js';
import { BusinessCalendar } from '../sla/business-calendar.js';
import { Incident } from '../sla/incident.js';
import { SlaWarning } from '../sla/incident-warnings.js';
import { ScreensState } from './screens.js';

/**
 * What a window sees of the fleet. Produced by the hub's publisher, consumed by the renderer's
 * store; the same shapes cross Electron IPC and the `serve` mode's socket.io bridge. Entities
 * (devices, alerts) are the site protocol's own schemas: what a site may send is what a page
 * may receive.
 */

/** Fleet state versions: the hub counts from 0 and never goes back. */
const Version = z.int().nonnegative();

/** A site's identity and health, without its devices. */
export const SiteSummary = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200),
  customer: z.string().min(1).max(200),
  /** The site's IANA time zone, once it has said hello. */
  timeZone: z.string().min(1).max(64).nullable(),
  health: SiteHealth,
  /** Maintenance windows running now (docs/alerts.md): their alerts are suppressed. */
  maintenance: z.array(ActiveMaintenance),
});
export type SiteSummary = z.infer<typeof SiteSummary>;

/** Every device and open alert of one site, and technicians' latest action on each alert. */
export const SiteContent = z.strictObject({
  siteId: Id,
  devices: z.array(Device),
  alerts: z.array(Alert),
  actions: z.array(TechnicianAction),
  /** Checks raised more than once lately, or flapping (see CheckRecord). */
  checks: z.array(CheckRecord),
  /** SLA incidents open at the site, and those resolved lately (docs/sla.md). */
  incidents: z.array(Incident),
});
export type SiteContent = z.infer<typeof SiteContent>;

/** Devices of a big site the snapshot itself carries at least (docs/architecture.md, "Big sites"). */
export const SNAPSHOT_HEAD_DEVICES = 200;
/** Devices one `fleet.snapshotPart` carries at most. */
export const SNAPSHOT_PART_DEVICES = 5_000;

/**
 * A site whose devices are not all in the snapshot: the rest follow in `fleet.snapshotPart`
 * events. What the board summarises of it (its counts, its roll-up) the hub counted over all of
 * them, so a tile never judges a site by the part it has received.
 */
export const ReceivingSite = z
  .strictObject({
    siteId: Id,
    /** Every device the site holds: in the snapshot and its parts together. */
    devices: z.int().positive().max(MAX_SNAPSHOT_ITEMS),
    counts: StatusCounts,
    /** shared/fleet/site-rollup.ts over all its devices, with the hub's `siteDownShare`. */
    rollup: z.enum(['down', 'degraded', 'maintenance', 'ok']),
  })
  // What a tile shows for the site meanwhile: its numbers must add up.
  .refine(
    ({ devices, counts }) =>
      counts.total === devices &&
      counts.up + counts.warning + counts.down + counts.unknown + counts.maintenance === devices,
    { error: 'the counts must add up to the devices', path: ['counts'] },
  );
export type ReceivingSite = z.infer<typeof ReceivingSite>;

/** The parts that complete a snapshot: `parts` events with this `id`, numbered from 1. */
export const SnapshotFollowing = z.strictObject({
  id: z.int().nonnegative(),
  parts: z.int().positive().max(MAX_SNAPSHOT_ITEMS),
  sites: z.array(ReceivingSite).min(1),
});
export type SnapshotFollowing = z.infer<typeof SnapshotFollowing>;

/**
 * More of a big site's devices (in no particular order: the snapshot carried the first rows of
 * the site table's), following the snapshot whose `following.id` it names; nothing else reaches
 * the viewer in between.
 */
export const SnapshotPart = z.strictObject({
  id: z.int().nonnegative(),
  /** 1 to `parts`, in order. */
  part: z.int().positive(),
  parts: z.int().positive().max(MAX_SNAPSHOT_ITEMS),
  siteId: Id,
  devices: z.array(Device).min(1).max(SNAPSHOT_PART_DEVICES),
});
export type SnapshotPart = z.infer<typeof SnapshotPart>;

export const FleetSnapshot = z.strictObject({
  /** Fleet state version this snapshot shows; the next delta has `previous` equal to it. */
  version: Version,
  /** The hub's clock when taken, so a viewer with a skewed clock still shows true ages. */
  at: Timestamp,
  sites: z.array(SiteSummary),
  contents: z.array(SiteContent),
  /** The wall's screens: their layouts' version, and whether they show their numbers. */
  screens: ScreensState,
  /**
   * Null when the snapshot is whole. Otherwise the big sites whose devices it carries only the
   * first of (asked for with `fleet.subscribe`'s `parts`): the rest follow as parts, and deltas
   * only after the last part.
   */
  following: SnapshotFollowing.nullable(),
});
export type FleetSnapshot = z.infer<typeof FleetSnapshot>;

export const Keyed = z.strictObject({ siteId: Id, id: Id });
export type Keyed = z.infer<typeof Keyed>;

/**
 * A device whose only change since the delta's `previous` is in its live fields (its status,
 * metrics and `updatedAt`): those, and nothing else; the viewer keeps the rest of the device it
 * holds. Most of a busy fleet's changes are a new sample, and sent whole each one brought its
 * name, kind, parent, tags and security posture again, for the page to decode, check and copy
 * (bench:render, load (b)). Made and applied by shared/fleet/device-patch.ts.
 */
export const DevicePatch = z.strictObject({
  siteId: Id,
  id: Id,
  status: Device.shape.status,
  metrics: Device.shape.metrics,
  updatedAt: Device.shape.updatedAt,
});
export type DevicePatch = z.infer<typeof DevicePatch>;

/** The notifier sends at most a few a minute; more in one delta is a fault, refused. */
export const MAX_NOTICES_PER_DELTA = 100;

/**
 * What changed from `previous` to `version`, coalesced: each entity appears at most once with
 * its latest value. A viewer whose version is not `previous` must ask for a snapshot again.
 */
export const FleetDelta = z.strictObject({
  previous: Version,
  version: Version,
  at: Timestamp,
  sites: z.array(SiteSummary),
  /** Sites whose devices and alerts were replaced wholesale: drop what is not listed. */
  resets: z.array(SiteContent),
  devices: z.array(z.strictObject({ siteId: Id, device: Device })),
  /** Devices whose live fields alone changed (DevicePatch); never one listed in `devices`. */
  devicePatches: z.array(DevicePatch),
  removedDevices: z.array(Keyed),
  alerts: z.array(z.strictObject({ siteId: Id, alert: Alert })),
  removedAlerts: z.array(Keyed),
  /** Each alert's latest technician action (keyed by site and alert id). */
  actions: z.array(TechnicianAction),
  /** Alerts (by id) whose action is no longer held. */
  removedActions: z.array(Keyed),
  checks: z.array(CheckRecord),
  /** Checks (by key) no longer worth showing. */
  removedChecks: z.array(z.strictObject({ siteId: Id, key: z.string().min(1).max(400) })),
  incidents: z.array(Incident),
  /** Incidents (by id) no longer held (resolved long enough ago). */
  removedIncidents: z.array(Keyed),
  /**
   * SLA warnings and breaches raised since the previous delta, in the order raised: events, not
   * state (their incidents, with the shares recorded, are in \`incidents\`). A window that takes a
   * snapshot again has missed those raised meanwhile; the incidents still say what was reached.
   */
  slaWarnings: z.array(SlaWarning).max(10_000),
  /**
   * Notices for technicians made since the previous delta (docs/notifications.md): events, each
   * sent once. A browser tab that was asked to shows them with the Notification API.
   */
  notices: z.array(Notice).max(MAX_NOTICES_PER_DELTA),
  /** The screens as of this delta (FleetSnapshot.screens). */
  screens: ScreensState,
});
export type FleetDelta = z.infer<typeof FleetDelta>;

export const AppInfo = z.strictObject({
  version: z.string().min(1).max(64),
  /** True when the hub runs on the embedded simulated fleet: the board must say "demo data". */
  demo: z.boolean(),
  host: z.enum(['electron', 'browser']),
  /**
   * The hub's staleness thresholds. The board applies them itself too, so a stalled hub (its
   * event loop blocked, its deltas stopped) can never leave a site showing as live.
   */
  thresholds: z.strictObject({
    staleAfterMs: z.number().positive(),
    downAfterMs: z.number().positive(),
  }),
  /**
   * How far a site's timestamps may run ahead of the hub's clock before they are flagged: the
   * board flags a device's or alert's time by the same rule the hub counts them with.
   */
  clockSkewMs: z.number().nonnegative(),
  /**
   * More than this share (0–1) of a site's devices down makes the site's roll-up "down"
   * (shared/fleet/site-rollup.ts; hub config `siteDownShare`).
   */
  siteDownShare: z.number().min(0).max(1),
  /**
   * Who this window acts as: the desktop's technician, or the technician whose token a browser
   * signed in with. Null for a viewer, who is shown no controls that act (the host refuses them
   * anyway).
   */
  technician: z.string().min(1).max(200).nullable(),
  /**
   * Set when the hub's store needed attention at start (a damaged file moved aside, with where
   * it went): the board says so. Absent otherwise.
   */
  storeNotice: z.string().min(1).max(2000).optional(),
  /**
   * The business calendars SLA clocks count in (docs/sla.md): per customer with a contract, and
   * the default terms' for the rest (null: none). The board counts business time down itself,
   * between the hub's updates. Absent: no SLA config.
   */
  sla: z
    .strictObject({
      calendars: z
        .array(z.strictObject({ customer: z.string().min(1).max(200), calendar: BusinessCalendar }))
        .max(1000),
      defaultCalendar: BusinessCalendar.nullable(),
    })
    .optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;
