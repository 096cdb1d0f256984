import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../shared/clock.js';
import { Rng } from './rng.js';
import type { Scenario } from './scenarios.js';
import { SimSite } from './site-server.js';

/**
 * Many simulated sites at once, as an MSP's fleet looks: different customers, offices spread over
 * time zones (so business hours, and load, peak at different moments), one seed for all.
 */

const CUSTOMERS = [
  'Acme Dental Group',
  'Birchwood Legal LLP',
  'Northwind Logistics',
  'Harbor View Clinic',
  'Summit Engineering',
  'Bluebell Bakeries',
  'Crestline Accounting',
  'Evergreen Schools Trust',
  'Foxglove Architects',
  'Granite Property Management',
  'Lakeside Veterinary',
  'Meridian Insurance Brokers',
  'Oakridge Manufacturing',
  'Pinecone Media',
  'Quarry Hill Builders',
  'Riverbend Pharmacy',
  'Silverline Travel',
  'Tidewater Shipping',
  'Union Street Dental',
  'Willow & Co. Solicitors',
];

/** IANA zones with a city to name the office after. */
const OFFICES: readonly (readonly [zone: string, city: string])[] = [
  ['Europe/Berlin', 'Berlin'],
  ['Europe/London', 'London'],
  ['America/New_York', 'New York'],
  ['America/Chicago', 'Chicago'],
  ['America/Los_Angeles', 'Los Angeles'],
  ['Europe/Paris', 'Paris'],
  ['Asia/Tokyo', 'Tokyo'],
  ['Australia/Sydney', 'Sydney'],
  ['Asia/Kolkata', 'Pune'],
  ['America/Sao_Paulo', 'São Paulo'],
  ['Europe/Madrid', 'Madrid'],
  ['Asia/Singapore', 'Singapore'],
  ['Pacific/Auckland', 'Auckland'],
  ['America/Denver', 'Denver'],
  ['Africa/Johannesburg', 'Johannesburg'],
  ['Europe/Helsinki', 'Helsinki'],
];

export interface SimFleetOptions {
  readonly sites: number;
  readonly devices: number;
  readonly scenario: Scenario;
  readonly seed: string;
  /** First port; site i listens on port + i. 0 gives every site an ephemeral port. */
  readonly port: number;
  readonly token: string;
  readonly tickMs: number;
  /** One `<siteId>.jsonl` journal per site here, continued on the next start. */
  readonly journalDir?: string;
  readonly heartbeatMs?: number;
  /**
   * Keep every event in each site's `sent` (default false: a fleet runs for days, in the CLI or
   * as the app's demo, and `sent` is unbounded; tests that compare use SimSite directly).
   */
  readonly keepSent?: boolean;
  /** Events each site keeps in memory for replays (default 20 000: minutes of a busy site). */
  readonly journalCapacity?: number;
  readonly host?: string;
  readonly clock?: Clock;
}

export interface SimFleet {
  readonly sites: readonly SimSite[];
  readonly token: string;
  stop(): Promise<void>;
}

export interface FleetHubConfig {
  sites: { id: string; url: string; token: string; customer: string }[];
}

const pad = (n: number): string => String(n).padStart(2, '0');

export async function startSimFleet(options: SimFleetOptions): Promise<SimFleet> {
  const { sites: count, seed, port, journalDir } = options;
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`sites must be a positive integer, got ${String(count)}`);
  }
  if (journalDir !== undefined) mkdirSync(journalDir, { recursive: true });
  // Rotate the lists by the seed, so two fleets with different seeds do not look identical.
  const rng = new Rng(`fleet:${seed}`);
  const customerOffset = rng.int(0, CUSTOMERS.length - 1);
  const officeOffset = rng.int(0, OFFICES.length - 1);
  const sites = Array.from({ length: count }, (_, i) => {
    const siteId = `site-${pad(i + 1)}`;
    const customer = CUSTOMERS[(customerOffset + i) % CUSTOMERS.length] ?? 'Customer';
    const [timeZone, city] = OFFICES[(officeOffset + i) % OFFICES.length] ?? ['UTC', 'Head'];
    return new SimSite({
      siteId,
      name: `${city} office`,
      customer,
      timeZone,
      token: options.token,
      port: port === 0 ? 0 : port + i,
      devices: options.devices,
      scenario: options.scenario,
      seed: `${seed}:${siteId}`,
      tickMs: options.tickMs,
      keepSent: options.keepSent ?? false,
      journalCapacity: options.journalCapacity ?? 20_000,
      ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(journalDir === undefined ? {} : { journalFile: join(journalDir, `${siteId}.jsonl`) }),
    });
  });
  const results = await Promise.allSettled(sites.map((site) => site.start()));
  const stop = async (): Promise<void> => {
    await Promise.all(sites.map((site) => site.stop()));
  };
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    // Leave nothing listening behind a failed start (e.g. one port of the range was taken).
    await stop();
    throw failed.reason;
  }
  return { sites, token: options.token, stop };
}

/** The hub's config for this fleet (the `sites` list of its config file). */
export function fleetHubConfig(fleet: SimFleet): FleetHubConfig {
  return {
    sites: fleet.sites.map((site) => ({
      id: site.siteId,
      url: site.url,
      token: site.options.token,
      customer: site.options.customer,
    })),
  };
}
