export { Hub, type HubDeps } from './hub.js';
export { ConfigError, loadHubConfig } from './config/load-config.js';
export type { HubOptions, SiteLinkConfig } from './config/hub-options.js';
export { FleetState, type SiteEntry } from './fleet/fleet-state.js';
export type { FleetChange, FleetChangeBatch } from './fleet/fleet-changes.js';
export { systemClock } from '../../shared/system-clock.js';
