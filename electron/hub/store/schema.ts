import type { Generated } from 'kysely';

/**
 * The store's tables as Kysely sees them (electron/hub/store/migrations/ creates them). Times are
 * epoch milliseconds, as everywhere in the hub.
 */

/** Each configured site as last known: shown (stale) at start before its link connects. */
export interface SitesTable {
  id: string;
  name: string;
  customer: string;
  time_zone: string;
  /** When this row was last written. */
  updated_at: number;
  /** The site's last hello (JSON), shown at start before its link connects; null before one. */
  hello: string | null;
}

/**
 * Where the hub is in each site's event stream: written in the same transaction as the events
 * it covers, so a restarted hub resumes from exactly here (a replay, not a snapshot).
 */
export interface SiteStreamsTable {
  site_id: string;
  stream: string;
  last_seq: number;
  updated_at: number;
  /** When the site's data was last current (hub clock): the age the board shows at start. */
  data_at: number | null;
}

/** Each site's devices as the hub last held them; doc is the Device's JSON. */
export interface DevicesTable {
  site_id: string;
  id: string;
  doc: string;
}

/** Every alert seen (open while cleared_at is null), kept after it clears; doc is its JSON. */
export interface AlertsTable {
  row_id: Generated<number>;
  site_id: string;
  id: string;
  device_id: string | null;
  /** The device's name when the alert was last written (searched with the alert's text). */
  device_name: string;
  check_name: string;
  severity: string;
  title: string;
  detail: string;
  raised_at: number;
  updated_at: number;
  cleared_at: number | null;
  ack_by: string | null;
  doc: string;
}

/** An alert's timeline: the site's events about it, and what a snapshot showed. */
export interface AlertEventsTable {
  row_id: Generated<number>;
  site_id: string;
  stream: string;
  seq: number;
  /** The site's time of the event. */
  at: number;
  type: string;
  alert_id: string;
  /** 'hub' for the hub's own alerts (stream 'hub', seq 0). */
  source: 'site' | 'snapshot' | 'hub';
  doc: string;
}

/** Device events (upserts, removes, metric samples) as sent: the raw window. */
export interface DeviceEventsTable {
  row_id: Generated<number>;
  site_id: string;
  stream: string;
  seq: number;
  at: number;
  type: string;
  device_id: string;
  doc: string;
}

/** A metric's samples in one bucket (1 minute or 1 hour), as count, sum, min and max. */
export interface RollupsTable {
  site_id: string;
  device_id: string;
  metric: string;
  start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** The acknowledgement outbox: each technician action with its delivery state (doc: its JSON). */
export interface AckOutboxTable {
  ack_id: string;
  site_id: string;
  alert_id: string;
  requested_at: number;
  delivery: 'pending' | 'confirmed' | 'refused';
  doc: string;
}

/** What technicians and the hub did to an alert: its timeline beside the site's events. */
export interface AlertActionsTable {
  row_id: Generated<number>;
  site_id: string;
  alert_id: string;
  at: number;
  what: string;
  actor: string;
  source: 'technician' | 'hub';
  comment: string;
  ack_id: string | null;
  detail: string | null;
}

/** SLA incidents, their JSON in doc (shared/sla/incident.ts). */
export interface IncidentsTable {
  id: string;
  site_id: string;
  customer: string;
  opened_at: number;
  resolved_at: number | null;
  doc: string;
}

/** An incident's timeline: opened, responded, paused, warnings, breaches, resolved. */
export interface IncidentEventsTable {
  row_id: Generated<number>;
  incident_id: string;
  at: number;
  what: string;
  actor: string;
  detail: string;
}

export interface StoreSchema {
  sites: SitesTable;
  site_streams: SiteStreamsTable;
  devices: DevicesTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  ack_outbox: AckOutboxTable;
  alert_actions: AlertActionsTable;
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
  device_events: DeviceEventsTable;
  /** FTS5 over alerts (external content): its rowid is alerts.row_id; searched with MATCH. */
  alerts_fts: { rowid: number };
  /** One row: the earliest minute whose rollups may be behind the samples (null: none). */
  rollup_mark: { id: number; open_from: number | null };
  metric_minutes: RollupsTable;
  metric_hours: RollupsTable;
}
