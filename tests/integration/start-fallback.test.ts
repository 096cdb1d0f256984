import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_SITES } from '../../simulator/demo-fleet.js';
import { stubRenderer } from './serve-fixture.js';
import { httpGet } from './serve-http-client.js';

/**
 * `npm start` where the Electron binary is missing (ELECTRON_OVERRIDE_DIST_PATH, which the
 * electron package honours too, points at an empty folder): one sentence, then the demo fleet in
 * serve mode on 127.0.0.1, answering /healthz until it is stopped.
 */

const root = resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm start without the Electron binary', () => {
  it('says so, serves the demo fleet in the browser, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'noc-start-'));
    dirs.push(dir);
    const noElectron = join(dir, 'no-electron');
    mkdirSync(noElectron);
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ELECTRON_OVERRIDE_DIST_PATH: noElectron,
        NOC_SERVE_PORT: '0',
        NOC_RENDERER_DIR: stubRenderer(dir),
        NOC_CONFIG: '',
        NOC_VIEWER_TOKEN: '',
      },
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    const url = await new Promise<string>((done, fail) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (/^http:\/\/127\.0\.0\.1:\d+\/$/.test(line)) done(line);
      });
      void exited.then((code) => {
        fail(new Error(`start exited (${code}) before printing a URL: ${stdout}${stderr}`));
      });
    });

    const first = stdout.split('\n')[0] ?? '';
    expect(first).toMatch(
      /^The Electron binary is not installed \(.*no-electron.*\), so the board/,
    );
    expect(first).toContain('runs in your browser');
    expect(first).toContain('`node node_modules/electron/install.js`');
    expect(stdout).toContain('NOC Wallboard: serving the demo fleet');
    const health = await httpGet(url, '/healthz');
    expect(health.status).toBe(200);
    const body = JSON.parse(health.body) as { sites: unknown[] };
    expect(body.sites).toHaveLength(DEMO_SITES);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('serve: stopped');
    await expect(httpGet(url, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
  });
});
