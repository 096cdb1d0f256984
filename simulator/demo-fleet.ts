import { fleetHubConfig, startSimFleet, type SimFleetOptions } from './fleet.js';

/**
 * The app's embedded demo: enough simulated sites and devices to show what a real wall looks
 * like. The hosts (the Electron app and `serve`) load this module lazily, only when there is no
 * config, so the simulator is never part of a hub that watches real sites.
 */

export const DEMO_SITES = 6;
export const DEMO_DEVICES = 80;

export interface DemoFleet {
  /** The hub's site list for the running fleet. */
  readonly sites: readonly { id: string; url: string; token: string; customer: string }[];
  stop(): Promise<void>;
}

/** The demo's simulated fleet, for anything that must show the same sites (the README picture). */
export const DEMO_FLEET_OPTIONS: SimFleetOptions = {
  sites: DEMO_SITES,
  devices: DEMO_DEVICES,
  scenario: 'flapping',
  seed: 'demo',
  port: 0,
  token: 'demo-token',
  tickMs: 1000,
};

export async function startDemoFleet(): Promise<DemoFleet> {
  const fleet = await startSimFleet(DEMO_FLEET_OPTIONS);
  return { sites: fleetHubConfig(fleet).sites, stop: () => fleet.stop() };
}
