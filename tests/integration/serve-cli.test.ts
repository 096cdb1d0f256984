import { DEMO_SITES } from '../../simulator/demo-fleet.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_RENDERER_DIR,
  parseServeArgs,
  USAGE,
  UsageError,
} from '../../electron/serve/cli-args.js';
import { stubRenderer, VIEWER_TOKEN } from './serve-fixture.js';
import { httpGet } from './serve-http-client.js';

const root = resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function usageError(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseServeArgs(argv, env);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('serve command line', () => {
  it('defaults to 127.0.0.1:8080 and out/renderer; takes the config from NOC_CONFIG too', () => {
    expect(parseServeArgs(['--demo'], {})).toEqual({
      help: false,
      config: null,
      host: '127.0.0.1',
      port: 8080,
      viewerToken: null,
      rendererDir: DEFAULT_RENDERER_DIR,
      dataDir: null,
    });
    expect(parseServeArgs(['--demo', '--data', 'var/noc'], {})).toMatchObject({
      dataDir: resolve('var/noc'),
    });
    expect(parseServeArgs(['--demo'], { NOC_DATA: '/srv/noc' })).toMatchObject({
      dataDir: '/srv/noc',
    });
    expect(DEFAULT_RENDERER_DIR).toBe(join(root, 'out', 'renderer'));
    expect(parseServeArgs([], { NOC_CONFIG: 'hub.yaml' })).toMatchObject({
      config: { file: resolve('hub.yaml'), explicit: true },
    });
    expect(
      parseServeArgs(['--config', 'a.yaml', '--host', '0.0.0.0', '--port', '0'], {
        NOC_VIEWER_TOKEN: VIEWER_TOKEN,
      }),
    ).toMatchObject({ host: '0.0.0.0', port: 0, viewerToken: VIEWER_TOKEN });
    expect(parseServeArgs(['--help'], {})).toEqual({ help: true });
    expect(USAGE).toContain('--viewer-token T');
  });

  it('names the flag in every error', () => {
    expect(usageError([])).toMatch(/^--config: give --config FILE/);
    expect(usageError(['--demo', '--config', 'x.yaml'])).toMatch(/^--demo: give either/);
    expect(usageError(['--demo', '--port', 'http'])).toBe(
      '--port: expected an integer from 0 to 65535, got "http"',
    );
    expect(usageError(['--demo', '--port', '70000'])).toMatch(/^--port: /);
    expect(usageError(['--demo', '--host', '0.0.0.0'])).toMatch(
      /^--host: 0\.0\.0\.0 is reachable from other machines/,
    );
    expect(usageError(['--demo', '--viewer-token', 'short'])).toMatch(/^--viewer-token: .*short/);
    expect(usageError(['--demo', '--viewer-token', ''])).toMatch(/^--viewer-token: .*empty/);
    expect(usageError(['--demo'], { NOC_VIEWER_TOKEN: 'short' })).toMatch(/^NOC_VIEWER_TOKEN: /);
    // An empty variable is no token at all (fine on loopback).
    expect(parseServeArgs(['--demo'], { NOC_VIEWER_TOKEN: '' })).toMatchObject({
      viewerToken: null,
    });
    expect(usageError(['--demo', '--data', ' '])).toBe('--data: expected a folder, got ""');
    expect(usageError(['--demo', '--prot', '1'])).toMatch(/^arguments: Unknown option '--prot'/);
    expect(usageError(['--demo', 'extra'])).toMatch(/^arguments: /);
  });
});

/** Runs the CLI as `npm run serve` does after its build step. */
function runCli(args: readonly string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/serve/cli.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NOC_CONFIG: '', NOC_VIEWER_TOKEN: '', NOC_DATA: '' },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('serve process', () => {
  it('prints the URL, serves the demo fleet, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'noc-serve-cli-'));
    dirs.push(dir);
    const cli = runCli(['--demo', '--port', '0', '--renderer-dir', stubRenderer(dir)]);
    const url = await new Promise<string>((done, fail) => {
      createInterface({ input: cli.child.stdout }).on('line', (line) => {
        if (/^http:\/\/127\.0\.0\.1:\d+\/$/.test(line)) done(line);
      });
      void cli.exited.then((code) => {
        fail(new Error(`serve exited (${code}) before printing its URL: ${cli.err()}`));
      });
    });
    expect(cli.out()).toContain('NOC Wallboard: serving the demo fleet');
    expect((await httpGet(url, '/')).status).toBe(200);
    const health = JSON.parse((await httpGet(url, '/healthz')).body) as { sites: unknown[] };
    expect(health.sites).toHaveLength(DEMO_SITES);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.out()).toContain('serve: stopped');
    await expect(httpGet(url, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('exits 2 for a bad flag and 1 for a config that does not load, saying why', async () => {
    const bad = runCli(['--demo', '--port', 'x']);
    expect(await bad.exited).toBe(2);
    expect(bad.err()).toContain('serve: --port: expected an integer from 0 to 65535, got "x"');
    const missing = join(tmpdir(), 'noc-serve-no-such-config.yaml');
    const noConfig = runCli(['--config', missing, '--port', '0']);
    expect(await noConfig.exited).toBe(1);
    expect(noConfig.err()).toContain(`serve: ${missing}: cannot read the file (ENOENT)`);
  });
});
