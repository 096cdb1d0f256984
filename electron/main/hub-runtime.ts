import { existsSync } from 'node:fs';
import { loadHubConfig } from '../hub/config/load-config.js';
import { DEFAULT_RECONNECT, type HubOptions } from '../hub/config/hub-options.js';
import { Hub } from '../hub/hub.js';
import { fleetHubConfig, startSimFleet } from '../../simulator/fleet.js';

export interface HubRuntime {
  readonly hub: Hub;
  readonly demo: boolean;
  dispose(): Promise<void>;
}

/**
 * Starts the hub on the user's config; with none, on an embedded demo fleet of simulated sites
 * (the window says so), so a first start shows something real.
 */
export async function startHubRuntime(configFile: string | null): Promise<HubRuntime> {
  if (configFile && existsSync(configFile)) {
    const hub = new Hub(await loadHubConfig(configFile));
    hub.start();
    return {
      hub,
      demo: false,
      dispose: () => {
        hub.dispose();
        return Promise.resolve();
      },
    };
  }
  const fleet = await startSimFleet({
    sites: 4,
    devices: 60,
    scenario: 'calm',
    seed: 'demo',
    port: 0,
    token: 'demo-token',
    tickMs: 1000,
  });
  const options: HubOptions = {
    staleAfterMs: 10_000,
    downAfterMs: 30_000,
    reconnect: DEFAULT_RECONNECT,
    sites: fleetHubConfig(fleet).sites,
  };
  const hub = new Hub(options);
  hub.start();
  return {
    hub,
    demo: true,
    dispose: async () => {
      hub.dispose();
      await fleet.stop();
    },
  };
}
