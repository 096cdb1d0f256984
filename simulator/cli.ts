import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Document } from 'yaml';
import { CliError, USAGE, parseCliArgs } from './cli-args.js';
import { fleetHubConfig, startSimFleet } from './fleet.js';

/**
 * `npm run sim`: starts a fleet of simulated sites on 127.0.0.1, prints `site-01 http://…` per
 * site and then "ready" (scripts wait for that line), and stops cleanly on SIGINT/SIGTERM.
 */

export { CliError, parseCliArgs } from './cli-args.js';

export async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`sim: ${error.message}\nRun with --help for the flags.\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const fleet = await startSimFleet({
    sites: options.sites,
    devices: options.devices,
    scenario: options.scenario,
    seed: options.seed,
    port: options.port,
    token: options.token,
    tickMs: options.tickMs,
    heartbeatMs: options.heartbeatMs,
    ...(options.journalDir === null ? {} : { journalDir: options.journalDir }),
  });
  // Register before "ready", so a signal sent right after it is never missed.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  for (const site of fleet.sites) process.stdout.write(`${site.siteId} ${site.url}\n`);
  if (options.writeConfig !== null) {
    const doc = new Document(fleetHubConfig(fleet));
    doc.commentBefore = ` Hub config for the simulated fleet (npm run sim, seed "${options.seed}").`;
    writeFileSync(options.writeConfig, String(doc));
    process.stdout.write(`config written to ${options.writeConfig}\n`);
  }
  process.stdout.write('ready\n');
  await stopped;
  await fleet.stop();
  return 0;
}

// Run only as the entry point (tsx simulator/cli.ts), never when a test imports the parser.
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`sim: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
