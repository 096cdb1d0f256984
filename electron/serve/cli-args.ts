import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ConfigChoice } from '../hub/config/config-path.js';
import { viewerPolicyProblem } from './viewer-access.js';

/** `npm run serve -- …`: the flags, checked before anything starts. */

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
/** The build electron-vite writes, relative to this folder (electron/serve/). */
export const DEFAULT_RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');

export const USAGE = `Usage: npm run serve -- (--config FILE | --demo) [options]

Runs the hub without Electron and serves the wallboard to browsers (wall TVs).

  --config FILE        hub config, YAML or JSON (default: $NOC_CONFIG)
  --demo               run on the embedded simulated fleet; the board says "demo data"
  --port P             port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H             address to bind (default ${DEFAULT_HOST}); any other address
                       requires a viewer token
  --viewer-token T     token every viewer must present (default: $NOC_VIEWER_TOKEN),
                       at least 16 characters, e.g. from \`openssl rand -hex 16\`
  --data DIR           keep the store here: history, and the state the board shows at
                       start (default: $NOC_DATA; without either, nothing is kept)
  --renderer-dir DIR   the built page to serve (default: out/renderer)
  -h, --help           show this text

With a viewer token, open the board as http://HOST:PORT/?token=T. GET /healthz (JSON) and
GET /metrics (Prometheus) report every site's health; they need the token too
(Authorization: Bearer T or ?token=T).`;

export interface ServeArgs {
  /** The config to run, or null for the demo fleet. */
  readonly config: ConfigChoice | null;
  readonly host: string;
  readonly port: number;
  readonly viewerToken: string | null;
  readonly rendererDir: string;
  /** The data folder for the store, or null to keep everything in memory. */
  readonly dataDir: string | null;
}

export type ParsedServeArgs = { readonly help: true } | ({ readonly help: false } & ServeArgs);

/** A bad command line; `flag` is what the message names (the CLI exits 2). */
export class UsageError extends Error {
  constructor(
    readonly flag: string,
    detail: string,
  ) {
    super(`${flag}: ${detail}`);
    this.name = 'UsageError';
  }
}

export function parseServeArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedServeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        demo: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        'viewer-token': { type: 'string' },
        'renderer-dir': { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // parseArgs' own message already names the option ("Unknown option '--prot'").
    const message = error instanceof Error ? error.message.split('. ')[0] : String(error);
    throw new UsageError('arguments', message ?? 'cannot parse the command line');
  }
  if (values.help === true) return { help: true };

  const configFile = values.config ?? env.NOC_CONFIG;
  if (values.demo === true && values.config !== undefined) {
    throw new UsageError('--demo', 'give either --config FILE or --demo, not both');
  }
  if (values.demo !== true && (configFile === undefined || configFile === '')) {
    throw new UsageError(
      '--config',
      'give --config FILE (or set NOC_CONFIG), or --demo for the simulated fleet',
    );
  }
  const config = values.demo === true || configFile === undefined ? null : configFile;

  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new UsageError('--host', 'expected an address, got ""');
  const port = parsePort(values.port);
  // An empty variable counts as unset (an empty line in a service's environment file); an
  // empty flag is a mistake worth saying so.
  const fromEnv = values['viewer-token'] === undefined;
  const tokenFlag = fromEnv ? 'NOC_VIEWER_TOKEN' : '--viewer-token';
  const tokenText = fromEnv ? env.NOC_VIEWER_TOKEN || undefined : values['viewer-token'];
  if (tokenText === '') throw new UsageError(tokenFlag, 'the viewer token is empty');
  const viewerToken = tokenText ?? null;
  // Technicians' tokens are checked once the config is loaded (serve-host.ts).
  const problem = viewerPolicyProblem(host, { viewer: viewerToken, technicians: [] });
  if (problem !== null) throw new UsageError(viewerToken === null ? '--host' : tokenFlag, problem);

  const dataText = values.data ?? (env.NOC_DATA || undefined);
  if (dataText?.trim() === '') throw new UsageError('--data', 'expected a folder, got ""');
  return {
    help: false,
    dataDir: dataText === undefined ? null : resolve(dataText),
    config: config === null ? null : { file: resolve(config), explicit: true },
    host,
    port,
    viewerToken,
    rendererDir: resolve(values['renderer-dir'] ?? DEFAULT_RENDERER_DIR),
  };
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new UsageError('--port', `expected an integer from 0 to 65535, got "${text}"`);
  }
  return port;
}
