import { afterEach, describe, expect, it } from 'vitest';
import { stateOf } from '../support/hub-harness.js';
import {
  HELLO,
  STREAM,
  hubOnScriptedSite,
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

/** A hub on one scripted site, with a short deadline (2 s) for the site's answers. */
async function start(prepare?: (s: Scripted) => void) {
  const started = await hubOnScriptedSite(prepare);
  close = started.close;
  return { s: started.site, h: started.hub };
}

describe('a site that misbehaves', () => {
  it('that accepts the connection but never says hello is retried, with the reason', async () => {
    const { s, h } = await start((x) => {
      x.hello = null;
    });
    // recordingHub's request deadline is 2 s: after it the link gives up and reconnects.
    await waitFor('a retry', () => s.connections >= 2, 8000);
    expect(stateOf(h, 's')?.reason).toMatch(/the site did not complete the handshake within 2 s$/);
    expect(stateOf(h, 's')?.reconnects).toBeGreaterThanOrEqual(1);
  });

  it('whose hello cannot be read is retried, saying what was wrong with it', async () => {
    const { s, h } = await start((x) => {
      x.hello = { ...HELLO, timeZone: '' };
    });
    await waitFor('a retry', () => s.connections >= 2, 5000);
    expect(stateOf(h, 's')?.reason).toMatch(/unreadable hello \(hello: timeZone: Too small/);
    expect(stateOf(h, 's')?.badPayloads).toBeGreaterThanOrEqual(1);
  });

  it('whose heartbeats come from another stream is not taken as fresh: a snapshot is asked for', async () => {
    const { s, h } = await start();
    await waitFor('live', () => stateOf(h, 's')?.state === 'live');
    const syncsBefore = s.syncs.length;
    s.socket().emit('heartbeat', { stream: 'another-stream', seq: 900, at: 1 });
    await waitFor('a snapshot request', () => s.syncs.length > syncsBefore);
    expect(s.syncs.at(-1)).toEqual({ stream: null, after: null });
  });

  it('that sends a huge batch has it refused before validating its events', async () => {
    const { s, h } = await start();
    // Heartbeats keep the site fresh (stale after 600 ms here): sending 50,000 events takes longer
    // than that on a busy machine, so "live" after the refusal needs them to mean anything.
    s.every(100, (socket) => socket.emit('heartbeat', { stream: STREAM, seq: 0, at: 1 }));
    await waitFor('live', () => stateOf(h, 's')?.state === 'live');
    const events = Array.from({ length: 50_000 }, (_, i) => upsert(i + 1, `d${i}`));
    s.socket().emit('events', { stream: STREAM, events });
    await waitFor('counted', () => (stateOf(h, 's')?.badPayloads ?? 0) === 1);
    expect(stateOf(h, 's')?.lastBadPayload).toBe(
      'events: events: Too big: expected array to have <=5000 items, got 50000',
    );
    // The link was kept: still the first connection, live again, and the next batch is applied.
    await waitFor('live again', () => stateOf(h, 's')?.state === 'live');
    expect(s.connections).toBe(1);
    s.socket().emit('events', { stream: STREAM, events: [upsert(1, 'd0')] });
    await waitFor('the next batch applied', () => h.fleet.site('s')?.model.devices.has('d0'));
  });

  it('leaves no acknowledgement hanging when the hub is disposed', async () => {
    const { s, h } = await start();
    await waitFor('live', () => stateOf(h, 's')?.state === 'live');
    await withOpenAlert(s, h);
    s.ack = () => null; // never answers
    const action = h.requestAction(ACK);
    await waitFor('sent', () => s.acks.length === 1);
    h.dispose(); // close() disposes it again later: dispose is idempotent
    expect(h.openResources).toBe(0);
    // Still pending (a hub with a store would send it again after a restart), never "confirmed".
    expect(h.fleet.actionOf('s', 'a1')).toMatchObject({ ackId: action.ackId, delivery: 'pending' });
  });
});
