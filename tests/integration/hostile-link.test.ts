import { afterEach, describe, expect, it } from 'vitest';
import type { Device } from '../../shared/protocol/device.js';
import type { SiteEvent } from '../../shared/protocol/events.js';
import { stateOf } from '../support/hub-harness.js';
import {
  HELLO,
  STREAM,
  hubOnScriptedSite,
  upsert,
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

describe('a hostile or broken site', () => {
  it('answering as another site is refused each time but retried: the right site is live again without a restart', async () => {
    const { s, h } = await start();
    await waitFor('live', () => stateOf(h, 's')?.state === 'live');
    s.socket().emit('events', { stream: STREAM, events: [upsert(1, 'ours')] });
    await waitFor('seq 1', () => stateOf(h, 's')?.lastSeq === 1);
    s.hello = { ...HELLO, siteId: 'someone-else', stream: 'theirs' };
    s.socket().disconnect(true);
    await waitFor('two conflicts', () => (stateOf(h, 's')?.idConflicts ?? 0) >= 2);
    expect(stateOf(h, 's')?.reason).toBe('address answered as "someone-else", expected "scripted"');
    expect(stateOf(h, 's')?.state).not.toBe('live');
    expect([...(h.fleet.site('s')?.model.devices.keys() ?? [])]).toEqual(['ours']);
    // The right site answers again: within the reconnect cap (400 ms here) it is back.
    s.hello = HELLO;
    await waitFor('live again', () => stateOf(h, 's')?.state === 'live', 5000);
    expect(stateOf(h, 's')?.reason).toBeNull();
    expect(stateOf(h, 's')?.idConflicts).toBeGreaterThanOrEqual(2);
  });

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

  it('confirming another ack id is counted and not taken as a confirmation', async () => {
    const { s, h } = await start();
    await waitFor('live', () => stateOf(h, 's')?.state === 'live');
    s.ack = () => ({ ok: true, ackId: 'someone-elses' });
    const request = { ackId: 'k1', alertId: 'a1', technician: 'Dana', comment: '' };
    await expect(h.acknowledge('s', request)).resolves.toEqual({
      ok: false,
      ackId: 'k1',
      reason: 'the site confirmed another acknowledgement (ack id someone-elses)',
    });
    expect(stateOf(h, 's')?.ackMismatches).toBe(1);
    s.ack = (r) => ({ ok: true, ackId: r.ackId });
    await expect(h.acknowledge('s', { ...request, ackId: 'k2' })).resolves.toEqual({
      ok: true,
      ackId: 'k2',
    });
    expect(stateOf(h, 's')?.ackMismatches).toBe(1);
  });

  it('replying twice to one ack: the second reply never reaches the hub (socket.io calls an ack once)', async () => {
    const { s, h } = await start();
    await waitFor('live', () => stateOf(h, 's')?.state === 'live');
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
    const request = { ackId: 'k1', alertId: 'a1', technician: 'Dana', comment: '' };
    await expect(h.acknowledge('s', request)).resolves.toEqual({ ok: true, ackId: 'k1' });
    await expect(h.acknowledge('s', { ...request, ackId: 'k2' })).resolves.toEqual({
      ok: true,
      ackId: 'k2',
    });
    expect(s.acks.map((a) => a.ackId)).toEqual(['k1', 'k2']);
    expect(stateOf(h, 's')?.ackMismatches).toBe(0);
  });
});
