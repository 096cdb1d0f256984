import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  HistoryAlertRow,
  HistoryAlertsArgs,
  HistoryAlertsResult,
  HistoryFilter,
  HistoryMetricArgs,
  HistoryMetricResult,
  HistoryTimelineArgs,
  HistoryTimelineResult,
} from '../../../shared/bridge/history.js';
import { MAX_COUNTED } from '../../../shared/bridge/history.js';
import type { Severity } from '../../../shared/protocol/alert.js';
import { ftsQuery } from './fts-query.js';
import { alertTimeline } from './timeline-query.js';
import { HOUR_MS, MINUTE_MS } from './rollup.js';
import type { StoreSchema } from './schema.js';

/** Up to this many full-text matches a search starts from them (see filtered()). */
const FEW_MATCHES = 5_000;

type TextPlan = { readonly match: string; readonly few: boolean } | null;

/** Up to this span a metric's history comes from the 1-minute rollups; beyond, the 1-hour ones. */
export const MINUTE_SPAN_LIMIT_MS = 48 * HOUR_MS;

/**
 * The history view's reads (shared/bridge/history.ts), on the store's typed connection. Every
 * query is bounded: alerts come a page at a time, newest first, by a cursor that survives rows
 * added meanwhile; a metric's points are grouped in SQL down to the chart's width.
 */
export class HistoryQueries {
  constructor(private readonly db: Kysely<StoreSchema>) {}

