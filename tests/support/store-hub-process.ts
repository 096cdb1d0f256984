import { createInterface } from 'node:readline';
import { startHubRuntime } from '../../electron/hub/runtime.js';

/**
 * A hub in a process of its own, on a config and a data folder, for tests that kill it
 * (`kill -9`): prints "ready", then each site's state and applied seq, and the technicians'
 * actions and SLA incidents it holds, as one JSON line every 50 ms; a clean SIGTERM stops it
 * (exit 0). A line on stdin `{"ack":{"siteId":…,"alertId":…}}` acknowledges as technician "Kill
 * Test" and prints `{"requested":<action>}` (or `{"refused":<why>}`); `{"pause":{"id":…}}` pauses
 * an incident (waiting on vendor "Telekom", ticket TK-1) and `{"resume":{"id":…}}` resumes it.
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
  const actions = runtime.hub.fleet.sites().flatMap((site) => [...site.actions.values()]);
  const incidents = runtime.hub.incidents.list();
  console.log(JSON.stringify({ sites, store: runtime.hub.storeStats, actions, incidents }));
}, 50);
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line) as
    | { ack: { siteId: string; alertId: string } }
    | { pause: { id: string } }
    | { resume: { id: string } };
  if ('pause' in command || 'resume' in command) {
    try {
      const incident =
        'pause' in command
          ? runtime.hub.incidents.pause(
              command.pause.id,
              { reason: 'vendor', vendor: 'Telekom', reference: 'TK-1', comment: 'line fault' },
              'Kill Test',
            )
          : runtime.hub.incidents.resume(command.resume.id, 'Kill Test', 'line fixed');
      console.log(JSON.stringify({ incident }));
    } catch (error) {
      console.log(JSON.stringify({ refused: (error as Error).message }));
    }
    return;
  }
  const { ack } = command;
  try {
    const requested = runtime.hub.requestAction({
      ...ack,
      kind: 'ack',
      technician: 'Kill Test',
      comment: 'from the kill test',
      sticky: true,
      expiresAt: null,
    });
    console.log(JSON.stringify({ requested }));
  } catch (error) {
    console.log(JSON.stringify({ refused: (error as Error).message }));
  }
});
process.once('SIGTERM', () => {
  clearInterval(timer);
  void runtime.dispose().then(() => process.exit(0));
});
