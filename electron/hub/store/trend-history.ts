import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ForecastMetric } from '../../../shared/alerts/hub-alerts.js';
import type { Sample } from '../../../shared/alerts/trend.js';
import type { TrendHistory } from '../alerts/proactive-watch.js';
import { HOUR_MS } from './rollup.js';

/**
 * A device metric's hourly means from the store's hour rollups, for the proactive warnings'
 * trends after a restart. Only closed hours, each read at its middle (the mean of an hour is
 * its value half-way through), so the hub's own readings that follow come after them. One
 * primary-key range a device and metric: about 24 rows for the default window.
 */
export class SqliteTrendHistory implements TrendHistory {
  private readonly select: StatementSync;

  constructor(
    db: DatabaseSync,
    private readonly now: () => number,
  ) {
    this.select = db.prepare(
      `SELECT start, sum / count AS mean FROM metric_hours
       WHERE site_id = ? AND device_id = ? AND metric = ? AND start >= ? AND start < ?
       ORDER BY start`,
    );
  }

  hourly(siteId: string, deviceId: string, metric: ForecastMetric, since: number): Sample[] {
    const openHour = Math.floor(this.now() / HOUR_MS) * HOUR_MS;
    const from = Math.ceil(since / HOUR_MS) * HOUR_MS;
    const rows = this.select.all(siteId, deviceId, metric, from, openHour) as {
      start: number;
      mean: number;
    }[];
    return rows.map((row) => ({ at: row.start + HOUR_MS / 2, value: row.mean }));
  }
}
