import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startHubRuntime, type HubRuntime } from '../hub/runtime.js';
import { parseServeArgs, UsageError, USAGE } from './cli-args.js';
import { startServeHost, type ServeHost } from './serve-host.js';

/**
 * `npm run serve`: the hub in plain Node, the wallboard for browsers. Exit codes: 0 after a
 * clean stop (SIGINT/SIGTERM), 1 when the hub or the listener cannot start, 2 for a bad flag.
 */

async function main(): Promise<number> {
  let args;
  try {
    args = parseServeArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`serve: ${error.message}\nRun with --help for the options.`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (!existsSync(join(args.rendererDir, 'index.html'))) {
    console.warn(
      `serve: no build in ${args.rendererDir}: run \`npm run build\`; until then the page says so.`,
    );
  }

  let runtime: HubRuntime;
  try {
    // The hosts choose the demo; the simulator is loaded only when it runs.
    const startDemo = () => import('../../simulator/demo-fleet.js').then((m) => m.startDemoFleet());
    runtime = await startHubRuntime({ config: args.config, startDemo, dataDir: args.dataDir });
  } catch (error) {
    console.error(`serve: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  let host: ServeHost;
  try {
    host = await startServeHost({ ...args, runtime });
  } catch (error) {
    await runtime.dispose();
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? `port ${args.port} is already in use` : String(error);
    console.error(`serve: cannot listen on ${args.host}:${args.port}: ${why}`);
    return 1;
  }

  const what = runtime.demo
    ? 'the demo fleet (simulated sites)'
    : `${runtime.hub.options.sites.length} site(s) from ${args.config?.file ?? '?'}`;
  console.log(`NOC Wallboard: serving ${what}`);
  if (runtime.storeRecovered !== null) console.warn(`serve: ${runtime.storeRecovered}`);
  console.log(
    runtime.storeFile === null
      ? 'No --data folder: history is not kept, and a restart starts empty.'
      : `Store: ${runtime.storeFile}`,
  );
  console.log(host.url);
  if (args.viewerToken !== null) console.log('Open it with ?token=<viewer token> appended.');

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
  await runtime.dispose();
  console.log('serve: stopped');
  return 0;
}

main().then(
  (code) => {
    process.exit(code);
  },
  (error: unknown) => {
    console.error('serve: failed:', error);
    process.exit(1);
  },
);
