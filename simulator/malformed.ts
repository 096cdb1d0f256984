/**
 * Deliberately broken frames, for the hub's edge-validation tests: each kind is wrong in one
 * way a buggy or hostile site could be. They are never journaled and carry no real seq.
 */

export interface MalformedFrame {
  readonly event: 'events' | 'snapshot' | 'heartbeat';
  readonly payload: unknown;
  /** What is wrong with it, for test output. */
  readonly flaw: string;
}

const badDevice = (at: number) => ({
  id: 'bogus-1',
  name: 'Bogus',
  kind: 'server',
  status: 'exploded',
  parentId: null,
  metrics: {},
  security: null,
  updatedAt: at,
});

const badAlert = (at: number) => ({
  id: 'bogus:ping:1',
  deviceId: null,
  check: 'ping',
  severity: 'catastrophic',
  title: 'Bogus',
  detail: '',
  raisedAt: at,
  updatedAt: at,
  ack: null,
});

const KINDS: readonly ((stream: string, seq: number, at: number) => MalformedFrame)[] = [
  () => ({ event: 'events', payload: { stream: 5 }, flaw: 'stream is a number, events missing' }),
  (stream, seq, at) => ({
    event: 'events',
    payload: { stream, events: [{ seq, at, type: 'device.upsert', device: badDevice(at) }] },
    flaw: 'device status "exploded"',
  }),
  (stream, seq, at) => ({
    event: 'events',
    payload: { stream, events: [{ seq, at, type: 'alert.raise', alert: badAlert(at) }] },
    flaw: 'alert severity "catastrophic"',
  }),
  (stream, _seq, at) => ({
    event: 'events',
    payload: {
      stream,
      events: [{ seq: -1, at, type: 'metric.sample', deviceId: 'gw-1', values: { cpu: 1 } }],
    },
    flaw: 'negative seq',
  }),
  (stream, seq) => ({
    event: 'snapshot',
    payload: { stream, seq },
    flaw: 'snapshot missing fields',
  }),
  () => ({ event: 'heartbeat', payload: 'thump', flaw: 'heartbeat is a string' }),
  (stream, seq, at) => ({
    event: 'events',
    payload: { stream, events: [{ seq, at, type: 'device.explode', deviceId: 'gw-1' }] },
    flaw: 'unknown event type',
  }),
  (stream) => ({ event: 'events', payload: { stream, events: [] }, flaw: 'empty batch' }),
];

/**
 * The i-th malformed frame (kinds cycle). `seq` is the next seq the site would use, so a hub
 * that skipped validation would mistake the frame for real data.
 */
export function malformedFrame(i: number, stream: string, seq: number, at: number): MalformedFrame {
  const make = KINDS[i % KINDS.length] ?? KINDS[0];
  if (!make) throw new Error('no malformed frame kinds');
  return make(stream, seq, at);
}

export const MALFORMED_KINDS = KINDS.length;
