import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SiteEvent } from '../../shared/protocol/events.js';
import type { SiteEvent as SiteEventType } from '../../shared/protocol/events.js';
import { EventBatch, Heartbeat, Snapshot } from '../../shared/protocol/messages.js';
import { MALFORMED_KINDS } from '../../simulator/malformed.js';
import { connected, events, until } from '../support/sim-client.js';
import { SimSiteHarness, ticks } from '../support/sim-site-harness.js';

/** The simulated site's scenarios (silence, outages, restarts, malformed frames) and its stop. */

const sim = new SimSiteHarness();
afterEach(() => sim.dispose());

describe('SimSite scenarios and lifecycle', () => {
  it('goes silent (no events, no heartbeats, no answers) and catches up on waking', async () => {
    const { site, url, clock } = await sim.startSite();
    const { socket, rec } = await sim.synced(url, { stream: null, after: null });
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
    const { site, url, clock } = await sim.startSite({
      outageAfterMs: 5000,
      outageForMs: 3000,
      restartEveryMs: 20_000,
    });
    const { socket } = await sim.synced(url, { stream: null, after: null });
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
    const { site, url, clock } = await sim.startSite();
    const first = await sim.synced(url, { stream: null, after: null });
    const stream = site.journal.stream;
    const seq = ticks(site, clock, 5);
    await until('live', () => events(first.rec).at(-1)?.seq === seq);
    const gone = new Promise((resolve) => first.socket.once('disconnect', resolve));
    await site.restartSockets();
    await gone;
    expect(site.url).toBe(url);
    ticks(site, clock, 5);
    const again = await sim.synced(url, { stream, after: seq });
    expect(again.rec.hello[0]?.stream).toBe(stream);
    expect(again.reply).toEqual({
      mode: 'replay',
      replayed: site.journal.lastSeq - seq,
      seq: site.journal.lastSeq,
    });
  });

  it('continues stream and seq from its journal file after a stop', async () => {
    const dir = sim.tempDir('sim-site-');
    const journalFile = join(dir, 'site-01.jsonl');
    const { site, clock } = await sim.startSite({ journalFile });
    ticks(site, clock, 12);
    const truth = site.groundTruth();
    await site.stop();

    const { site: reborn, url } = await sim.startSite({ journalFile });
    expect(reborn.groundTruth()).toEqual(truth);
    const { rec, reply } = await sim.synced(url, { stream: truth.stream, after: truth.seq });
    expect(reply).toEqual({ mode: 'replay', replayed: 0, seq: truth.seq });
    expect(rec.hello[0]?.stream).toBe(truth.stream);
    let next: SiteEventType | undefined;
    for (let i = 0; i < 50 && !next; i++) next = reborn.tickNow()[0];
    expect(next?.seq).toBe(truth.seq + 1);
  });

  it('sends malformed frames that fail validation, without journaling them', async () => {
    const { site, url } = await sim.startSite();
    const { rec } = await sim.synced(url, { stream: null, after: null });
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
    const { site, url } = await sim.startSite({ preciseTime: true, tickMs: 3_600_000 });
    const { rec } = await sim.synced(url, { stream: null, after: null });
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
    const { site, url, clock } = await sim.startSite({
      scenario: 'restart',
      outageAfterMs: 60_000,
    });
    await sim.synced(url, { stream: null, after: null });
    const http = site.httpServer;
    expect(http?.listening).toBe(true);
    await site.stop();
    expect(http?.listening).toBe(false);
    expect(site.httpServer).toBeNull();
    expect(site.pendingTimers).toBe(0);
    expect(clock.pendingCount).toBe(0);
    const late = sim.client(url);
    await expect(connected(late.socket)).rejects.toThrow();
  });
});
