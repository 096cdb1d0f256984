import { parseArgs } from 'node:util';
import { SCENARIOS } from './scenarios.js';
import type { Scenario } from './scenarios.js';

/** Flags of `npm run sim`, checked before anything starts so a typo never half-starts a fleet. */

export interface CliOptions {
  readonly port: number;
  readonly sites: number;
  readonly devices: number;
  readonly scenario: Scenario;
  readonly seed: string;
  readonly tickMs: number;
  readonly heartbeatMs: number;
  readonly token: string;
  readonly journalDir: string | null;
  readonly writeConfig: string | null;
  readonly help: boolean;
}

/** A usage mistake; the message names the flag. The CLI prints it and exits with status 2. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

export const USAGE = `usage: npm run sim -- [options]
  --port P            first port; sites listen on P, P+1, … (0: ephemeral ports)   [4700]
  --sites N           number of sites                                              [3]
  --devices M         devices per site                                             [50]
  --scenario S        ${SCENARIOS.join(', ').padEnd(61)}[calm]
  --seed X            seed; the same seed replays the same events                  [demo]
  --tick-ms T         simulation step in milliseconds                              [1000]
  --heartbeat-ms H    heartbeat after H ms without events                          [2000]
  --token T           token the dashboard must present                             [demo-token]
  --journal-dir D     keep a journal per site in D and continue it on restart
  --write-config F    write a hub config (YAML) for these sites to F
  --help              show this help`;

const FLAGS = {
  port: { type: 'string', default: '4700' },
  sites: { type: 'string', default: '3' },
  devices: { type: 'string', default: '50' },
  scenario: { type: 'string', default: 'calm' },
  seed: { type: 'string', default: 'demo' },
  'tick-ms': { type: 'string', default: '1000' },
  'heartbeat-ms': { type: 'string', default: '2000' },
  token: { type: 'string', default: 'demo-token' },
  'journal-dir': { type: 'string' },
  'write-config': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function integer(flag: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new CliError(`--${flag}: expected an integer from ${min} to ${max}; got "${text}"`);
  }
  return value;
}

function nonEmpty(flag: string, text: string): string {
  if (text.trim() === '') throw new CliError(`--${flag}: must not be empty`);
  return text;
}

function isScenario(text: string): text is Scenario {
  return (SCENARIOS as readonly string[]).includes(text);
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: true });
  } catch (error) {
    // parseArgs already names the flag ("Unknown option '--x'"); keep its words, change the type.
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const extra = positionals[0];
  if (extra !== undefined)
    throw new CliError(`unexpected argument "${extra}" (flags start with --)`);

  const scenario = values.scenario;
  if (!isScenario(scenario)) {
    throw new CliError(`--scenario: expected one of ${SCENARIOS.join(', ')}; got "${scenario}"`);
  }
  const sites = integer('sites', values.sites, 1, 500);
  const port = integer('port', values.port, 0, 65_535);
  if (port > 0 && port + sites - 1 > 65_535) {
    throw new CliError(`--port: ${port} leaves no room for ${sites} sites below 65535`);
  }
  const journalDir = values['journal-dir'];
  const writeConfig = values['write-config'];
  return {
    port,
    sites,
    devices: integer('devices', values.devices, 1, 20_000),
    scenario,
    seed: nonEmpty('seed', values.seed),
    tickMs: integer('tick-ms', values['tick-ms'], 10, 3_600_000),
    heartbeatMs: integer('heartbeat-ms', values['heartbeat-ms'], 10, 600_000),
    token: nonEmpty('token', values.token),
    journalDir: journalDir === undefined ? null : nonEmpty('journal-dir', journalDir),
    writeConfig: writeConfig === undefined ? null : nonEmpty('write-config', writeConfig),
    help: values.help,
  };
}
