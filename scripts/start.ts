import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { constants } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_HOST, DEFAULT_PORT } from '../electron/serve/cli-args.js';
import {
  ELECTRON_INSTALL_COMMAND,
  electronPackageDir,
  findElectronBinary,
} from './electron-binary.js';

/**
 * `npm start` (after scripts/require-node.mjs): the desktop app when the Electron binary is on
 * disk, else the same hub and board in serve mode on 127.0.0.1 for a browser, so the README's
 * first command works on any machine. Fallback knobs: NOC_CONFIG (else the demo fleet),
 * NOC_SERVE_PORT (default 8080; a free port when that one is taken), NOC_RENDERER_DIR (a built
 * page to serve instead of building out/renderer first).
 */

const ROOT = resolve(import.meta.dirname, '..');
const ELECTRON_VITE = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

/** Runs a child to its end, passing stop signals on; resolves with the code to exit with. */
function runChild(args: readonly string[]): Promise<number> {
  // Its own process group on POSIX, so a terminal's Ctrl-C reaches it once (forwarded from
  // here), not twice: serve's CLI stops cleanly on the first signal only.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: 'inherit',
    detached: process.platform !== 'win32',
  });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const forward = (signal: NodeJS.Signals) => {
    child.kill(signal);
  };
  for (const signal of signals) process.on(signal, forward);
  return new Promise((done) => {
    child.once('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      // A child killed by a signal exits as a shell would report it (128 + its number).
      done(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
    });
    child.once('error', (error) => {
      for (const s of signals) process.off(s, forward);
      console.error(`start: ${error.message}`);
      done(1);
    });
  });
}

/** True when `port` can be bound on `host` right now. */
function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => {
      done(false);
    });
    probe.listen(port, host, () => {
      probe.close(() => {
        done(true);
      });
    });
  });
}

async function runInBrowser(why: string): Promise<number> {
  console.log(
    `The Electron binary is not installed (${why}), so the board runs in your browser ` +
      `instead: open the URL printed below; to get the desktop app, run ` +
      `\`${ELECTRON_INSTALL_COMMAND}\` with network access.`,
  );
  // Serve's CLI checks the value and names it when it is not a port.
  let port = process.env.NOC_SERVE_PORT || String(DEFAULT_PORT);
  const wanted = Number(port);
  if (Number.isInteger(wanted) && wanted > 0 && !(await portFree(DEFAULT_HOST, wanted))) {
    console.log(`start: port ${port} is in use, so the board takes a free port instead.`);
    port = '0';
  }
  let rendererDir = process.env.NOC_RENDERER_DIR;
  if (rendererDir === undefined || rendererDir === '') {
    // As `npm run serve` does: serve what the sources say now.
    const build = spawnSync(process.execPath, [ELECTRON_VITE, 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) return 1;
    rendererDir = join(ROOT, 'out', 'renderer');
  }
  const config = process.env.NOC_CONFIG ? [] : ['--demo']; // serve's CLI reads NOC_CONFIG itself
  return runChild([
    '--import',
    'tsx',
    join(ROOT, 'electron', 'serve', 'cli.ts'),
    ...config,
    '--port',
    port,
    '--renderer-dir',
    rendererDir,
  ]);
}

async function main(): Promise<number> {
  const binary = findElectronBinary(electronPackageDir(ROOT), process.env);
  if (!binary.present) return runInBrowser(binary.why);
  // The desktop app, as `npm start` always was; NOC_CONFIG reaches it through the environment.
  return runChild([ELECTRON_VITE, 'preview', ...process.argv.slice(2)]);
}

main().then(
  (code) => {
    process.exit(code);
  },
  (error: unknown) => {
    console.error('start: failed:', error);
    process.exit(1);
  },
);
