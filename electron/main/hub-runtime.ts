import { existsSync } from 'node:fs';
import { loadHubConfig } from '../hub/config/load-config.js';
import { DEFAULT_RECONNECT, type HubOptions } from '../hub/config/hub-options.js';
import { Hub } from '../hub/hub.js';
import type { ConfigChoice } from './config-path.js';
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
export async function startHubRuntime(config: ConfigChoice): Promise<HubRuntime> {
  if (config.explicit || existsSync(config.file)) {
    // A file the user named must load; errors name the file and the field.
    const hub = new Hub(await loadHubConfig(config.file));
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
