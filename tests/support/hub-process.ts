import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A hub in a process of its own (tests/support/store-hub-process.ts), for tests that kill it. */
export interface HubProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** The exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  stderr(): string;
}

/**
 * Starts the hub process on a config and a data folder; each JSON line it prints goes to
 * `onLine`. The process is killed (SIGKILL) by `cleanup` if it is still running then.
 */
export function startHubProcess(
  config: string,
  dataDir: string,
  onLine: (message: unknown) => void,
  cleanup: (() => void)[],
): HubProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/support/store-hub-process.ts', config, dataDir],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  cleanup.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('{')) onLine(JSON.parse(line) as unknown);
  });
  return { child, exited, stderr: () => stderr };
}
