// bench:store: the big store the cold-start and query figures are measured on. 50 sites of 100
// devices (5,000), 250,000 alerts over 30 days with 4 timeline entries each (1,000,000 alert
// events, full-text indexed), 30 days of 1-hour rollups and the last 24 hours of 1-minute
// rollups for 2 metrics of every device. Built once into a folder and reused (--rebuild).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { Alert, Severity } from '../shared/protocol/alert.js';
import type { Device } from '../shared/protocol/device.js';
import type { Hello } from '../shared/protocol/messages.js';
import { openStore } from '../electron/hub/store/open-store.js';
import { WriteStatements } from '../electron/hub/store/write-statements.js';

export const FILL_SITES = 50;
export const FILL_DEVICES = 100;
export const FILL_ALERTS = 250_000;
const ENTRIES_PER_ALERT = 4;
/** Alerts still open (the newest ones), of FILL_ALERTS. */
const OPEN_ALERTS = 500;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
export const METRICS = ['cpu', 'latency'] as const;
const MARKER = 'filled-v1';

export const siteIdOf = (i: number) => `site-${String(i + 1).padStart(2, '0')}`;
export const deviceIdOf = (i: number) => `dev-${String(i).padStart(3, '0')}`;

const PROBLEMS = [
  ['high', 'Host unreachable'],
  ['warning', 'Disk almost full'],
  ['average', 'High CPU'],
  ['high', 'Backup failed'],
  ['disaster', 'UPS on battery'],
  ['warning', 'Certificate expiring'],
  ['average', 'Service stopped'],
  ['information', 'Packet loss'],
] as const satisfies readonly (readonly [Severity, string])[];

export interface Filled {
  readonly file: string;
  /** The newest time in the store: alerts and rollups end here. */
  readonly now: number;
  readonly rebuilt: boolean;
  readonly seconds: number;
  readonly bytes: number;
}

/** The filled store in `dir`, built first when missing (or asked to). */
export async function filledStore(dir: string, rebuild: boolean): Promise<Filled> {
  const file = join(dir, 'noc.sqlite');
  const marker = join(dir, MARKER);
  const started = performance.now();
  const rebuilt = rebuild || !existsSync(marker);
  if (rebuilt) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const now = Date.now();
    const store = await openStore(file);
    fill(store.raw, now);
    await store.close();
    writeFileSync(marker, String(now));
  }
  const { readFileSync, statSync } = await import('node:fs');
  const now = Number(readFileSync(marker, 'utf8'));
  return {
    file,
    now,
    rebuilt,
    seconds: (performance.now() - started) / 1000,
    bytes: statSync(file).size,
  };
}

function fill(db: DatabaseSync, now: number): void {
  const sql = new WriteStatements(db);
  const batches = (count: number, each: (i: number) => void) => {
    for (let start = 0; start < count; start += 20_000) {
      sql.transaction(() => {
        for (let i = start; i < Math.min(count, start + 20_000); i++) each(i);
      });
      // The store's connection leaves checkpoints to its writer: here, after each batch.
      sql.checkpoint();
    }
  };
  batches(FILL_SITES, (s) => {
    sql.putSite(
      {
        id: siteIdOf(s),
        name: `Office ${s + 1}`,
        customer: `Customer ${(s % 20) + 1}`,
        hello: hello(s),
      },
      now,
    );
    sql.putStream(siteIdOf(s), 'bench', 1_000_000, now - 10 * MINUTE, now);
  });
  batches(FILL_SITES * FILL_DEVICES, (i) => {
    const device = deviceOf(i % FILL_DEVICES, now);
    sql.putDevice(siteIdOf(Math.floor(i / FILL_DEVICES)), device.id, JSON.stringify(device));
  });
  batches(FILL_ALERTS, (i) => {
    alertWithTimeline(sql, i, now);
  });
  const devices = FILL_SITES * FILL_DEVICES;
  const hours = 30 * 24;
  batches(devices * hours, (i) => {
    rollups(
      sql,
      i % devices,
      Math.floor(now / HOUR) * HOUR - (Math.floor(i / devices) + 1) * HOUR,
      60,
    );
  });
  const minutes = 24 * 60;
  batches(devices * minutes, (i) => {
    rollups(
      sql,
      i % devices,
      Math.floor(now / MINUTE) * MINUTE - (Math.floor(i / devices) + 1) * MINUTE,
      1,
    );
  });
  sql.checkpoint();
}

