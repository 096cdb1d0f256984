import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface SimProcess {
  readonly child: ChildProcess;
  readonly urls: ReadonlyMap<string, string>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
}

/** Runs `npm run sim`'s CLI as a real child process and waits for its "ready" line. */
export async function startSimProcess(args: readonly string[]): Promise<SimProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'simulator/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const urls = new Map<string, string>();
  const lines = createInterface({ input: child.stdout });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`simulator did not get ready: ${stderr}`));
    }, 20_000);
    lines.on('line', (line) => {
      const match = /^(\S+) (http:\/\/127\.0\.0\.1:\d+)$/.exec(line.trim());
      if (match?.[1] && match[2]) urls.set(match[1], match[2]);
      if (line.trim() === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited (${code}) before ready: ${stderr}`));
    });
  });
  return { child, urls, exited };
}
