import { startHubRuntime } from '../../electron/hub/runtime.js';

/**
 * A hub in a process of its own, on a config and a data folder, for tests that kill it
 * (`kill -9`): prints "ready", then each site's state and applied seq as one JSON line every
 * 50 ms; a clean SIGTERM stops it (exit 0).
 */
const [configFile, dataDir] = process.argv.slice(2);
if (configFile === undefined || dataDir === undefined) {
  console.error('usage: store-hub-process CONFIG DATA_DIR');
  process.exit(2);
}
const runtime = await startHubRuntime({ config: { file: configFile, explicit: true }, dataDir });
console.log('ready');
const timer = setInterval(() => {
  const sites = runtime.hub.health().map((h) => ({ id: h.siteId, state: h.state, seq: h.lastSeq }));
  console.log(JSON.stringify({ sites, store: runtime.hub.storeStats }));
}, 50);
process.once('SIGTERM', () => {
  clearInterval(timer);
  void runtime.dispose().then(() => process.exit(0));
});
