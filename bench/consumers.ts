import { io, type Socket } from 'socket.io-client';
import { Hub } from '../electron/hub/hub.js';
import type { SiteEvent } from '../shared/protocol/events.js';
import { PROTOCOL_VERSION } from '../shared/protocol/version.js';

const preciseNow = () => performance.timeOrigin + performance.now();

/** Something that ingests the sites' streams; counts events and their emit-to-ready latency. */
export interface Consumer {
  readonly name: string;
  received: number;
  latencies: number[];
  start(urls: readonly string[], token: string): Promise<void>;
  stop(): void;
}

abstract class Counting {
  received = 0;
  latencies: number[] = [];

  protected record(events: readonly Pick<SiteEvent, 'at'>[]): void {
    const now = preciseNow();
    this.received += events.length;
    for (const event of events) this.latencies.push(now - event.at);
  }
}

/** The ceiling: socket.io-client parsing the same stream, and nothing else. */
export class BareConsumer extends Counting implements Consumer {
  readonly name = 'bare socket.io-client';
  private sockets: Socket[] = [];

  async start(urls: readonly string[], token: string): Promise<void> {
    await Promise.all(
      urls.map(
        (url) =>
          new Promise<void>((resolve) => {
            const socket = io(url, {
              forceNew: true,
              transports: ['websocket'],
              auth: { token, protocolVersion: PROTOCOL_VERSION, client: 'bench-bare' },
            });
            socket.on('hello', () => {
              socket.emit('sync', { stream: null, after: null }, () => {
                resolve();
              });
            });
            socket.on('events', (batch: { events: Pick<SiteEvent, 'at'>[] }) => {
              this.record(batch.events);
            });
            this.sockets.push(socket);
          }),
      ),
    );
  }

  stop(): void {
    for (const socket of this.sockets) socket.disconnect();
    this.sockets = [];
  }
}

/** The product: the hub validating, sequencing and applying every event to the fleet state. */
export class HubConsumer extends Counting implements Consumer {
  readonly name = 'hub';
  private hub: Hub | null = null;

  async start(urls: readonly string[], token: string): Promise<void> {
    const hub = new Hub(
      {
        staleAfterMs: 5000,
        downAfterMs: 20_000,
        reconnect: { initialDelayMs: 200, maxDelayMs: 2000 },
        sites: urls.map((url, i) => ({ id: `bench-${i + 1}`, customer: 'Bench', url, token })),
      },
      {
        onApplied: (_siteId, events) => {
          this.record(events);
        },
      },
    );
    this.hub = hub;
    hub.start();
    const deadline = Date.now() + 15_000;
    while (!hub.health().every((h) => h.state === 'live')) {
      if (Date.now() > deadline) throw new Error('hub did not get every bench site live');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  stop(): void {
    this.hub?.dispose();
    this.hub = null;
  }
}
