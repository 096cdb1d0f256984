import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError, parseCliArgs } from '../../simulator/cli.js';
import { fleetHubConfig, startSimFleet } from '../../simulator/fleet.js';
import type { SimFleet } from '../../simulator/fleet.js';

const fleets: SimFleet[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(fleets.splice(0).map((f) => f.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function errorOf(argv: string[]): string {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('sim CLI flags', () => {
  it('has the documented defaults', () => {
    expect(parseCliArgs([])).toEqual({
      port: 4700,
      sites: 3,
      devices: 50,
      scenario: 'calm',
      seed: 'demo',
      tickMs: 1000,
      heartbeatMs: 2000,
      token: 'demo-token',
      journalDir: null,
      writeConfig: null,
      help: false,
    });
    expect(
      parseCliArgs(['--port', '0', '--sites', '2', '--scenario', 'storm', '--tick-ms', '50']),
    ).toMatchObject({ port: 0, sites: 2, scenario: 'storm', tickMs: 50 });
  });

  it('names the flag in every error', () => {
    expect(errorOf(['--scenario', 'x'])).toBe(
      '--scenario: expected one of calm, storm, flapping, outage, restart; got "x"',
    );
    expect(errorOf(['--port', 'abc'])).toMatch(
      /^--port: expected an integer from 0 to 65535; got "abc"/,
    );
    expect(errorOf(['--port', '65535', '--sites', '3'])).toMatch(/^--port: /);
    expect(errorOf(['--sites', '0'])).toMatch(/^--sites: /);
    expect(errorOf(['--devices', '1.5'])).toMatch(/^--devices: /);
    expect(errorOf(['--tick-ms', '-5'])).toMatch(/--tick-ms/);
    expect(errorOf(['--heartbeat-ms', '5'])).toMatch(/^--heartbeat-ms: /);
    expect(errorOf(['--seed', ''])).toMatch(/^--seed: must not be empty/);
    expect(errorOf(['--token', ' '])).toMatch(/^--token: /);
    expect(errorOf(['--bogus'])).toMatch(/--bogus/);
    expect(errorOf(['--port'])).toMatch(/--port/);
    expect(errorOf(['stray'])).toMatch(/unexpected argument "stray"/);
  });
});

describe('startSimFleet', () => {
  it('starts N distinct sites and describes them as a hub config', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'sim-fleet-'));
    dirs.push(journalDir);
    const fleet = await startSimFleet({
      sites: 3,
      devices: 12,
      scenario: 'calm',
      seed: 'fleet',
      port: 0,
      token: 'fleet-token',
      tickMs: 60_000,
      journalDir,
    });
    fleets.push(fleet);
    expect(fleet.sites.map((s) => s.siteId)).toEqual(['site-01', 'site-02', 'site-03']);
    const zones = new Set(fleet.sites.map((s) => s.options.timeZone));
    const customers = new Set(fleet.sites.map((s) => s.options.customer));
    expect(zones.size).toBe(3);
    expect(customers.size).toBe(3);
    expect(new Set(fleet.sites.map((s) => s.options.seed)).size).toBe(3);
    expect(existsSync(join(journalDir, 'site-02.jsonl'))).toBe(true);

    const config = fleetHubConfig(fleet);
    expect(config.sites).toHaveLength(3);
    for (const [i, site] of config.sites.entries()) {
      expect(site).toEqual({
        id: `site-0${i + 1}`,
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) as string,
        token: 'fleet-token',
        customer: fleet.sites[i]?.options.customer,
      });
    }
    const servers = fleet.sites.map((s) => s.httpServer);
    await fleet.stop();
    expect(servers.every((s) => s?.listening === false)).toBe(true);
  });

  it('leaves nothing listening when one port of the range is taken', async () => {
    const first = await startSimFleet({
      sites: 1,
      devices: 5,
      scenario: 'calm',
      seed: 'a',
      port: 0,
      token: 't',
      tickMs: 60_000,
    });
    fleets.push(first);
    const taken = first.sites[0]?.port ?? 0;
    await expect(
      startSimFleet({
        sites: 2,
        devices: 5,
        scenario: 'calm',
        seed: 'b',
        port: taken - 1,
        token: 't',
        tickMs: 60_000,
      }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
