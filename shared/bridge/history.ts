import { z } from 'zod';
import { ACTION_NOTES } from '../alerts/technician-action.js';
import { Severity } from '../protocol/alert.js';
import { METRIC_NAMES } from '../protocol/device.js';
import { Id, Seq, Timestamp } from '../protocol/primitives.js';

/**
 * The history view's queries over the hub's store (docs/storage.md): alerts over a time range,
 * filtered and paged; one alert's timeline; a device metric's history from the rollups. Shapes
 * shared by the hub, the hosts and the page, like the rest of the bridge contract.
 */

export const ALERT_STATES = ['open', 'cleared'] as const;

/** Longest search text; its words become an FTS5 expression (at most 32 of them). */
export const MAX_SEARCH_TEXT = 500;

/** A time a Date can hold (a history query's bound): beyond, no date means anything. */
const QueryTime = Timestamp.max(8.64e15);

/**
 * Alerts raised before `to` and not cleared before `from`: open at some moment of the range.
 * Empty lists mean "any".
 */
export const HistoryFilter = z
  .strictObject({
    from: QueryTime,
    to: QueryTime,
    customers: z.array(z.string().min(1).max(200)).max(100).default([]),
    siteIds: z.array(Id).max(500).default([]),
    deviceId: Id.nullable().default(null),
    severities: z.array(Severity).max(6).default([]),
    states: z.array(z.enum(ALERT_STATES)).max(2).default([]),
    text: z.string().max(MAX_SEARCH_TEXT).default(''),
  })
  .refine((filter) => filter.from <= filter.to, {
    path: ['to'],
    error: 'must not be before from',
  });
export type HistoryFilter = z.output<typeof HistoryFilter>;

/** Where the next page starts: after this row, newest first. */
export const HistoryCursor = z.strictObject({ raisedAt: Timestamp, rowId: z.int().positive() });
export type HistoryCursor = z.infer<typeof HistoryCursor>;

export const MAX_PAGE = 500;
/** The count of matching alerts stops here ("1,000+"): counting reads every row it counts. */
export const MAX_COUNTED = 1_000;

export const HistoryAlertsArgs = z.strictObject({
  filter: HistoryFilter,
  limit: z.int().min(1).max(MAX_PAGE).default(100),
  cursor: HistoryCursor.nullable().default(null),
});

export const HistoryAlertRow = z.strictObject({
  siteId: z.string().min(1),
  siteName: z.string(),
  customer: z.string(),
  id: Id,
  deviceId: Id.nullable(),
  deviceName: z.string(),
  check: z.string(),
  severity: Severity,
  title: z.string(),
  detail: z.string(),
  raisedAt: Timestamp,
  updatedAt: Timestamp,
  clearedAt: Timestamp.nullable(),
  /** Who acknowledged it, as the site last said; null when nobody has. */
  ackBy: z.string().nullable(),
});
export type HistoryAlertRow = z.infer<typeof HistoryAlertRow>;

export const HistoryAlertsResult = z.strictObject({
  rows: z.array(HistoryAlertRow).max(MAX_PAGE),
  /**
   * How many alerts match the filter, counted up to MAX_COUNTED (then `totalCapped`): a count
   * never reads more rows than that.
   */
  total: z.int().nonnegative(),
  totalCapped: z.boolean(),
  next: HistoryCursor.nullable(),
});
export type HistoryAlertsResult = z.infer<typeof HistoryAlertsResult>;

/** A configured site id (the config allows 64 characters; the bound is generous). */
const SiteId = z.string().min(1).max(128);

export const HistoryTimelineArgs = z.strictObject({ siteId: SiteId, alertId: Id });

export const MAX_TIMELINE = 2000;

export const TimelineEntry = z.strictObject({
  /** The site's seq for what the site sent (or a snapshot showed); null for a technician's. */
  seq: Seq.nullable(),
  /** The site's time of a site event; the hub's for a technician's or the hub's own entry. */
  at: Timestamp,
  type: z.enum(['alert.raise', 'alert.update', 'alert.clear', ...ACTION_NOTES]),
  /**
   * 'site' for an event the site sent; 'snapshot' when the hub saw the change in a snapshot;
   * 'technician' for what a technician did here; 'hub' for what the hub saw happen on its own.
   */
  source: z.enum(['site', 'snapshot', 'technician', 'hub']),
  severity: Severity.nullable(),
  title: z.string().nullable(),
  ackBy: z.string().nullable(),
  ackComment: z.string().nullable(),
  /** Who acted (technician entries), or "hub". */
  actor: z.string().nullable(),
  /** A refusal's reason, what the hub carried out itself, why an acknowledgement lapsed. */
  detail: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const HistoryTimelineResult = z.strictObject({
  entries: z.array(TimelineEntry).max(MAX_TIMELINE),
  /** True when the alert has more entries than were sent (the oldest are sent). */
  truncated: z.boolean(),
});
export type HistoryTimelineResult = z.infer<typeof HistoryTimelineResult>;

export const HistoryMetricArgs = z
  .strictObject({
    siteId: SiteId,
    deviceId: Id,
    metric: z.enum(METRIC_NAMES),
    from: QueryTime,
    to: QueryTime,
    /** The chart's width in points: the series is down-sampled to at most this many. */
    points: z.int().min(2).max(4000),
  })
  .refine((args) => args.from < args.to, { path: ['to'], error: 'must be after from' });

export const MetricPoint = z.strictObject({
  start: Timestamp,
  count: z.int().positive(),
  min: z.number(),
  avg: z.number(),
  max: z.number(),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

export const HistoryMetricResult = z.strictObject({
  /** Which rollups the points come from. */
  source: z.enum(['minute', 'hour']),
  /** Each point covers this long (a multiple of the rollup's length). */
  bucketMs: z.int().positive(),
  points: z.array(MetricPoint).max(4000),
});
export type HistoryMetricResult = z.infer<typeof HistoryMetricResult>;
