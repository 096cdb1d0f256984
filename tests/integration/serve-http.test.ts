import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeHost } from '../../electron/serve/serve-host.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/serve/security-headers.js';
import { META_CONTENT_SECURITY_POLICY } from '../../shared/security/csp.js';
import { waitFor } from '../support/wait.js';
import {
  bridgeClient,
  bridgeConnected,
  startServeFixture,
  type ServeFixture,
} from './serve-fixture.js';
import { httpGet } from './serve-http-client.js';

let fx: ServeFixture;

beforeAll(async () => {
  fx = await startServeFixture({ sites: 2, devices: 20 });
  await waitFor('both sites live', () => fx.runtime.hub.health().every((h) => h.state === 'live'));
});

afterAll(async () => {
  await fx.close();
});

const directives = (policy: string) =>
  new Set(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter((d) => d !== ''),
  );

describe('serve: the page over HTTP', () => {
  it('answers / with index.html and the security headers', async () => {
    const page = await httpGet(fx.host.url, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>stub board</title>');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    // Cross-origin isolated: its own process, full-resolution timers (bench:render's frames).
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['cross-origin-embedder-policy']).toBe('require-corp');
    // No token configured: nothing to remember in a cookie.
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it("sends every directive of the page's own meta-tag policy, and connect-src 'self'", () => {
    // One policy (shared/security/csp.ts), sent as the header above; the meta tag the build
    // writes is checked in tests/unit/csp.test.ts.
    const sent = directives(CONTENT_SECURITY_POLICY);
    for (const directive of directives(META_CONTENT_SECURITY_POLICY))
      expect(sent).toContain(directive);
    expect(sent).toContain("connect-src 'self'");
    expect(sent).toContain("frame-ancestors 'none'");
  });

  it('serves assets with their content types; HEAD has no body; other methods get 405', async () => {
    const js = await httpGet(fx.host.url, '/assets/app.js');
    expect([js.status, js.headers['content-type']]).toEqual([
      200,
      'text/javascript; charset=utf-8',
    ]);
    expect(js.body).toContain('stub ran');
    const css = await httpGet(fx.host.url, '/assets/style.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await httpGet(fx.host.url, '/index.html', { method: 'HEAD' });
    const size = readFileSync(join(fx.rendererDir, 'index.html')).length;
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', `${size}`]);
    const post = await httpGet(fx.host.url, '/', { method: 'POST' });
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
    expect((await httpGet(fx.host.url, '/nope.js')).status).toBe(404);
    expect((await httpGet(fx.host.url, '/assets')).status).toBe(404);
  });

  it('refuses every path out of the renderer folder, encoded or through a symlink', async () => {
    symlinkSync(join(fx.dir, 'secret.txt'), join(fx.rendererDir, 'assets', 'link.txt'));
    const attempts = [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..\\secret.txt',
      `/${encodeURIComponent(join(fx.dir, 'secret.txt'))}`,
      '//etc/passwd',
      '/assets/link.txt',
      '/index.html%00.js',
      '/%E0%A4%A',
    ];
    for (const path of attempts) {
      const answer = await httpGet(fx.host.url, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('outside the renderer folder');
    }
  });

  it('says to run npm run build when the renderer has not been built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'noc-serve-nobuild-'));
    const host = await startServeHost({
      runtime: fx.runtime,
      host: '127.0.0.1',
      port: 0,
      viewerToken: null,
      rendererDir: join(empty, 'renderer'),
    });
    try {
      const page = await httpGet(host.url, '/');
      expect(page.status).toBe(503);
      expect(page.body).toContain('npm run build');
      expect(page.body).toContain(join(empty, 'renderer', 'index.html'));
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await host.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('without a token, answers only requests addressed to a loopback name (no DNS rebinding)', async () => {
    const port = new URL(fx.host.url).port;
    const rebound = await httpGet(fx.host.url, '/', { headers: { Host: `evil.example:${port}` } });
    expect(rebound.status).toBe(403);
    const foreign = await httpGet(fx.host.url, '/healthz', {
      headers: { Origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const local = await httpGet(fx.host.url, '/', { headers: { Host: `localhost:${port}` } });
    expect(local.status).toBe(200);
    // The bridge too: a foreign page's WebSocket (browsers always send its Origin) is refused.
    const hijack = bridgeClient(fx.host.url, {}, { Origin: 'https://evil.example' });
    try {
      await expect(bridgeConnected(hijack)).rejects.toThrow();
      expect(fx.runtime.publisher.subscriberCount).toBe(0);
    } finally {
      hijack.disconnect();
    }
    // So is another web app on this machine (a dev server on another localhost port).
    const neighbour = bridgeClient(fx.host.url, {}, { Origin: 'http://localhost:5173' });
    try {
      await expect(bridgeConnected(neighbour)).rejects.toThrow();
    } finally {
      neighbour.disconnect();
    }
    const own = bridgeClient(fx.host.url, {}, { Origin: `http://127.0.0.1:${port}` });
    try {
      await expect(bridgeConnected(own)).resolves.toBeUndefined();
    } finally {
      own.disconnect();
    }
  });
});

describe('serve: /healthz and /metrics', () => {
  it("/healthz reports each site's health as the hub has it", async () => {
    const answer = await httpGet(fx.host.url, '/healthz');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    const report = JSON.parse(answer.body) as {
      status: string;
      at: number;
      sites: Record<string, unknown>[];
      notifications: unknown;
    };
    const health = fx.runtime.hub.health();
    expect(report.status).toBe('ok');
    // What the notifier told and why it told nothing else, as the hub counts it.
    expect(report.notifications).toEqual({
      ...fx.runtime.hub.notifier.counts,
      pending: fx.runtime.hub.notifier.pending,
    });
    expect(Object.keys(report.notifications as object).sort()).toEqual([
      'pending',
      'refused',
      'told',
    ]);
    expect(report.sites.map((s) => s['id'])).toEqual(['site-1', 'site-2']);
    report.sites.forEach((site, i) => {
      const h = health[i];
      if (!h) throw new Error('hub has fewer sites');
      expect(site).toEqual({
        id: h.siteId,
        state: 'live',
        lastEventAgeMs: expect.any(Number) as unknown,
        lastMessageAgeMs: expect.any(Number) as unknown,
        // Taken a moment apart: the times and the seq may have moved on by a tick, never back.
        lastEventAt: expect.any(Number) as unknown,
        lastMessageAt: expect.any(Number) as unknown,
        lastSeq: expect.any(Number) as unknown,
        badPayloads: h.badPayloads,
        lastBadPayload: h.lastBadPayload,
        duplicates: h.duplicates,
        futureTimestamps: 0,
        clockAheadSince: null,
        reconnects: h.reconnects,
        resyncs: h.resyncs,
        reason: null,
        degraded: null,
        droppedOverBudget: 0,
        unknownDeviceEvents: h.unknownDeviceEvents,
        unknownAlertEvents: h.unknownAlertEvents,
        idConflicts: 0,
        ackMismatches: 0,
      });
      expect(site['lastSeq']).toBeLessThanOrEqual(h.lastSeq ?? 0);
      expect(site['lastSeq']).toBeGreaterThan(0);
      // The age is computed when /healthz answers, the state at the watchdog's last run, so no
      // bound ties them here; the thresholds are tested on a fake clock (hub-clock, link-status).
      expect(typeof site['lastEventAgeMs']).toBe('number');
      expect(site['lastEventAgeMs']).toBeGreaterThanOrEqual(0);
    });
  });

  it('/metrics has the per-site series in Prometheus text format', async () => {
    fx.sites[0]?.sendMalformed(3);
    await waitFor('3 bad payloads', () => fx.runtime.hub.health()[0]?.badPayloads === 3);
    const answer = await httpGet(fx.host.url, '/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = answer.body;
    expect(text).toContain('# TYPE noc_site_up gauge');
    expect(text).toContain('noc_site_up{site="site-1"} 1');
    expect(text).toContain('noc_site_up{site="site-2"} 1');
    expect(text).toContain('noc_site_state{site="site-1",state="live"} 1');
    expect(text).toContain('noc_site_state{site="site-1",state="down"} 0');
    // Running counts are counters, so Prometheus' rate() and reset detection apply to them.
    expect(text).toContain('# TYPE noc_site_bad_payloads_total counter');
    expect(text).toContain('# TYPE noc_site_reconnects_total counter');
    expect(text).toContain('noc_site_bad_payloads_total{site="site-1"} 3');
    expect(text).toContain('noc_site_bad_payloads_total{site="site-2"} 0');
    expect(text).toContain('noc_site_reconnects_total{site="site-1"} 0');
    expect(text).toContain('noc_site_resyncs_total{site="site-2"} 0');
    expect(text).toContain('noc_site_degraded{site="site-1"} 0');
    expect(text).toContain('# TYPE noc_site_dropped_over_budget_total counter');
    expect(text).toContain('noc_site_unknown_device_events_total{site="site-2"} 0');
    expect(text).toContain('noc_site_clock_ahead{site="site-1"} 0');
    expect(text).toContain('noc_site_id_conflicts_total{site="site-1"} 0');
    // Every site that has sent data has an age, in seconds (its bound is the hub's business).
    const age = /noc_site_last_event_age_seconds\{site="site-2"\} (\S+)/.exec(text)?.[1];
    expect(Number.isFinite(Number(age))).toBe(true);
    expect(Number(age)).toBeGreaterThanOrEqual(0);
    // And the age of its last message of any kind, applied or not.
    const messageAge = /noc_site_last_message_age_seconds\{site="site-2"\} (\S+)/.exec(text)?.[1];
    expect(Number(messageAge)).toBeGreaterThanOrEqual(0);
    const seq = Number(/noc_site_last_seq\{site="site-1"\} (\d+)/.exec(text)?.[1]);
    expect(seq).toBeGreaterThan(0);
    expect(seq).toBeLessThanOrEqual(fx.runtime.hub.health()[0]?.lastSeq ?? 0);
  });

  it('/metrics follows a site going stale and down (read at scrape time)', async () => {
    await fx.sites[1]?.stop();
    await waitFor('site-2 down', () => fx.runtime.hub.health()[1]?.state === 'down', 20_000);
    const text = (await httpGet(fx.host.url, '/metrics')).body;
    expect(text).toContain('noc_site_up{site="site-2"} 0');
    expect(text).toContain('noc_site_state{site="site-2",state="down"} 1');
    expect(text).toContain('noc_site_up{site="site-1"} 1');
    const age = Number(/noc_site_last_event_age_seconds\{site="site-2"\} (\S+)/.exec(text)?.[1]);
    expect(age * 1000).toBeGreaterThanOrEqual(fx.runtime.hub.options.downAfterMs);
    const health = JSON.parse((await httpGet(fx.host.url, '/healthz')).body) as {
      sites: { id: string; state: string; reason: string | null }[];
    };
    expect(health.sites[1]).toMatchObject({ id: 'site-2', state: 'down' });
    expect(health.sites[1]?.reason).toEqual(expect.any(String));
  });
});
