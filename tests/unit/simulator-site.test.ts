import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SiteEvent } from '../../shared/protocol/events.js';
import type { SiteEvent as SiteEventType } from '../../shared/protocol/events.js';
import type { Device } from '../../shared/protocol/device.js';
import {
  AckReply,
  EventBatch,
  Heartbeat,
  Hello,
  Refusal,
  Snapshot,
  SyncReply,
} from '../../shared/protocol/messages.js';
import { MALFORMED_KINDS } from '../../simulator/malformed.js';
import { SimSite } from '../../simulator/site-server.js';
import type { SimSiteOptions } from '../../simulator/site-server.js';
import { FakeClock } from '../support/fake-clock.js';
import { connectClient, connected, events, refused, until } from '../support/sim-client.js';
import type { DashboardSocket } from '../support/sim-client.js';

const sites: SimSite[] = [];
const clients: DashboardSocket[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await Promise.all(sites.splice(0).map((s) => s.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A site on the fake clock: ticks happen only when a test advances it. */
async function startSite(over: Partial<SimSiteOptions> = {}) {
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
  sites.push(site);
  const url = await site.start();
  return { site, url, clock };
}

function client(url: string, auth: Record<string, unknown> = {}) {
  const c = connectClient(url, auth);
  clients.push(c.socket);
  return c;
}

async function synced(
  url: string,
  request: { stream: string | null; after: number | null },
  auth: Record<string, unknown> = {},
) {
  const c = client(url, auth);
  await connected(c.socket);
  await until('hello', () => c.rec.hello.length === 1);
  const reply = SyncReply.parse(await c.socket.timeout(5000).emitWithAck('sync', request));
  return { ...c, reply };
}

/** Advances the site `n` ticks and returns the seq it reached. */
function ticks(site: SimSite, clock: FakeClock, n: number): number {
  for (let i = 0; i < n; i++) clock.advance(1000);
  return site.journal.lastSeq;
}

describe('SimSite handshake', () => {
  it('refuses a wrong token, another protocol major and an unparsable auth, with a Refusal', async () => {
    const { url } = await startSite();
    const badToken = await refused(client(url, { token: 'wrong' }).socket);
    expect(badToken.message).toBe('unauthorized');
    expect(Refusal.parse(badToken.data)).toEqual({
      code: 'bad-token',
      reason: 'the site rejected the token',
    });
    const future = await refused(client(url, { protocolVersion: '2.0' }).socket);
    expect(Refusal.parse(future.data)).toMatchObject({ code: 'unsupported-protocol' });
    expect(Refusal.parse(future.data).reason).toMatch(/2\.0.*1\.2/);
    const garbage = await refused(client(url, { client: 42 }).socket);
    expect(Refusal.parse(garbage.data)).toMatchObject({ code: 'bad-handshake' });
    expect(Refusal.parse(garbage.data).reason).toMatch(/client/);
  });

  it('says hello with its stream and sends no events before sync', async () => {
    const { site, url, clock } = await startSite({ protocolVersion: '2.0' });
    const { socket, rec } = client(url);
    await connected(socket);
    await until('hello', () => rec.hello.length === 1);
    expect(Hello.parse(rec.hello[0])).toEqual({
      siteId: 'site-01',
      name: 'Berlin office',
      customer: 'Acme Dental Group',
      timeZone: 'Europe/Berlin',
      protocolVersion: '2.0',
      agentVersion: expect.any(String) as string,
      stream: site.journal.stream,
    });
    ticks(site, clock, 10);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rec.batches).toEqual([]);
    expect(site.connectedClients).toBe(1);
    expect(site.liveSockets).toBe(0);
  });
});

describe('SimSite device tags (protocol 1.2)', () => {
  const tagsOf = (devices: readonly Device[], id: string) =>
    devices.find((device) => device.id === id)?.tags;

  it('sends tags to a 1.2 dashboard, and the same devices without them to a 1.1 one', async () => {
    const { site, url, clock } = await startSite();
    ticks(site, clock, 2);
    const now = await synced(url, { stream: null, after: null });
    const old = await synced(url, { stream: null, after: null }, { protocolVersion: '1.1' });
    const current = Snapshot.parse(now.rec.snapshots[0]).devices;
    const older = Snapshot.parse(old.rec.snapshots[0]).devices;
    expect(tagsOf(current, 'gw-1')).toEqual(['core']);
    expect(tagsOf(current, 'srv-001')).toEqual(['vip']);
    expect(older.filter((device) => device.tags !== undefined)).toEqual([]);
    expect(older.map((device) => device.id)).toEqual(current.map((device) => device.id));
    // A replay from the start (every device's first upsert) likewise.
    const stream = site.journal.stream;
    const replayNow = await synced(url, { stream, after: 0 });
    const replayOld = await synced(url, { stream, after: 0 }, { protocolVersion: '1.1' });
    const upserts = (rec: typeof now.rec) =>
      events(rec).flatMap((e) => (e.type === 'device.upsert' ? [e.device] : []));
    expect(tagsOf(upserts(replayNow.rec), 'gw-1')).toEqual(['core']);
    expect(upserts(replayOld.rec).filter((device) => device.tags !== undefined)).toEqual([]);
    expect(upserts(replayOld.rec).length).toBe(upserts(replayNow.rec).length);
  });

  it('sends none when the site itself claims 1.1', async () => {
    const { site, url, clock } = await startSite({ protocolVersion: '1.1' });
    ticks(site, clock, 1);
    const { rec } = await synced(url, { stream: null, after: null });
    const devices = Snapshot.parse(rec.snapshots[0]).devices;
    expect(devices.filter((device) => device.tags !== undefined)).toEqual([]);
  });
});

describe('SimSite sync', () => {
  it('answers sync with nulls by a valid snapshot, then streams live events from seq+1', async () => {
    const { site, url, clock } = await startSite();
    const before = ticks(site, clock, 3);
    const { rec, reply } = await synced(url, { stream: null, after: null });
    expect(reply).toEqual({ mode: 'snapshot', seq: before });
    const snapshot = Snapshot.parse(rec.snapshots[0]);
    expect(snapshot.seq).toBe(before);
    expect(snapshot.devices).toHaveLength(30);
    expect({ devices: snapshot.devices, alerts: snapshot.alerts }).toEqual({
      devices: site.groundTruth().devices,
      alerts: site.groundTruth().alerts,
    });

    const after = ticks(site, clock, 20);
    await until('live events', () => events(rec).at(-1)?.seq === after);
    for (const batch of rec.batches) EventBatch.parse(batch);
    expect(events(rec).map((e) => e.seq)).toEqual(
      Array.from({ length: after - before }, (_, i) => before + 1 + i),
    );
    expect(events(rec)).toEqual(site.sent.slice(before));
  });

  it('replays exactly k+1..n after a resume, then continues live', async () => {
    const { site, url, clock } = await startSite();
    const n = ticks(site, clock, 15);
    const k = Math.floor(n / 2);
    const { rec, reply } = await synced(url, { stream: site.journal.stream, after: k });
    expect(reply).toEqual({ mode: 'replay', replayed: n - k, seq: n });
    expect(rec.snapshots).toEqual([]);
    expect(events(rec).map((e) => e.seq)).toEqual(
      Array.from({ length: n - k }, (_, i) => k + 1 + i),
    );
    const m = ticks(site, clock, 5);
    await until('live after replay', () => events(rec).at(-1)?.seq === m);
    expect(events(rec).map((e) => e.seq)).toEqual(
      Array.from({ length: m - k }, (_, i) => k + 1 + i),
    );
  });

  it('falls back to a snapshot for another stream, and rejects an invalid sync', async () => {
    const { site, url } = await startSite();
    const other = await synced(url, { stream: 'some-other-stream', after: 3 });
    expect(other.reply).toEqual({ mode: 'snapshot', seq: site.journal.lastSeq });
    const bad = client(url);
    await connected(bad.socket);
    const reply = SyncReply.parse(
      await bad.socket.timeout(5000).emitWithAck('sync', { stream: null, after: -4 }),
    );
    expect(reply).toMatchObject({ mode: 'error' });
    expect(reply.mode === 'error' && reply.reason).toMatch(/after/);
  });

  it('sends a heartbeat with the latest seq when idle', async () => {
    const { site, url, clock } = await startSite({ tickMs: 3_600_000 });
    const { rec } = await synced(url, { stream: null, after: null });
    clock.advance(2000);
    await until('heartbeat', () => rec.heartbeats.length === 1);
    expect(Heartbeat.parse(rec.heartbeats[0])).toEqual({
      stream: site.journal.stream,
      seq: site.journal.lastSeq,
      at: clock.now(),
    });
  });
});

describe('SimSite acknowledgements', () => {
  it('confirms an ack, broadcasts the alert.update, and refuses an unknown alert', async () => {
    const { site, url, clock } = await startSite({ scenario: 'storm', stormAtTick: 1 });
    ticks(site, clock, 1);
    const alert = site.groundTruth().alerts[0];
    if (!alert) throw new Error('no alert open');
    const { socket, rec } = await synced(url, { stream: null, after: null });
    const request = { ackId: 'ack-1', alertId: alert.id, technician: 'Dana', comment: 'on it' };
    const reply = AckReply.parse(await socket.timeout(5000).emitWithAck('alert.ack', request));
    expect(reply).toEqual({ ok: true, ackId: 'ack-1' });
    await until('alert.update', () => events(rec).some((e) => e.type === 'alert.update'));
    const update = events(rec).find((e) => e.type === 'alert.update');
    expect(update?.type === 'alert.update' && update.alert.ack).toEqual({
      ackId: 'ack-1',
      technician: 'Dana',
      comment: 'on it',
      at: clock.now(),
      // Protocol 1.1: a request without them is sticky and never expires.
      sticky: true,
      expiresAt: null,
    });
    // A retry of the same ack is confirmed without a second update.
    const seq = site.journal.lastSeq;
    expect(await socket.timeout(5000).emitWithAck('alert.ack', request)).toEqual(reply);
    expect(site.journal.lastSeq).toBe(seq);

    const unknown = { ...request, ackId: 'ack-2', alertId: 'nope:ping:1' };
    expect(await socket.timeout(5000).emitWithAck('alert.ack', unknown)).toEqual({
      ok: false,
      ackId: 'ack-2',
      reason: 'no open alert nope:ping:1',
    });
    const invalid = AckReply.parse(
      await socket.timeout(5000).emitWithAck('alert.ack', { ...request, technician: '' }),
    );
    expect(invalid).toMatchObject({ ok: false, ackId: 'ack-1' });
  });
});

describe('SimSite scenarios and lifecycle', () => {
  it('goes silent (no events, no heartbeats, no answers) and catches up on waking', async () => {
    const { site, url, clock } = await startSite();
    const { socket, rec } = await synced(url, { stream: null, after: null });
    const from = site.journal.lastSeq;
    site.goSilent();
    const silentSeq = ticks(site, clock, 10);
    const pending = socket.timeout(5000).emitWithAck('sync', { stream: null, after: null });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rec.batches).toEqual([]);
    expect(rec.heartbeats).toEqual([]);
    expect(rec.snapshots).toHaveLength(1);
    site.wakeUp();
    expect(await pending).toEqual({ mode: 'snapshot', seq: silentSeq });
    await until('catch-up', () => events(rec).at(-1)?.seq === silentSeq);
    expect(events(rec).map((e) => e.seq)).toEqual(
      Array.from({ length: silentSeq - from }, (_, i) => from + 1 + i),
    );
  });

  it('schedules the outage (silent after outageAfterMs, awake after outageForMs) and restarts', async () => {
    const { site, url, clock } = await startSite({
      outageAfterMs: 5000,
      outageForMs: 3000,
      restartEveryMs: 20_000,
    });
    const { socket } = await synced(url, { stream: null, after: null });
    clock.advance(4999);
    expect(site.silent).toBe(false);
    clock.advance(1);
    expect(site.silent).toBe(true);
    clock.advance(3000);
    expect(site.silent).toBe(false);
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    clock.advance(12_000);
    await gone;
    await until('listening again', () => site.httpServer?.listening === true);
    expect(site.url).toBe(url);
  });

  it('restarts its sockets on the same port and keeps its journal', async () => {
    const { site, url, clock } = await startSite();
    const first = await synced(url, { stream: null, after: null });
    const stream = site.journal.stream;
    const seq = ticks(site, clock, 5);
    await until('live', () => events(first.rec).at(-1)?.seq === seq);
    const gone = new Promise((resolve) => first.socket.once('disconnect', resolve));
    await site.restartSockets();
    await gone;
    expect(site.url).toBe(url);
    ticks(site, clock, 5);
    const again = await synced(url, { stream, after: seq });
    expect(again.rec.hello[0]?.stream).toBe(stream);
    expect(again.reply).toEqual({
      mode: 'replay',
      replayed: site.journal.lastSeq - seq,
      seq: site.journal.lastSeq,
    });
  });

  it('continues stream and seq from its journal file after a stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-site-'));
    dirs.push(dir);
    const journalFile = join(dir, 'site-01.jsonl');
    const { site, clock } = await startSite({ journalFile });
    ticks(site, clock, 12);
    const truth = site.groundTruth();
    await site.stop();

    const { site: reborn, url } = await startSite({ journalFile });
    expect(reborn.groundTruth()).toEqual(truth);
    const { rec, reply } = await synced(url, { stream: truth.stream, after: truth.seq });
    expect(reply).toEqual({ mode: 'replay', replayed: 0, seq: truth.seq });
    expect(rec.hello[0]?.stream).toBe(truth.stream);
    let next: SiteEventType | undefined;
    for (let i = 0; i < 50 && !next; i++) next = reborn.tickNow()[0];
    expect(next?.seq).toBe(truth.seq + 1);
  });

  it('sends malformed frames that fail validation, without journaling them', async () => {
    const { site, url } = await startSite();
    const { rec } = await synced(url, { stream: null, after: null });
    const seq = site.journal.lastSeq;
    expect(site.sendMalformed(2 * MALFORMED_KINDS)).toBe(16);
    await until('malformed frames', () => rec.raw.length >= 16 + 2);
    const frames = rec.raw.slice(-16);
    for (const { event, payload } of frames) {
      const schema = event === 'events' ? EventBatch : event === 'snapshot' ? Snapshot : Heartbeat;
      expect(schema.safeParse(payload).success, `${event} ${JSON.stringify(payload)}`).toBe(false);
    }
    expect(new Set(frames.map((f) => f.event))).toEqual(
      new Set(['events', 'snapshot', 'heartbeat']),
    );
    expect(site.journal.lastSeq).toBe(seq);
    expect(site.sentFrames.malformed).toBe(16);
  });

  it('pushes a metric burst in contiguous, valid batches stamped with sub-ms emit times', async () => {
    const { site, url } = await startSite({ preciseTime: true, tickMs: 3_600_000 });
    const { rec } = await synced(url, { stream: null, after: null });
    const from = site.journal.lastSeq;
    expect(await site.pushMetricBurst(5000, 500)).toBe(5000);
    await until('burst', () => events(rec).length === 5000);
    const got = events(rec);
    expect(rec.batches).toHaveLength(10);
    expect(got.map((e) => e.seq)).toEqual(Array.from({ length: 5000 }, (_, i) => from + 1 + i));
    for (const e of got.slice(0, 50)) expect(SiteEvent.parse(e).type).toBe('metric.sample');
    expect(got.some((e) => !Number.isInteger(e.at))).toBe(true);
    // Epoch milliseconds (timeOrigin + now), not performance.now()'s count from process start.
    expect(got.at(-1)?.at).toBeGreaterThan(performance.timeOrigin);
  });

  it('stop() releases everything: not listening, no timers, clients cannot connect', async () => {
    const { site, url, clock } = await startSite({ scenario: 'restart', outageAfterMs: 60_000 });
    await synced(url, { stream: null, after: null });
    const http = site.httpServer;
    expect(http?.listening).toBe(true);
    await site.stop();
    expect(http?.listening).toBe(false);
    expect(site.httpServer).toBeNull();
    expect(site.pendingTimers).toBe(0);
    expect(clock.pendingCount).toBe(0);
    const late = client(url);
    await expect(connected(late.socket)).rejects.toThrow();
  });
});
