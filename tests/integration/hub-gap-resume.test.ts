import { afterEach, describe, expect, it } from 'vitest';
import type { SiteEvent } from '../../shared/protocol/events.js';
import { stateOf } from '../support/hub-harness.js';
import { STREAM, clear, hubOnScriptedSite, upsert } from '../support/scripted-site.js';
import { waitFor } from '../support/wait.js';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function start() {
  const started = await hubOnScriptedSite();
  close = started.close;
  await waitFor('live', () => stateOf(started.hub, 's')?.state === 'live');
  return started;
}

describe('gaps and resumes over a real socket', () => {
  it('resumes from the last applied seq after a gap, applying each event once', async () => {
    const { site: s, hub, applied } = await start();
    s.answer = (request, socket) => {
      // Replay what the hub asks for: everything after `after`, up to 6.
      const from = (request.after ?? 0) + 1;
      const events = Array.from({ length: 6 - from + 1 }, (_, i) => clear(from + i));
      socket.emit('events', { stream: STREAM, events });
      return { mode: 'replay', replayed: events.length, seq: 6 };
    };
    s.socket().emit('events', { stream: STREAM, events: [clear(1), clear(2)] });
    s.socket().emit('events', { stream: STREAM, events: [clear(5), clear(6)] }); // 3 and 4 lost
    await waitFor('seq 6', () => stateOf(hub, 's')?.lastSeq === 6);
    expect(s.syncs.at(-1)).toEqual({ stream: STREAM, after: 2 });
    expect(applied.get('s')).toEqual([1, 2, 3, 4, 5, 6]);
    s.socket().emit('events', { stream: STREAM, events: [clear(5), clear(6), clear(7)] });
    await waitFor('seq 7', () => stateOf(hub, 's')?.lastSeq === 7);
    expect(applied.get('s')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(stateOf(hub, 's')).toMatchObject({ state: 'live', duplicates: 2, resyncs: 1 });
  });

  it('detects a lost tail from a heartbeat, and falls back to a snapshot when the resume fails', async () => {
    const { site: s, hub } = await start();
    s.socket().emit('events', { stream: STREAM, events: [upsert(1, 'old')] });
    await waitFor('seq 1', () => stateOf(hub, 's')?.lastSeq === 1);
    s.answer = (request, socket) => {
      if (request.after !== null) return { mode: 'error', reason: 'journal pruned' };
      socket.emit('snapshot', {
        stream: STREAM,
        seq: 40,
        at: 40,
        devices: [(upsert(40, 'fresh') as Extract<SiteEvent, { type: 'device.upsert' }>).device],
        alerts: [],
      });
      return { mode: 'snapshot', seq: 40 };
    };
    s.socket().emit('heartbeat', { stream: STREAM, seq: 40, at: 40 });
    await waitFor('seq 40', () => stateOf(hub, 's')?.lastSeq === 40);
    expect(s.syncs.slice(-2)).toEqual([
      { stream: STREAM, after: 1 },
      { stream: null, after: null },
    ]);
    expect([...(hub.fleet.site('s')?.model.devices.keys() ?? [])]).toEqual(['fresh']);
    expect(stateOf(hub, 's')).toMatchObject({ state: 'live', resyncs: 2 });
  });
});
