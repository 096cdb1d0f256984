// bench:store, part 3: the history view's queries over the filled store (store-fill.ts), as the
// bridge runs them (HistoryQueries: the count and the first page, or the rollups grouped).
import {
  HistoryAlertsArgs,
  HistoryMetricArgs,
  type HistoryAlertsResult,
} from '../shared/bridge/history.js';
import { HistoryQueries } from '../electron/hub/store/history-queries.js';
import { openStore } from '../electron/hub/store/open-store.js';
import { deviceIdOf, FILL_DEVICES, FILL_SITES, siteIdOf } from './store-fill.js';
import { percentile } from './stats.js';

const DAY = 86_400_000;
const RUNS = 200;
const WARMUP = 10;
/** Words in about 1 % of the alerts (one device's name)... */
const RARE = ['ws042', 'ws017 finance', 'sw010', 'ws093 finance'];
/** ...and in 12 to 25 % of them (a problem, a department). */
const COMMON = ['backup', 'reception', 'certificate', 'ups battery'];

export interface QueryTiming {
  readonly name: string;
  readonly what: string;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Rows (or points) the last run returned, and the count it gave. */
  readonly sample: string;
}

export async function measureQueries(file: string, now: number): Promise<QueryTiming[]> {
  const store = await openStore(file);
  try {
    const history = new HistoryQueries(store.db);
    const alerts = (i: number, filter: Record<string, unknown>) =>
      history.alerts(HistoryAlertsArgs.parse({ filter, limit: 100 }));
    const everySite = (i: number) =>
      alerts(i, {
        from: now - (7 + (i % 7)) * DAY,
        to: now - (i % 7) * DAY,
        severities: i % 2 === 0 ? ['high'] : ['disaster', 'warning'],
      });
    const filtered = (i: number) =>
      alerts(i, {
        from: now - 7 * DAY,
        to: now,
        siteIds: [siteIdOf(i % FILL_SITES)],
        severities: ['high', 'disaster'],
      });
    const text = (words: readonly string[]) => (i: number) =>
      alerts(i, { from: now - 30 * DAY, to: now, text: words[i % words.length] });
    const aggregate = (i: number) =>
      history.metric(
        HistoryMetricArgs.parse({
          siteId: siteIdOf(i % FILL_SITES),
          deviceId: deviceIdOf(i % FILL_DEVICES),
          metric: 'cpu',
          from: now - 7 * DAY,
          to: now,
          points: 1000,
        }),
      );
    return [
      await time(
        'filtered',
        'one site, high and disaster, last 7 days: count + first 100',
        filtered,
        rowsOf,
      ),
      await time(
        'filtered, every site',
        'every site, one or two severities, a 7-day range: count + first 100',
        everySite,
        rowsOf,
      ),
      await time(
        'text, rare words',
        `full-text (${RARE.join(', ')}: ~1 % of alerts), last 30 days: count + first 100`,
        text(RARE),
        rowsOf,
      ),
      await time(
        'text, common words',
        `full-text (${COMMON.join(', ')}: 12–25 % of alerts), last 30 days: count + first 100`,
        text(COMMON),
        rowsOf,
      ),
      await time(
        '7-day aggregate',
        "one device's cpu over 7 days, 1,000 points wide (hour rollups)",
        aggregate,
        (r) => `${r.points.length} points of ${r.bucketMs / 3_600_000} h`,
      ),
    ];
  } finally {
    await store.close();
  }
}

const rowsOf = (r: HistoryAlertsResult) =>
  `${r.rows.length} rows of ${r.total}${r.totalCapped ? '+' : ''}`;

async function time<T>(
  name: string,
  what: string,
  run: (i: number) => Promise<T>,
  describe: (result: T) => string,
): Promise<QueryTiming> {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const ms: number[] = [];
  let last: T | null = null;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    last = await run(i);
    ms.push(performance.now() - started);
  }
  return {
    name,
    what,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    max: Math.max(...ms),
    sample: last === null ? '' : describe(last),
  };
}
