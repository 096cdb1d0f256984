import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../electron/hub/config/load-config.js';
import { startHubRuntime } from '../../electron/hub/runtime.js';
import { DEMO_DEVICES, DEMO_SITES, startDemoFleet } from '../../simulator/demo-fleet.js';
import { waitFor } from '../support/wait.js';

describe("the app's hub runtime (what npm start runs, without the window)", () => {
  it('runs the embedded demo fleet when no config exists, and stops it all on dispose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'noc-runtime-'));
    const runtime = await startHubRuntime({
      config: { file: join(dir, 'config.yaml'), explicit: false },
      startDemo: startDemoFleet,
    });
    try {
      expect(runtime.demo).toBe(true);
      await waitFor('every demo site live', () =>
        runtime.hub.health().every((h) => h.state === 'live'),
      );
      expect(runtime.hub.health()).toHaveLength(DEMO_SITES);
      expect(runtime.hub.fleet.sites().every((s) => s.model.devices.size === DEMO_DEVICES)).toBe(
        true,
      );
    } finally {
      await runtime.dispose();
    }
    expect(runtime.hub.openResources).toBe(0);
    expect(runtime.publisher.hasTimer).toBe(false);
  });

  it('refuses to fall back to the demo when the named config is missing', async () => {
    const file = join(tmpdir(), 'noc-no-such-config.yaml');
    const start = startHubRuntime({ config: { file, explicit: true } });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(`${file}: cannot read the file (ENOENT)`);
  });
});
