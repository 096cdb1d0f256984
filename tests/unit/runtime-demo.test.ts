import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubRuntime, type DemoSites } from '../../electron/hub/runtime.js';
import { FakeClock } from '../support/fake-clock.js';

/** A demo the test supplies instead of the simulator, recording what the runtime did with it. */
function fakeDemo() {
  const calls = { started: 0, stopped: 0 };
  const startDemo = (): Promise<DemoSites> => {
    calls.started++;
    return Promise.resolve({
      sites: [],
      stop: () => {
        calls.stopped++;
        return Promise.resolve();
      },
    });
  };
  return { calls, startDemo };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'noc-runtime-demo-'));
  dirs.push(dir);
  return dir;
}

describe('the demo fleet is the host’s choice', () => {
  it('starts the host’s demo when there is no config, and stops it on dispose', async () => {
    const { calls, startDemo } = fakeDemo();
    const file = join(tempDir(), 'config.yaml');
    const runtime = await startHubRuntime({
      config: { file, explicit: false },
      startDemo,
      clock: new FakeClock(),
    });
    expect(runtime.demo).toBe(true);
    expect(calls).toEqual({ started: 1, stopped: 0 });
    await runtime.dispose();
    expect(calls).toEqual({ started: 1, stopped: 1 });
  });

  it('never starts the demo when a config file exists', async () => {
    const { calls, startDemo } = fakeDemo();
    const file = join(tempDir(), 'config.yaml');
    writeFileSync(
      file,
      'sites:\n  - id: a\n    customer: A\n    url: http://127.0.0.1:9\n    token: t\n',
    );
    const runtime = await startHubRuntime({
      config: { file, explicit: false },
      startDemo,
      clock: new FakeClock(),
    });
    await runtime.dispose();
    expect(runtime.demo).toBe(false);
    expect(calls.started).toBe(0);
  });

  it('says so when there is neither a config nor a demo to run', async () => {
    const file = join(tempDir(), 'config.yaml');
    await expect(startHubRuntime({ config: { file, explicit: false } })).rejects.toThrow(
      `no config file at ${file}, and this host offers no demo fleet`,
    );
    await expect(startHubRuntime({ config: null })).rejects.toThrow(
      'no config file was given, and this host offers no demo fleet',
    );
  });
});
