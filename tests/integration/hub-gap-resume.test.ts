import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteEvent } from '../../shared/protocol/events.js';
import type { SyncReply, SyncRequest } from '../../shared/protocol/messages.js';
import type { Hub } from '../../electron/hub/hub.js';
import { recordingHub, stateOf, testHubOptions } from '../support/hub-harness.js';
import { waitFor } from '../support/wait.js';

/**
 * A scripted site: the test decides exactly which frames go out, to produce gaps and failed
 * resumes that a well-behaved simulator never would.
 */
interface Scripted {
  url: string;
  socket: () => Socket;
  syncs: SyncRequest[];
  answer: (request: SyncRequest, socket: Socket) => SyncReply;
  close: () => Promise<void>;
}

const STREAM = 'scripted-1';
const clear = (seq: number): SiteEvent => ({
  seq,
  at: seq,
  type: 'alert.clear',
  alertId: `x${seq}`,
});
const upsert = (seq: number, id: string): SiteEvent => ({
  seq,
  at: seq,
  type: 'device.upsert',
  device: {
    id,
    name: id,
    kind: 'server',
    status: 'up',
    parentId: null,
    metrics: {},
    security: null,
    updatedAt: seq,
  },
});

async function scriptedSite(): Promise<Scripted> {
  const http = createServer();
  const io = new Server(http);
  let current: Socket | null = null;
  const scripted: Scripted = {
    url: '',
    socket: () => {
      if (!current) throw new Error('no hub connected');
      return current;
    },
    syncs: [],
    answer: (_request, socket) => {
      socket.emit('snapshot', { stream: STREAM, seq: 0, at: 0, devices: [], alerts: [] });
      return { mode: 'snapshot', seq: 0 };
    },
    close: async () => {
      await io.close();
    },
  };
  io.on('connection', (socket) => {
    current = socket;
    socket.on('sync', (request: SyncRequest, reply: (r: SyncReply) => void) => {
      scripted.syncs.push(request);
      reply(scripted.answer(request, socket));
    });
    socket.emit('hello', {
      siteId: 'scripted',
      name: 'Scripted',
      customer: 'Test',
      timeZone: 'UTC',
      protocolVersion: '1.0',
      agentVersion: 'test',
      stream: STREAM,
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  scripted.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return scripted;
}

let site: Scripted | null = null;
let hub: Hub | null = null;
afterEach(async () => {
  hub?.dispose();
  hub = null;
  await site?.close();
  site = null;
});

describe('gaps and resumes over a real socket', () => {
  it('resumes from the last applied seq after a gap, applying each event once', async () => {
    site = await scriptedSite();
    const recording = recordingHub(
      testHubOptions([{ id: 's', customer: 'T', url: site.url, token: 't' }]),
    );
    hub = recording.hub;
    hub.start();
    await waitFor('live', () => stateOf(hub as Hub, 's')?.state === 'live');
    const s = site;
    s.answer = (request, socket) => {
      // Replay what the hub asks for: everything after `after`, up to 6.
      const from = (request.after ?? 0) + 1;
      const events = Array.from({ length: 6 - from + 1 }, (_, i) => clear(from + i));
      socket.emit('events', { stream: STREAM, events });
      return { mode: 'replay', replayed: events.length, seq: 6 };
    };
    s.socket().emit('events', { stream: STREAM, events: [clear(1), clear(2)] });
    s.socket().emit('events', { stream: STREAM, events: [clear(5), clear(6)] }); // 3 and 4 lost
    await waitFor('seq 6', () => stateOf(hub as Hub, 's')?.lastSeq === 6);
    expect(s.syncs.at(-1)).toEqual({ stream: STREAM, after: 2 });
    expect(recording.applied.get('s')).toEqual([1, 2, 3, 4, 5, 6]);
    s.socket().emit('events', { stream: STREAM, events: [clear(5), clear(6), clear(7)] });
    await waitFor('seq 7', () => stateOf(hub as Hub, 's')?.lastSeq === 7);
    expect(recording.applied.get('s')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(stateOf(hub, 's')).toMatchObject({ state: 'live', duplicates: 2, resyncs: 1 });
  });

  it('detects a lost tail from a heartbeat, and falls back to a snapshot when the resume fails', async () => {
    site = await scriptedSite();
    const recording = recordingHub(
      testHubOptions([{ id: 's', customer: 'T', url: site.url, token: 't' }]),
    );
    hub = recording.hub;
    hub.start();
    await waitFor('live', () => stateOf(hub as Hub, 's')?.state === 'live');
    const s = site;
    s.socket().emit('events', { stream: STREAM, events: [upsert(1, 'old')] });
    await waitFor('seq 1', () => stateOf(hub as Hub, 's')?.lastSeq === 1);
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
    await waitFor('seq 40', () => stateOf(hub as Hub, 's')?.lastSeq === 40);
    expect(s.syncs.slice(-2)).toEqual([
      { stream: STREAM, after: 1 },
      { stream: null, after: null },
    ]);
    expect([...(hub.fleet.site('s')?.model.devices.keys() ?? [])]).toEqual(['fresh']);
    expect(stateOf(hub, 's')).toMatchObject({ state: 'live', resyncs: 2 });
  });
});
