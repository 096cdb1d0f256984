import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryAlertsArgs, HistoryMetricArgs } from '../../shared/bridge/history.js';
import type { Alert, Severity } from '../../shared/protocol/alert.js';
import { runCommand, type CommandContext } from '../../electron/hub/bridge/commands.js';
import { HistoryQueries } from '../../electron/hub/store/history-queries.js';
import { openStore, type Store } from '../../electron/hub/store/open-store.js';
import { WriteStatements } from '../../electron/hub/store/write-statements.js';

const T0 = Date.UTC(2026, 11, 1, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
let dir = '';
let store: Store;
let sql: WriteStatements;
let history: HistoryQueries;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'noc-history-'));
  store = await openStore(join(dir, 'noc.sqlite'));
  sql = new WriteStatements(store.raw);
  history = new HistoryQueries(store.db);
  sql.putSite({ id: 'hq', name: 'Head office', customer: 'Acme', hello: null }, T0);
  sql.putSite({ id: 'br', name: 'Branch', customer: 'Birchwood', hello: null }, T0);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
function raise(
  siteId: string,
  id: string,
  over: Partial<Alert> & { clearedAt?: number } = {},
): void {
  const { clearedAt, ...fields } = over;
  const alert: Alert = {
    id,
    deviceId: 'fs01',
    check: 'disk:/',
    severity: 'average',
    title: `Alert ${id}`,
    detail: '',
    raisedAt: T0,
    updatedAt: T0,
    ack: null,
    ...fields,
  };
  sql.putAlert(siteId, alert, 'FS01 file server');
  const doc = JSON.stringify({ seq: ++seq, at: alert.raisedAt, type: 'alert.raise', alert });
  const entry = {
    siteId,
    stream: 's',
    seq,
    at: alert.raisedAt,
    alertId: id,
    source: 'site' as const,
  };
  sql.putAlertEvent({ ...entry, type: 'alert.raise', doc });
  if (clearedAt !== undefined) {
    const cleared = JSON.stringify({ seq: ++seq, at: clearedAt, type: 'alert.clear', alertId: id });
    sql.putAlertEvent({ ...entry, seq, at: clearedAt, type: 'alert.clear', doc: cleared });
    sql.clearAlert(siteId, id, clearedAt);
  }
}

const query = (filter: Record<string, unknown>, page: Record<string, unknown> = {}) =>
  history.alerts(
    HistoryAlertsArgs.parse({ filter: { from: T0, to: T0 + 24 * HOUR, ...filter }, ...page }),
  );

/** The ids on the first page; the count (a query of its own) must agree with them. */
const ids = async (filter: Record<string, unknown>) => {
  const page = await query(filter);
  expect(page.total, JSON.stringify(filter)).toBe(page.rows.length);
  return page.rows.map((r) => r.id);
};

