import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { SiteEvent } from '../../shared/protocol/events.js';
import type { SyncReply, SyncRequest } from '../../shared/protocol/messages.js';
import { recordingHub, testHubOptions } from './hub-harness.js';

/**
 * A scripted site: the test decides exactly which frames go out, to produce gaps, failed
 * resumes, silent handshakes and impostors that a well-behaved simulator never would.
 */
export interface Scripted {
  url: string;
  socket: () => Socket;
  /** Every sync request received, in order. */
  syncs: SyncRequest[];
  /** Connections accepted so far. */
  connections: number;
  /** What the next connection's hello says; null: say nothing at all. */
  hello: unknown;
  answer: (request: SyncRequest, socket: Socket) => SyncReply;
  close: () => Promise<void>;
}

export const STREAM = 'scripted-1';

export const HELLO = {
  siteId: 'scripted',
  name: 'Scripted',
  customer: 'Test',
  timeZone: 'UTC',
  protocolVersion: '1.0',
  agentVersion: 'test',
  stream: STREAM,
};

export const clear = (seq: number): SiteEvent => ({
  seq,
  at: seq,
  type: 'alert.clear',
  alertId: `x${seq}`,
});

export const upsert = (seq: number, id: string): SiteEvent => ({
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

export async function scriptedSite(): Promise<Scripted> {
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
    connections: 0,
    hello: HELLO,
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
    scripted.connections++;
    socket.on('sync', (request: SyncRequest, reply: (r: SyncReply) => void) => {
      scripted.syncs.push(request);
      reply(scripted.answer(request, socket));
    });
    if (scripted.hello !== null) socket.emit('hello', scripted.hello);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  scripted.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return scripted;
}

/** A recording hub linked to one fresh scripted site (id "s"); `close` disposes both. */
export async function hubOnScriptedSite(prepare: (site: Scripted) => void = () => undefined) {
  const site = await scriptedSite();
  prepare(site);
  const { hub, applied } = recordingHub(
    testHubOptions([{ id: 's', customer: 'T', url: site.url, token: 't' }]),
  );
  hub.start();
  const close = async () => {
    hub.dispose();
    await site.close();
  };
  return { site, hub, applied, close };
}
