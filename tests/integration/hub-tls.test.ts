import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/hub/hub.js';
import { SimSite } from '../../simulator/site-server.js';
import { recordingHub, stateOf, testHubOptions } from '../support/hub-harness.js';
import { waitFor } from '../support/wait.js';

/** A throwaway certificate for 127.0.0.1, signed by itself: the "private CA" of a site. */
function makeCertificate(): { key: string; cert: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'noc-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
        ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      ],
      { stdio: 'ignore' },
    );
  } catch {
    return null;
  }
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
  };
}

const tls = makeCertificate();
if (!tls)
  console.log(
    'hub-tls.test.ts skipped: the openssl command is not available to make a certificate',
  );

let site: SimSite | null = null;
let hub: Hub | null = null;
afterEach(async () => {
  hub?.dispose();
  hub = null;
  await site?.stop();
  site = null;
});

describe.skipIf(!tls)('TLS with a private CA', () => {
  async function tlsSite(): Promise<string> {
    site = new SimSite({
      siteId: 'tls',
      name: 'TLS site',
      customer: 'Secure Ltd',
      timeZone: 'UTC',
      token: 'tls-token',
      devices: 10,
      scenario: 'calm',
      seed: 'tls',
      tickMs: 100,
      heartbeatMs: 200,
      ...(tls ? { tls } : {}),
    });
    return site.start();
  }

  it('goes live when the config trusts the site CA', async () => {
    const url = await tlsSite();
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    hub = recordingHub(
      testHubOptions([{ id: 'tls', customer: 'S', url, token: 'tls-token', ca: tls?.cert ?? '' }]),
    ).hub;
    hub.start();
    await waitFor('live over TLS', () => stateOf(hub as Hub, 'tls')?.state === 'live');
    expect(hub.fleet.site('tls')?.model.devices.size).toBe(10);
  });

  it('refuses to talk to the site when its certificate is not trusted', async () => {
    const url = await tlsSite();
    hub = recordingHub(testHubOptions([{ id: 'tls', customer: 'S', url, token: 'tls-token' }])).hub;
    hub.start();
    const down = await waitFor('down', () => {
      const h = stateOf(hub as Hub, 'tls');
      return h?.state === 'down' ? h : null;
    });
    expect(down.reason).toMatch(/certificate/);
    expect(down.lastEventAt).toBeNull();
    expect(site?.connectedClients).toBe(0);
  });
});
