import { afterEach, describe, expect, it } from 'vitest';
import type { Device } from '../../shared/protocol/device.js';
import type { SiteEvent } from '../../shared/protocol/events.js';
import { FakeClock } from '../support/fake-clock.js';
import { stateOf } from '../support/hub-harness.js';
import {
  HELLO,
  STREAM,
  hubOnScriptedSite,
  hubOnScriptedSiteAt,
  upsert,
  withOpenAlert,
  ACK_A1 as ACK,
  type Scripted,
} from '../support/scripted-site.js';
import { waitFor } from '../support/wait.js';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

/** A hub on one scripted site ("s"); test thresholds, reconnect 50 ms doubling to 400 ms. */
async function start(prepare?: (s: Scripted) => void, options = {}) {
  const started = await hubOnScriptedSite(prepare, options);
  close = started.close;
  return { s: started.site, h: started.hub };
}

const device = (upsert(1, 'd') as Extract<SiteEvent, { type: 'device.upsert' }>).device;

const T0 = Date.UTC(2026, 10, 26, 12, 3, 10);
/** The reconnect cap of the fake-clock hub: retries wait 500 ms doubling to this. */
const CAP = 4000;

/**
 * A fake-clock hub on one scripted site, live with one applied event (seq 1, device "ours") at
 * 12:03:10 UTC; stale after 3 s, down after 60 s.
 */
async function startAt(prepare?: (s: Scripted) => void) {
  const clock = new FakeClock(T0);
  const options = {
    staleAfterMs: 3000,
    downAfterMs: 60_000,
    reconnect: { initialDelayMs: 500, maxDelayMs: CAP },
  };
  const started = await hubOnScriptedSiteAt(clock, options, prepare);
  close = started.close;
  const { site: s, hub: h } = started;
  await waitFor('live', () => stateOf(h, 's')?.state === 'live');
  s.socket().emit('events', { stream: STREAM, events: [upsert(1, 'ours')] });
  await waitFor('seq 1', () => stateOf(h, 's')?.lastSeq === 1);
  return { clock, s, h };
}

const devicesOf = (h: Awaited<ReturnType<typeof startAt>>['h']) => [
  ...(h.fleet.site('s')?.model.devices.keys() ?? []),
];
/** The site drops the connection; the hub has seen it (and scheduled its retry) on return. */
async function drop(s: Scripted, h: Awaited<ReturnType<typeof startAt>>['h']) {
  s.socket().disconnect(true);
  await waitFor('the hub sees the drop', () =>
    /^disconnected: /.test(stateOf(h, 's')?.reason ?? ''),
  );
}

const IMPOSTOR = { ...HELLO, siteId: 'someone-else', stream: 'theirs' };
const CONFLICT = 'address answered as "someone-else", expected "scripted"';