describe('history queries', () => {
  it('filters by time range, customer, site, device, severity, state and text', async () => {
    sql.transaction(() => {
      raise('hq', 'a1', { title: 'Core switch down', severity: 'disaster', raisedAt: T0 + HOUR });
      raise('hq', 'a2', {
        title: 'Disk 91% full',
        raisedAt: T0 + 2 * HOUR,
        clearedAt: T0 + 3 * HOUR,
      });
      raise('br', 'a3', {
        title: 'UPS on battery',
        severity: 'high',
        deviceId: 'ups1',
        raisedAt: T0 + 4 * HOUR,
      });
      // Raised the day before and still open at the range's start: it belongs to the range.
      raise('br', 'a4', { title: 'Backup "nightly" failed', raisedAt: T0 - 5 * HOUR });
      // Cleared before the range: not in it.
      raise('br', 'a5', { raisedAt: T0 - 9 * HOUR, clearedAt: T0 - 8 * HOUR });
    });
    expect(await ids({})).toEqual(['a3', 'a2', 'a1', 'a4']);
    expect(await ids({ customers: ['Acme'] })).toEqual(['a2', 'a1']);
    expect(await ids({ siteIds: ['br'] })).toEqual(['a3', 'a4']);
    expect(await ids({ deviceId: 'ups1' })).toEqual(['a3']);
    expect(await ids({ severities: ['disaster', 'high'] })).toEqual(['a3', 'a1']);
    expect(await ids({ states: ['cleared'] })).toEqual(['a2']);
    expect(await ids({ states: ['open'] })).toEqual(['a3', 'a1', 'a4']);
    expect(await ids({ text: 'core sw' })).toEqual(['a1']);
    // The device's name is searched too (every alert here is on a device named so).
    expect(await ids({ text: 'fs01 file' })).toEqual(['a3', 'a2', 'a1', 'a4']);
    // Search text is text, never FTS5 syntax.
    expect(await ids({ text: '"nightly"' })).toEqual(['a4']);
    for (const text of ['"', '*', 'OR', 'NEAR(', 'title:x', '-', 'AND OR NOT']) {
      expect(await ids({ text }), text).toEqual([]);
    }
    const row = (await query({ text: 'UPS' })).rows[0];
    expect(row).toEqual({
      siteId: 'br',
      siteName: 'Branch',
      customer: 'Birchwood',
      id: 'a3',
      deviceId: 'ups1',
      deviceName: 'FS01 file server',
      check: 'disk:/',
      severity: 'high',
      title: 'UPS on battery',
      detail: '',
      raisedAt: T0 + 4 * HOUR,
      updatedAt: T0,
      clearedAt: null,
      ackBy: null,
    });
  });

  it('pages newest first by cursor: every alert once, with the total, even with equal times', async () => {
    sql.transaction(() => {
      for (let i = 0; i < 23; i++) {
        const severity: Severity = i % 2 === 0 ? 'high' : 'warning';
        raise('hq', `p${i}`, { raisedAt: T0 + Math.floor(i / 3) * MIN, severity });
      }
    });
    const seen: string[] = [];
    let cursor = null;
    let pages = 0;
    do {
      const page = await query({}, { limit: 5, cursor });
      expect(page.total).toBe(23);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.next;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(23);
    expect(seen.slice(0, 2)).toEqual(['p22', 'p21']);
  });

  it('counts up to 1,000 and says when there are more, without reading them all', async () => {
    sql.transaction(() => {
      for (let i = 0; i < 1_050; i++) raise('hq', `c${i}`, { raisedAt: T0 + i });
    });
    const page = await query({}, { limit: 10 });
    expect(page).toMatchObject({ total: 1_000, totalCapped: true });
    expect(page.rows).toHaveLength(10);
    const few = await query({ text: 'c1049' });
    expect(few).toMatchObject({ total: 1, totalCapped: false });
  });

  it("gives an alert's timeline, oldest first, with who acknowledged it", async () => {
    const ack = { ackId: 'k1', technician: 'Dana', comment: 'on it', at: T0 + 2 * MIN };
    sql.transaction(() => {
      raise('hq', 'x', { raisedAt: T0, severity: 'high' });
      const updated = {
        id: 'x',
        deviceId: 'fs01',
        check: 'disk:/',
        severity: 'high' as const,
        title: 'Alert x',
        detail: '',
        raisedAt: T0,
        updatedAt: T0 + 2 * MIN,
        ack,
      };
      const doc = JSON.stringify({
        seq: ++seq,
        at: T0 + 2 * MIN,
        type: 'alert.update',
        alert: updated,
      });
      sql.putAlertEvent({
        siteId: 'hq',
        stream: 's',
        seq,
        at: T0 + 2 * MIN,
        type: 'alert.update',
        alertId: 'x',
        source: 'site',
        doc,
      });
    });
    const { entries, truncated } = await history.timeline({ siteId: 'hq', alertId: 'x' });
    expect(truncated).toBe(false);
    expect(entries.map((e) => [e.type, e.severity, e.ackBy, e.ackComment])).toEqual([
      ['alert.raise', 'high', null, null],
      ['alert.update', 'high', 'Dana', 'on it'],
    ]);
  });

  it("down-samples a metric's rollups to the chart's width, weighting by samples", async () => {
    const key = { siteId: 'hq', deviceId: 'fs01', metric: 'cpu' };
    sql.transaction(() => {
      for (let m = 0; m < 120; m++) {
        // Odd minutes had 3 samples at 30; even minutes 1 sample at 10.
        const [count, value] = m % 2 === 0 ? [1, 10] : [3, 30];
        sql.addRollup('minute', key, {
          start: T0 + m * MIN,
          count,
          sum: count * value,
          min: value,
          max: value,
        });
      }
      for (let h = 0; h < 24 * 7; h++) {
        sql.addRollup('hour', key, {
          start: T0 + h * HOUR,
          count: 60,
          sum: 60 * h,
          min: 0,
          max: h * 2,
        });
      }
    });
    const args = (from: number, to: number, points: number) =>
      HistoryMetricArgs.parse({ siteId: 'hq', deviceId: 'fs01', metric: 'cpu', from, to, points });
    const twoHours = await history.metric(args(T0, T0 + 2 * HOUR, 60));
    expect(twoHours.source).toBe('minute');
    expect(twoHours.bucketMs).toBe(2 * MIN);
    expect(twoHours.points).toHaveLength(60);
    // One quiet minute (10) and one busy one (3 × 30): the mean of 4 samples is 25, not 20.
    expect(twoHours.points[0]).toEqual({ start: T0, count: 4, min: 10, avg: 25, max: 30 });
    // Minutes gone (retention), hours kept: a short span falls back to the hours.
    const old = await history.metric(args(T0 + 24 * HOUR, T0 + 26 * HOUR, 60));
    expect(old.source).toBe('hour');
    expect(old.points.map((p) => p.start)).toEqual([T0 + 24 * HOUR, T0 + 25 * HOUR]);
    for (const points of [2, 7, 100, 4000]) {
      const span = await history.metric(args(T0 + 1234, T0 + 7 * 24 * HOUR - 999, points));
      expect(span.points.length, `${points} points`).toBeLessThanOrEqual(points);
    }
    // The widest span a query may name, two points wide: answered, not a hang.
    const all = await history.metric(args(0, 8.64e15, 2));
    expect(all.points.length).toBeLessThanOrEqual(2);
    expect(() => args(0, 1e23, 2)).toThrow(/8640000000000000/);
    const week = await history.metric(args(T0, T0 + 7 * 24 * HOUR, 100));
    expect(week.source).toBe('hour');
    expect(week.bucketMs).toBe(2 * HOUR);
    expect(week.points).toHaveLength(84);
    expect(week.points[1]).toEqual({ start: T0 + 2 * HOUR, count: 120, min: 0, avg: 2.5, max: 6 });
  });

  it('checks its arguments at the bridge, and says when no history is kept', async () => {
    const ctx = { history, hub: null, info: null } as unknown as CommandContext;
    const bad = await runCommand('history.alerts', { filter: { from: 5, to: 1 } }, ctx);
    expect(bad).toEqual({
      ok: false,
      error: {
        code: 'bad-arguments',
        message: 'history.alerts: filter.to: must not be before from',
      },
    });
    const tooMany = await runCommand(
      'history.alerts',
      { filter: { from: 0, to: 1, text: 'a '.repeat(40) } },
      ctx,
    );
    expect(tooMany).toMatchObject({
      ok: false,
      error: { code: 'failed', message: expect.stringMatching(/40 words; at most 32/) as string },
    });
    const none = await runCommand(
      'history.timeline',
      { siteId: 'hq', alertId: 'x' },
      { ...ctx, history: null },
    );
    expect(none).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message:
          'history.timeline: no history is kept: this hub runs without a data folder (serve --data DIR keeps one)',
      },
    });
  });
});