function hello(s: number): Hello {
  return {
    siteId: siteIdOf(s),
    name: `Office ${s + 1}`,
    customer: `Customer ${(s % 20) + 1}`,
    timeZone: 'Europe/Berlin',
    protocolVersion: '1.0',
    agentVersion: 'bench',
    stream: 'bench',
  };
}

function deviceOf(d: number, now: number): Device {
  return {
    id: deviceIdOf(d),
    name: `${d % 10 === 0 ? 'SW' : 'WS'}${String(d).padStart(3, '0')} ${['reception', 'finance', 'lab', 'store'][d % 4]}`,
    kind: d % 10 === 0 ? 'switch' : 'workstation',
    status: d % 37 === 0 ? 'down' : 'up',
    parentId: null,
    metrics: { cpu: d % 90, latency: (d % 20) + 0.5 },
    security: null,
    updatedAt: now - 10 * MINUTE,
  };
}

/** Alert i: raised at a time spread over 30 days, updated, acknowledged, cleared (unless open). */
function alertWithTimeline(sql: WriteStatements, i: number, now: number): void {
  const siteId = siteIdOf(i % FILL_SITES);
  const d = Math.floor(i / FILL_SITES) % FILL_DEVICES;
  const [severity, problem] = PROBLEMS[i % PROBLEMS.length] ?? PROBLEMS[0];
  const open = i >= FILL_ALERTS - OPEN_ALERTS;
  const raisedAt = now - 30 * DAY + Math.floor(((i + 0.5) / FILL_ALERTS) * 30 * DAY);
  const device = deviceOf(d, now);
  const alert: Alert = {
    id: `a-${i}`,
    deviceId: device.id,
    check: problem.toLowerCase().replaceAll(' ', '-'),
    severity,
    title: `${problem} on ${device.name}`,
    detail: `Reported by the agent (${i % 7} retries)`,
    raisedAt,
    updatedAt: raisedAt,
    ack: null,
  };
  const seq = i * ENTRIES_PER_ALERT;
  const entry = (n: number, at: number, type: string, body: object) => {
    const doc = JSON.stringify({ seq: seq + n, at, type, ...body });
    sql.putAlertEvent({
      siteId,
      stream: 'bench',
      seq: seq + n,
      at,
      type,
      alertId: alert.id,
      source: 'site',
      doc,
    });
  };
  entry(1, raisedAt, 'alert.raise', { alert });
  const updated = {
    ...alert,
    updatedAt: raisedAt + MINUTE,
    detail: `${alert.detail}; still failing`,
  };
  entry(2, raisedAt + MINUTE, 'alert.update', { alert: updated });
  const ack = {
    ackId: `k-${i}`,
    technician: `Tech ${i % 12}`,
    comment: 'looking',
    at: raisedAt + 2 * MINUTE,
  };
  const acked = { ...updated, updatedAt: raisedAt + 2 * MINUTE, ack };
  entry(3, raisedAt + 2 * MINUTE, 'alert.update', { alert: acked });
  sql.putAlert(siteId, acked, device.name);
  if (open) {
    entry(4, raisedAt + 3 * MINUTE, 'alert.update', {
      alert: { ...acked, updatedAt: raisedAt + 3 * MINUTE },
    });
  } else {
    entry(4, raisedAt + 20 * MINUTE, 'alert.clear', { alertId: alert.id });
    sql.clearAlert(siteId, alert.id, raisedAt + 20 * MINUTE);
  }
}

function rollups(sql: WriteStatements, device: number, start: number, perMinute: number): void {
  const siteId = siteIdOf(Math.floor(device / FILL_DEVICES));
  const deviceId = deviceIdOf(device % FILL_DEVICES);
  const count = perMinute * 6; // a sample every 10 s
  for (const metric of METRICS) {
    const base = metric === 'cpu' ? 20 + (device % 50) : 1 + (device % 9);
    const value = base + ((start / MINUTE) % 17);
    const rollup = { start, count, sum: value * count, min: base, max: value + 10 };
    sql.addRollup(perMinute === 1 ? 'minute' : 'hour', { siteId, deviceId, metric }, rollup);
  }
}
