import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { BridgeResult } from '../../shared/bridge/contract.js';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/bridge/contract.js';
import type { FleetDelta, FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import { Hub } from '../../electron/hub/hub.js';
import { Publisher } from '../../electron/hub/publisher/publisher.js';
import type { HubRuntime } from '../../electron/hub/runtime.js';
import { isOwnPage } from '../../electron/main/app-file.js';
import {
  setupBridgeIpc,
  type InvokeEventLike,
  type IpcMainLike,
  type SenderLike,
} from '../../electron/main/bridge-ipc.js';
import { FakeClock } from '../support/fake-clock.js';
import { sample } from '../support/fleet-fixtures.js';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async call(sender: FakeSender, url: string, ...args: unknown[]): Promise<BridgeResult<unknown>> {
    const handler = this.handlers.get(IPC_INVOKE);
    if (!handler) throw new Error('no handler');
    return (await handler({ sender, senderFrame: { url } }, ...args)) as BridgeResult<unknown>;
  }
}

class FakeSender extends EventEmitter implements SenderLike {
  sent: unknown[][] = [];
  destroyed = false;
  constructor(readonly id: number) {
    super();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

function setup() {
  const clock = new FakeClock();
  const hub = new Hub(
    {
      staleAfterMs: 1000,
      downAfterMs: 5000,
      reconnect: { initialDelayMs: 100, maxDelayMs: 1000 },
      sites: [{ id: 'a', customer: 'A', url: 'http://127.0.0.1:9', token: 't' }],
    },
    { clock },
  );
  hub.fleet.replaceSite('a', { stream: 's', seq: 0, at: 0, devices: [], alerts: [] });
  hub.fleet.applyEvents('a', [
    {
      seq: 1,
      at: 1,
      type: 'device.upsert',
      device: {
        id: 'd1',
        name: 'd1',
        kind: 'server',
        status: 'up',
        parentId: null,
        metrics: {},
        security: null,
        updatedAt: 1,
      },
    },
  ]);
  const publisher = new Publisher(hub.fleet, clock, 100);
  const runtime: HubRuntime = { hub, publisher, demo: true, dispose: () => Promise.resolve() };
  const ipc = new FakeIpcMain();
  const logged: string[] = [];
  const dispose = setupBridgeIpc(ipc, runtime, isOwnPage, {
    clock,
    logError: (line) => logged.push(line),
  });
  return { clock, hub, publisher, ipc, dispose, logged };
}

const PAGE = 'app://noc/index.html';

describe('the IPC side of the bridge', () => {
  it('refuses calls from frames that are not our pages, before running anything', async () => {
    const { ipc, publisher } = setup();
    const sender = new FakeSender(1);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html']) {
      const result = await ipc.call(sender, url, 'fleet.subscribe', {});
      expect(result).toEqual({
        ok: false,
        error: { code: 'forbidden', message: `calls from ${url} are refused` },
      });
    }
    expect(publisher.subscriberCount).toBe(0);
  });

  it('answers unknown commands and bad arguments with typed errors naming the field', async () => {
    const { ipc } = setup();
    const sender = new FakeSender(1);
    expect(await ipc.call(sender, PAGE, 'fleet.explode', {})).toEqual({
      ok: false,
      error: { code: 'unknown-command', message: 'unknown command "fleet.explode"' },
    });
    const bad = await ipc.call(sender, PAGE, 'alert.ack', {
      siteId: 'a',
      alertId: 'x',
      technician: ' ',
      comment: 'ok',
    });
    expect(bad).toEqual({
      ok: false,
      error: { code: 'bad-arguments', message: 'alert.ack: technician: technician is required' },
    });
    const extra = await ipc.call(sender, PAGE, 'app.info', { admin: true });
    expect(extra.ok).toBe(false);
    expect(await ipc.call(sender, PAGE, 'app.info', {})).toEqual({
      ok: true,
      value: {
        version: '0.1.0',
        demo: true,
        host: 'electron',
        thresholds: { staleAfterMs: 1000, downAfterMs: 5000 },
      },
    });
  });

  it('gives a subscribing window a snapshot, then its deltas, until it is destroyed', async () => {
    const { ipc, hub, clock, publisher, dispose } = setup();
    const sender = new FakeSender(7);
    const result = await ipc.call(sender, PAGE, 'fleet.subscribe', {});
    expect(result.ok).toBe(true);
    const snapshot = (result as { value: FleetSnapshot }).value;
    expect(snapshot.contents[0]?.devices.map((d) => d.id)).toEqual(['d1']);
    hub.fleet.applyEvents('a', [sample('d1', 42)]);
    clock.advance(100);
    expect(sender.sent).toHaveLength(1);
    const [channel, name, delta] = sender.sent[0] ?? [];
    expect([channel, name]).toEqual([IPC_EVENT, 'fleet.delta']);
    expect((delta as FleetDelta).previous).toBe(snapshot.version);
    // Subscribing again (after a version gap) replaces the registration, never doubles it.
    await ipc.call(sender, PAGE, 'fleet.subscribe', {});
    expect(publisher.subscriberCount).toBe(1);
    sender.destroy();
    expect(publisher.subscriberCount).toBe(0);
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('logs each error a page reports in the main process and counts them', async () => {
    const { ipc, logged } = setup();
    const sender = new FakeSender(3);
    const first = await ipc.call(sender, PAGE, 'app.reportError', {
      scope: 'tile:a',
      message: 'Cannot read properties of undefined',
      stack: 'TypeError: Cannot read properties of undefined\n    at SiteTile',
    });
    expect(first).toEqual({ ok: true, value: { total: 1 } });
    const second = await ipc.call(sender, PAGE, 'app.reportError', {
      scope: 'view:wall',
      message: 'boom',
      stack: null,
    });
    expect(second).toEqual({ ok: true, value: { total: 2 } });
    expect(logged).toEqual([
      'renderer error #1 in tile:a: Cannot read properties of undefined\n' +
        'TypeError: Cannot read properties of undefined\n    at SiteTile',
      'renderer error #2 in view:wall: boom',
    ]);
    // A frame that is not ours cannot fill the log.
    await ipc.call(sender, 'https://evil.example/', 'app.reportError', {
      scope: 'x',
      message: 'spam',
      stack: null,
    });
    expect(logged).toHaveLength(2);
  });
});