describe('another site at the address, on a fake clock', () => {
  it('is refused each time but retried with capped backoff: the right site is live again within the cap, without a restart', async () => {
    const { clock, s, h } = await startAt();
    s.hello = IMPOSTOR;
    await drop(s, h);
    for (let n = 1; n <= 6; n++) {
      clock.advance(CAP); // every retry waits at most the cap (500 ms doubling: 1, 2, 4, 4, 4 s)
      await waitFor(`conflict ${n}`, () => stateOf(h, 's')?.idConflicts === n);
      expect(stateOf(h, 's')).toMatchObject({ state: 'stale', reason: CONFLICT, lastSeq: 1 });
      expect(h.fleet.site('s')?.health.reason).toBe(CONFLICT); // what the board is given
    }
    expect(devicesOf(h)).toEqual(['ours']);
    // The right site answers again: the retry already waiting is due within the cap.
    s.hello = HELLO;
    clock.advance(CAP);
    await waitFor('live again', () => stateOf(h, 's')?.state === 'live');
    expect(stateOf(h, 's')).toMatchObject({ reason: null, idConflicts: 6, lastEventAgeMs: 0 });
  });

  it("is shown as such even while an older stall of the right site's data (an unanswered resync) stands", async () => {
    const { clock, s, h } = await startAt();
    s.answer = () => null; // from now on it never answers a sync
    s.socket().emit('heartbeat', { stream: STREAM, seq: 5, at: 1 }); // a gap: a resync is asked
    await waitFor('the resume asked', () => s.syncs.length === 2);
    clock.advance(5000); // unanswered: the snapshot it falls back to is asked
    await waitFor('the snapshot asked', () => s.syncs.length === 3);
    const stall = 'site sends data but has not answered a resync since 12:03:10 UTC';
    expect(stateOf(h, 's')?.reason).toBe(stall);
    s.hello = IMPOSTOR;
    s.socket().disconnect(true);
    // The stall's reason stands through the drop, so fake time moves while the test waits.
    await waitFor('two conflicts', () => {
      clock.advance(250);
      return stateOf(h, 's')?.idConflicts === 2;
    });
    expect(stateOf(h, 's')).toMatchObject({ state: 'stale', reason: CONFLICT });
    expect(h.fleet.site('s')?.health.reason).toBe(CONFLICT);
  });

  it('sending a snapshot and events before its hello: nothing of it is applied, each counted with the reason', async () => {
    const { clock, s, h } = await startAt();
    s.greet = (socket) => {
      const devices = [{ ...device, id: 'IMPOSTOR' }];
      socket.emit('snapshot', { stream: 'theirs', seq: 9, at: 9, devices, alerts: [] });
      socket.emit('events', { stream: 'theirs', events: [upsert(10, 'IMPOSTOR-2')] });
    };
    s.hello = IMPOSTOR;
    await drop(s, h);
    clock.advance(1000);
    await waitFor('the conflict', () => stateOf(h, 's')?.idConflicts === 1);
    expect(devicesOf(h)).toEqual(['ours']);
    expect(stateOf(h, 's')).toMatchObject({
      lastSeq: 1,
      lastEventAt: T0,
      lastEventAgeMs: 1000, // not made fresh by what the impostor sent
      badPayloads: 2,
      lastBadPayload: 'events: sent before a sync was asked for',
      reason: CONFLICT,
    });
  });

  it('heartbeating before its hello: not taken as a sign of life of the right site, counted with the reason', async () => {
    const { clock, s, h } = await startAt();
    s.greet = (socket) => {
      socket.emit('heartbeat', { stream: STREAM, seq: 1, at: 1 });
    };
    s.hello = IMPOSTOR;
    await drop(s, h);
    clock.advance(1000);
    await waitFor('the conflict', () => stateOf(h, 's')?.idConflicts === 1);
    expect(stateOf(h, 's')).toMatchObject({
      lastMessageAt: T0, // the right site's last message, not the stranger's heartbeat
      lastMessageAgeMs: 1000,
      lastEventAgeMs: 1000,
      badPayloads: 1,
      lastBadPayload: 'heartbeat: sent before the hello',
      reason: CONFLICT,
    });
  });

  it('a snapshot before hello from the right site is not applied either: its sync brings the data', async () => {
    const { clock, s, h } = await startAt();
    s.greet = (socket) => {
      const devices = [{ ...device, id: 'unasked' }];
      socket.emit('snapshot', { stream: STREAM, seq: 7, at: 7, devices, alerts: [] });
    };
    await drop(s, h);
    clock.advance(1000);
    await waitFor('live again', () => stateOf(h, 's')?.state === 'live');
    expect(stateOf(h, 's')).toMatchObject({
      badPayloads: 1,
      lastBadPayload: 'snapshot: sent before a sync was asked for',
    });
    expect(devicesOf(h)).toEqual([]); // the snapshot the sync asked for (seq 0, empty)
    expect(stateOf(h, 's')?.lastSeq).toBe(0);
  });
});

describe('a repeated hello, on a fake clock', () => {
  it('while streaming is counted and ignored: no resync and no fleet update per hello', async () => {
    const { s, h } = await startAt();
    const version = h.fleet.version;
    const info = h.fleet.site('s')?.info;
    for (let i = 0; i < 200; i++) s.socket().emit('hello', i % 2 ? HELLO : { ...HELLO, name: 'X' });
    await waitFor('200 counted', () => stateOf(h, 's')?.badPayloads === 200);
    expect(stateOf(h, 's')).toMatchObject({
      state: 'live',
      resyncs: 0,
      reconnects: 0,
      lastSeq: 1,
      lastBadPayload: 'hello: repeated while streaming',
    });
    expect(s.syncs).toHaveLength(1);
    expect(h.fleet.version).toBe(version);
    expect(h.fleet.site('s')?.info).toBe(info);
  });

  it('on a reconnect updates the fleet only when what it announces changed', async () => {
    const { clock, s, h } = await startAt();
    const info = h.fleet.site('s')?.info;
    await drop(s, h);
    clock.advance(1000);
    await waitFor(
      'back',
      () => stateOf(h, 's')?.reconnects === 1 && stateOf(h, 's')?.state === 'live',
    );
    expect(h.fleet.site('s')?.info).toBe(info); // the same hello: the same info, no update
    s.hello = { ...HELLO, name: 'Scripted (renamed)' };
    await drop(s, h);
    clock.advance(CAP);
    await waitFor(
      'back again',
      () => stateOf(h, 's')?.reconnects === 2 && stateOf(h, 's')?.state === 'live',
    );
    expect(h.fleet.site('s')?.info?.name).toBe('Scripted (renamed)');
  });
});

