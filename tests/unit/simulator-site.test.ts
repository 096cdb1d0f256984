import { afterEach, describe, expect, it } from 'vitest';
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
import { connected, events, refused, until } from '../support/sim-client.js';
import { SimSiteHarness, ticks } from '../support/sim-site-harness.js';

/** The simulated site's protocol: handshake, tags, sync and replay, acknowledgements. */

const sim = new SimSiteHarness();
afterEach(() => sim.dispose());

describe('SimSite handshake', () => {
  it('refuses a wrong token, another protocol major and an unparsable auth, with a Refusal', async () => {
    const { url } = await sim.startSite();
    const badToken = await refused(sim.client(url, { token: 'wrong' }).socket);
    expect(badToken.message).toBe('unauthorized');
    expect(Refusal.parse(badToken.data)).toEqual({
      code: 'bad-token',
      reason: 'the site rejected the token',
    });
    const future = await refused(sim.client(url, { protocolVersion: '2.0' }).socket);
    expect(Refusal.parse(future.data)).toMatchObject({ code: 'unsupported-protocol' });
    expect(Refusal.parse(future.data).reason).toMatch(/2\.0.*1\.2/);
    const garbage = await refused(sim.client(url, { client: 42 }).socket);
    expect(Refusal.parse(garbage.data)).toMatchObject({ code: 'bad-handshake' });
    expect(Refusal.parse(garbage.data).reason).toMatch(/client/);
  });

  it('says hello with its stream and sends no events before sync', async () => {
    const { site, url, clock } = await sim.startSite({ protocolVersion: '2.0' });
    const { socket, rec } = sim.client(url);
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
    const { site, url, clock } = await sim.startSite();
    ticks(site, clock, 2);
    const now = await sim.synced(url, { stream: null, after: null });
    const old = await sim.synced(url, { stream: null, after: null }, { protocolVersion: '1.1' });
    const current = Snapshot.parse(now.rec.snapshots[0]).devices;
    const older = Snapshot.parse(old.rec.snapshots[0]).devices;
    expect(tagsOf(current, 'gw-1')).toEqual(['core']);
    expect(tagsOf(current, 'srv-001')).toEqual(['vip']);
    expect(older.filter((device) => device.tags !== undefined)).toEqual([]);
    expect(older.map((device) => device.id)).toEqual(current.map((device) => device.id));
    // A replay from the start (every device's first upsert) likewise.
    const stream = site.journal.stream;
    const replayNow = await sim.synced(url, { stream, after: 0 });
    const replayOld = await sim.synced(url, { stream, after: 0 }, { protocolVersion: '1.1' });
    const upserts = (rec: typeof now.rec) =>
      events(rec).flatMap((e) => (e.type === 'device.upsert' ? [e.device] : []));
    expect(tagsOf(upserts(replayNow.rec), 'gw-1')).toEqual(['core']);
    expect(upserts(replayOld.rec).filter((device) => device.tags !== undefined)).toEqual([]);
    expect(upserts(replayOld.rec).length).toBe(upserts(replayNow.rec).length);
  });

  it('sends none when the site itself claims 1.1', async () => {
    const { site, url, clock } = await sim.startSite({ protocolVersion: '1.1' });
    ticks(site, clock, 1);
    const { rec } = await sim.synced(url, { stream: null, after: null });
    const devices = Snapshot.parse(rec.snapshots[0]).devices;
    expect(devices.filter((device) => device.tags !== undefined)).toEqual([]);
  });
});

describe('SimSite sync', () => {
  it('answers sync with nulls by a valid snapshot, then streams live events from seq+1', async () => {
    const { site, url, clock } = await sim.startSite();
    const before = ticks(site, clock, 3);
    const { rec, reply } = await sim.synced(url, { stream: null, after: null });
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
    const { site, url, clock } = await sim.startSite();
    const n = ticks(site, clock, 15);
    const k = Math.floor(n / 2);
    const { rec, reply } = await sim.synced(url, { stream: site.journal.stream, after: k });
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
    const { site, url } = await sim.startSite();
    const other = await sim.synced(url, { stream: 'some-other-stream', after: 3 });
    expect(other.reply).toEqual({ mode: 'snapshot', seq: site.journal.lastSeq });
    const bad = sim.client(url);
    await connected(bad.socket);
    const reply = SyncReply.parse(
      await bad.socket.timeout(5000).emitWithAck('sync', { stream: null, after: -4 }),
    );
    expect(reply).toMatchObject({ mode: 'error' });
    expect(reply.mode === 'error' && reply.reason).toMatch(/after/);
  });

  it('sends a heartbeat with the latest seq when idle', async () => {
    const { site, url, clock } = await sim.startSite({ tickMs: 3_600_000 });
    const { rec } = await sim.synced(url, { stream: null, after: null });
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
    const { site, url, clock } = await sim.startSite({ scenario: 'storm', stormAtTick: 1 });
    ticks(site, clock, 1);
    const alert = site.groundTruth().alerts[0];
    if (!alert) throw new Error('no alert open');
    const { socket, rec } = await sim.synced(url, { stream: null, after: null });
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