  async alerts(args: z.output<typeof HistoryAlertsArgs>): Promise<HistoryAlertsResult> {
    const { filter, limit, cursor } = args;
    const textPlan = await this.textPlan(filter.text);
    const counted = await this.count(filter, textPlan);
    let page = this.filtered(filter, textPlan);
    if (cursor !== null) {
      page = page.where((eb) =>
        eb.or([
          eb('alerts.raised_at', '<', cursor.raisedAt),
          eb.and([
            eb('alerts.raised_at', '=', cursor.raisedAt),
            eb('alerts.row_id', '<', cursor.rowId),
          ]),
        ]),
      );
    }
    const rows = await page
      .select([
        'alerts.row_id',
        'alerts.site_id',
        'sites.name as site_name',
        'sites.customer',
        'alerts.id',
        'alerts.device_id',
        'alerts.device_name',
        'alerts.check_name',
        'alerts.severity',
        'alerts.title',
        'alerts.detail',
        'alerts.raised_at',
        'alerts.updated_at',
        'alerts.cleared_at',
        'alerts.ack_by',
      ])
      .orderBy('alerts.raised_at', 'desc')
      .orderBy('alerts.row_id', 'desc')
      .limit(limit + 1)
      .execute();
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      rows: rows.slice(0, limit).map((row): HistoryAlertRow => ({
        siteId: row.site_id,
        siteName: row.site_name,
        customer: row.customer,
        id: row.id,
        deviceId: row.device_id,
        deviceName: row.device_name,
        check: row.check_name,
        severity: row.severity as Severity,
        title: row.title,
        detail: row.detail,
        raisedAt: row.raised_at,
        updatedAt: row.updated_at,
        clearedAt: row.cleared_at,
        ackBy: row.ack_by,
      })),
      total: Math.min(counted, MAX_COUNTED),
      totalCapped: counted > MAX_COUNTED,
      next: last === undefined ? null : { raisedAt: last.raised_at, rowId: last.row_id },
    };
  }

  /**
   * How many alerts match, up to one past the cap (so the count reads at most that many). With
   * search text, SQLite joins from the full-text matches as they come, stopping at the cap (2 ms
   * for a word in 31,000 alerts, where building the whole list of matches took 12).
   */
  private async count(filter: HistoryFilter, textPlan: TextPlan): Promise<number> {
    const one = sql<number>`1`.as('one');
    const query =
      textPlan === null
        ? this.filtered(filter, null, true)
            .select(one)
            .limit(MAX_COUNTED + 1)
        : this.filtered(filter, null, true)
            .innerJoin('alerts_fts', 'alerts_fts.rowid', 'alerts.row_id')
            .where(sql<boolean>`alerts_fts MATCH ${textPlan.match}`)
            .select(one)
            .limit(MAX_COUNTED + 1);
    const { sql: text, parameters } = query.compile();
    const result = await this.db.executeQuery<{ n: number }>(
      CompiledQuery.raw(`SELECT count(*) AS n FROM (${text})`, [...parameters]),
    );
    return result.rows[0]?.n ?? 0;
  }

  /** The alert's timeline, oldest first (see alertTimeline). */
  timeline(args: z.output<typeof HistoryTimelineArgs>): Promise<HistoryTimelineResult> {
    return alertTimeline(this.db, args);
  }

  /**
   * A device metric between two instants, from the rollups, at most `points` points: from the
   * minutes for a short span, else (or when retention has removed those minutes) the hours.
   */
  async metric(args: z.output<typeof HistoryMetricArgs>): Promise<HistoryMetricResult> {
    const short = args.to - args.from <= MINUTE_SPAN_LIMIT_MS;
    const minutes = short ? await this.metricFrom('minute', args) : null;
    return minutes !== null && minutes.points.length > 0 ? minutes : this.metricFrom('hour', args);
  }

  private async metricFrom(
    source: 'minute' | 'hour',
    args: z.output<typeof HistoryMetricArgs>,
  ): Promise<HistoryMetricResult> {
    const { siteId, deviceId, metric, points } = args;
    const baseMs = source === 'minute' ? MINUTE_MS : HOUR_MS;
    const bucketMs = bucketFor(args.from, args.to, points, baseMs);
    const from = Math.floor(args.from / bucketMs) * bucketMs;
    const table = source === 'minute' ? 'metric_minutes' : 'metric_hours';
    // Bound numbers arrive as REAL: the cast makes the division an integer one (start >= from).
    const bucket = sql<number>`CAST((start - ${from}) / ${bucketMs} AS INTEGER)`;
    const rows = await this.db
      .selectFrom(table)
      .select((eb) => [
        bucket.as('bucket'),
        eb.fn.sum<number>('count').as('count'),
        eb.fn.sum<number>('sum').as('sum'),
        eb.fn.min<number>('min').as('min'),
        eb.fn.max<number>('max').as('max'),
      ])
      .where('site_id', '=', siteId)
      .where('device_id', '=', deviceId)
      .where('metric', '=', metric)
      .where('start', '>=', from)
      .where('start', '<', args.to)
      .groupBy('bucket')
      .orderBy('bucket')
      .execute();
    return {
      source,
      bucketMs,
      points: rows.map((row) => ({
        start: from + row.bucket * bucketMs,
        count: row.count,
        min: row.min,
        avg: row.sum / row.count,
        max: row.max,
      })),
    };
  }

  /** Alerts with their site, narrowed by every part of the filter that is set. */
  private filtered(filter: HistoryFilter, textPlan: TextPlan, forCount = false) {
    const { from, to } = filter;
    let query = this.db
      .selectFrom('alerts')
      .innerJoin('sites', 'sites.id', 'alerts.site_id')
      .where((eb) => {
        if (!forCount) {
          // Open at some moment of the range, for the page: scanned newest first from `to`,
          // stopping at the page.
          return eb.and([
            eb('alerts.raised_at', '<', to),
            eb.or([eb('alerts.cleared_at', 'is', null), eb('alerts.cleared_at', '>=', from)]),
          ]);
        }
        // The same as three ranges an index each can read: raised in it; raised before and
        // cleared in or after it; raised before and still open. 0.5 ms to count a week's high
        // alerts of every site, where scanning every alert raised before the range's end took
        // 42 (bench:store's store). The sites go in each range so that one site's count reads
        // its (site, time) indexes, not all of the site's alerts (migration 0005).
        const sites = filter.siteIds.length > 0 ? [eb('alerts.site_id', 'in', filter.siteIds)] : [];
        return eb.or([
          eb.and([...sites, eb('alerts.raised_at', '>=', from), eb('alerts.raised_at', '<', to)]),
          eb.and([
            ...sites,
            eb('alerts.raised_at', '<', from),
            eb('alerts.cleared_at', '>=', from),
          ]),
          eb.and([
            ...sites,
            eb('alerts.raised_at', '<', from),
            eb('alerts.cleared_at', 'is', null),
          ]),
        ]);
      });
    if (filter.customers.length > 0) query = query.where('sites.customer', 'in', filter.customers);
    if (filter.siteIds.length > 0) query = query.where('alerts.site_id', 'in', filter.siteIds);
    if (filter.deviceId !== null) query = query.where('alerts.device_id', '=', filter.deviceId);
    if (filter.severities.length > 0) {
      query = query.where('alerts.severity', 'in', filter.severities);
    }
    if (filter.states.length === 1) {
      const open = filter.states[0] === 'open';
      query = query.where('alerts.cleared_at', open ? 'is' : 'is not', null);
    }
    if (textPlan === null) return query;
    // Few matches: SQLite starts from them (and sorts them by time). Many: the unary + makes
    // it scan by time instead, testing each row against the matches, stopping at the page:
    // sorting 31,000 matches took 60 ms, scanning a store for 2,500 took 35 (bench:store).
    const { match, few } = textPlan;
    return query.where(
      few
        ? sql<boolean>`alerts.row_id IN (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ${match})`
        : sql<boolean>`+alerts.row_id IN (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ${match})`,
    );
  }

  /** The search text as FTS5, and whether it matches few alerts (a look at most FEW deep). */
  private async textPlan(text: string): Promise<TextPlan> {
    const match = ftsQuery(text);
    if (match === null) return null;
    const probe = await sql<{ n: number }>`
      SELECT count(*) AS n FROM
        (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ${match} LIMIT ${FEW_MATCHES + 1})
    `.execute(this.db);
    return { match, few: (probe.rows[0]?.n ?? 0) <= FEW_MATCHES };
  }
}

/**
 * The shortest whole number of rollups per point that draws [from, to) in at most `points`
 * points, counting the partial buckets at both ends (buckets start at multiples of their size).
 */
function bucketFor(from: number, to: number, points: number, baseMs: number): number {
  const span = Math.ceil(to) - Math.floor(from);
  let units = Math.max(1, Math.ceil(span / points / baseMs));
  // Buckets of span / (points - 1) always fit (at most one partial bucket at each end): the
  // search stops there whatever the numbers.
  const most = Math.max(units, Math.ceil(span / Math.max(1, points - 1) / baseMs));
  const count = (size: number) =>
    Math.floor((Math.ceil(to) - 1) / size) - Math.floor(from / size) + 1;
  while (units < most && count(units * baseMs) > points) units++;
  return units * baseMs;
}

/** One stored timeline row as the page shows it; a row that does not read is shown as bare. */