describe('a hostile or broken site', () => {
  it('sending a message over the 32 MiB cap is dropped with a reason that says so', async () => {
    const { s, h } = await start(undefined, {
      reconnect: { initialDelayMs: 5000, maxDelayMs: 5000 },
    });
    await waitFor('live', () => stateOf(h, 's')?.state === 'live');
    s.socket().emit('heartbeat', { stream: STREAM, seq: 0, at: 1, pad: 'x'.repeat(33 * 2 ** 20) });
    const reason =
      'a message from the site was larger than the 32 MiB cap ' +
      '(the WebSocket library does not report its size)';
    await waitFor('the reason', () => stateOf(h, 's')?.reason === reason);
    expect(stateOf(h, 's')?.state).toBe('stale');
  });

  it('whose snapshot is over the cap shows how many devices it had and the cap', async () => {
    const { h } = await start(
      (x) => {
        x.answer = (_request, socket) => {
          const devices: Device[] = Array.from({ length: 100_000 }, () => device);
          socket.emit('snapshot', { stream: STREAM, seq: 7, at: 7, devices, alerts: [] });
          return { mode: 'snapshot', seq: 7 };
        };
      },
      { reconnect: { initialDelayMs: 5000, maxDelayMs: 5000 } },
    );
    const reason = 'snapshot refused: 100,000 devices, over the cap of 50,000';
    await waitFor('the reason', () => stateOf(h, 's')?.reason === reason);
    expect(stateOf(h, 's')?.state).toBe('connecting');
  });

  it("whose sync fails gives the site's own reason", async () => {
    const { h } = await start((x) => {
      x.answer = () => ({ mode: 'error', reason: 'journal unreadable' });
    });
    await waitFor(
      'the reason',
      () => stateOf(h, 's')?.reason === 'sync failed: journal unreadable',
    );
  });

  it('that never answers the first sync is retried, saying so', async () => {
    const { s, h } = await start((x) => {
      x.answer = () => null;
    });
    await waitFor('a retry', () => s.connections >= 2, 8000);
    expect(stateOf(h, 's')?.reason).toMatch(/(^|; )the site did not answer a sync within 2 s$/);
  });

  it('confirming another ack id is counted, not taken as a confirmation, and the ack is sent again', async () => {
    const { s, h } = await start();
    await waitFor('live', () => stateOf(h, 's')?.state === 'live');
    await withOpenAlert(s, h);
    s.ack = () => ({ ok: true, ackId: 'someone-elses' });
    const action = h.requestAction(ACK);
    await waitFor('the mismatch', () => stateOf(h, 's')?.ackMismatches === 1);
    await waitFor('the reason', () => h.fleet.actionOf('s', 'a1')?.reason !== null);
    expect(h.fleet.actionOf('s', 'a1')).toMatchObject({
      delivery: 'pending',
      reason: 'the site confirmed another acknowledgement (ack id someone-elses)',
    });
    s.ack = (r) => ({ ok: true, ackId: r.ackId });
    await waitFor('confirmed', () => h.fleet.actionOf('s', 'a1')?.delivery === 'confirmed');
    expect(s.acks.map((a) => a.ackId)).toEqual([action.ackId, action.ackId]);
    expect(stateOf(h, 's')?.ackMismatches).toBe(1);
  });

  it('replying twice to one ack: the second reply never reaches the hub (socket.io calls an ack once)', async () => {
    const { s, h } = await start();
    await waitFor('live', () => stateOf(h, 's')?.state === 'live');
    await withOpenAlert(s, h);
    // socket.io's server guards its reply function; a hostile site can still send a raw second
    // ACK packet for the same id, through the server's internal ack(id) (a fresh, unguarded one).
    const internals = s.socket() as unknown as { ack(id: number): (...args: unknown[]) => void };
    const ack = internals.ack.bind(s.socket());
    internals.ack = (id) => {
      const reply = ack(id);
      return (...args: unknown[]) => {
        reply(...args);
        ack(id)({ ok: true, ackId: 'forged' }); // the same packet id, a second time
      };
    };
    const first = h.requestAction(ACK);
    await waitFor('confirmed', () => h.fleet.actionOf('s', 'a1')?.delivery === 'confirmed');
    const second = h.requestAction(ACK);
    await waitFor('confirmed', () => h.fleet.actionOf('s', 'a1')?.ackId === second.ackId);
    await waitFor('confirmed', () => h.fleet.actionOf('s', 'a1')?.delivery === 'confirmed');
    expect(s.acks.map((a) => a.ackId)).toEqual([first.ackId, second.ackId]);
    expect(stateOf(h, 's')?.ackMismatches).toBe(0);
  });
});
