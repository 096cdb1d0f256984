import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyncReply } from '../../shared/protocol/messages.js';
import { SimSite } from '../../simulator/site-server.js';
import type { SimSiteOptions } from '../../simulator/site-server.js';
import { FakeClock } from './fake-clock.js';
import { connectClient, connected, until } from './sim-client.js';
import type { DashboardSocket } from './sim-client.js';

/**
 * Simulated sites on a fake clock, the dashboard clients that talk to them and their temp
 * folders; `dispose()` (from the test file's afterEach) disconnects, stops and removes them all.
 */
export class SimSiteHarness {
  private readonly sites: SimSite[] = [];
  private readonly clients: DashboardSocket[] = [];
  private readonly dirs: string[] = [];

  /** A site on the fake clock: ticks happen only when a test advances it. */
  async startSite(over: Partial<SimSiteOptions> = {}) {
    const clock = new FakeClock();
    const site = new SimSite({
      siteId: 'site-01',
      name: 'Berlin office',
      customer: 'Acme Dental Group',
      timeZone: 'Europe/Berlin',
      token: 'test-token',
      devices: 30,
      scenario: 'flapping',
      seed: 'site-test',
      tickMs: 1000,
      heartbeatMs: 2000,
      clock,
      ...over,
    });
    this.sites.push(site);
    const url = await site.start();
    return { site, url, clock };
  }

  client(url: string, auth: Record<string, unknown> = {}) {
    const c = connectClient(url, auth);
    this.clients.push(c.socket);
    return c;
  }

  /** A client that has had its hello and its answer to `sync`. */
  async synced(
    url: string,
    request: { stream: string | null; after: number | null },
    auth: Record<string, unknown> = {},
  ) {
    const c = this.client(url, auth);
    await connected(c.socket);
    await until('hello', () => c.rec.hello.length === 1);
    const reply = SyncReply.parse(await c.socket.timeout(5000).emitWithAck('sync', request));
    return { ...c, reply };
  }

  /** A temp folder removed by `dispose()`. */
  tempDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  async dispose(): Promise<void> {
    for (const c of this.clients.splice(0)) c.disconnect();
    await Promise.all(this.sites.splice(0).map((s) => s.stop()));
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}

/** Advances the site `n` ticks and returns the seq it reached. */
export function ticks(site: SimSite, clock: FakeClock, n: number): number {
  for (let i = 0; i < n; i++) clock.advance(1000);
  return site.journal.lastSeq;
}
