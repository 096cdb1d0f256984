import { COMMANDS_PER_WINDOW } from '../../electron/serve/bridge-socket.js';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeResult } from '../../shared/bridge/contract.js';
import type { AppInfo, FleetDelta, FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import type { Alert } from '../../shared/protocol/alert.js';
import type { Device } from '../../shared/protocol/device.js';
import { siteModelToPlain } from '../../shared/site-model/site-model.js';
import { sleep, waitFor } from '../support/wait.js';
import {
  bridgeClient,
  bridgeConnected,
  startServeFixture,
  type ServeFixture,
} from './serve-fixture.js';

let fx: ServeFixture | null = null;
const clients: Socket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await fx?.close();
  fx = null;
});

async function started(sites = 2, tickMs = 200): Promise<ServeFixture> {
  fx = await startServeFixture({ sites, devices: 25, tickMs, scenario: 'flapping' });
  const { hub } = fx.runtime;
  await waitFor('every site live', () => hub.health().every((h) => h.state === 'live'));
  return fx;
}

async function client(f: ServeFixture): Promise<Socket> {
  const socket = bridgeClient(f.host.url);
  clients.push(socket);
  await bridgeConnected(socket);
  return socket;
}

function invoke<T>(socket: Socket, name: unknown, args: unknown): Promise<BridgeResult<T>> {
  return socket.timeout(5000).emitWithAck('invoke', name, args) as Promise<BridgeResult<T>>;
}

function value<T>(result: BridgeResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** What the page's store does with a snapshot and deltas, reduced to devices and alerts. */
class LocalView {
  version: number;
  readonly devices = new Map<string, Map<string, Device>>();
  readonly alerts = new Map<string, Map<string, Alert>>();
  readonly gaps: string[] = [];

  constructor(snapshot: FleetSnapshot) {
    this.version = snapshot.version;
    for (const c of snapshot.contents) this.reset(c.siteId, c.devices, c.alerts);
  }

  apply(delta: FleetDelta): void {
    if (delta.previous !== this.version) this.gaps.push(`${this.version} → ${delta.previous}`);
    this.version = delta.version;
    for (const c of delta.resets) this.reset(c.siteId, c.devices, c.alerts);
    for (const { siteId, device } of delta.devices)
      this.devices.get(siteId)?.set(device.id, device);
    for (const { siteId, id } of delta.removedDevices) this.devices.get(siteId)?.delete(id);
    for (const { siteId, alert } of delta.alerts) this.alerts.get(siteId)?.set(alert.id, alert);
    for (const { siteId, id } of delta.removedAlerts) this.alerts.get(siteId)?.delete(id);
  }

  plain(siteId: string) {
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    return {
      devices: [...(this.devices.get(siteId)?.values() ?? [])].sort(byId),
      alerts: [...(this.alerts.get(siteId)?.values() ?? [])].sort(byId),
    };
  }

  private reset(siteId: string, devices: readonly Device[], alerts: readonly Alert[]): void {
    this.devices.set(siteId, new Map(devices.map((d) => [d.id, d])));
    this.alerts.set(siteId, new Map(alerts.map((a) => [a.id, a])));
  }
}

describe('serve: the socket.io bridge on /bridge', () => {
  it('fleet.subscribe returns a snapshot of every site, then deltas that follow it', async () => {
    const f = await started();
    const socket = await client(f);
    const deltas: FleetDelta[] = [];
    socket.on('event', (name: string, payload: FleetDelta) => {
      if (name === 'fleet.delta') deltas.push(payload);
    });
    const snapshot = value(await invoke<FleetSnapshot>(socket, 'fleet.subscribe', {}));
    expect(snapshot.sites.map((s) => [s.id, s.name, s.customer])).toEqual([
      ['site-1', 'Office 1', 'Customer 1'],
      ['site-2', 'Office 2', 'Customer 2'],
    ]);
    expect(snapshot.contents.map((c) => c.devices.length)).toEqual(
      f.sites.map((s) => s.groundTruth().devices.length),
    );
    expect(f.runtime.publisher.subscriberCount).toBe(1);
    expect(f.host.bridgeSubscribers).toBe(1);

    const view = new LocalView(snapshot);
    await waitFor('a few deltas', () => deltas.length >= 5);
    expect(deltas[0]?.previous).toBe(snapshot.version);
    // A failure made on purpose travels site → hub → publisher → socket.
    f.sites[0]?.setDeviceDown('srv-001', true);
    await waitFor('srv-001 down in a delta', () =>
      deltas.some((d) =>
        d.devices.some((x) => x.device.id === 'srv-001' && x.device.status === 'down'),
      ),
    );
    for (const delta of deltas.splice(0)) view.apply(delta);
    socket.on('event', (_name: string, payload: FleetDelta) => {
      view.apply(payload);
    });
    expect(view.gaps).toEqual([]);
    // Stop the sites: their contents stop changing (only health moves on), so the view must
    // settle on exactly what the hub holds.
    for (const site of f.sites) await site.stop();
    const { hub } = f.runtime;
    await waitFor('the view to match the hub', () =>
      f.sites.every((s) => {
        const site = hub.fleet.site(s.siteId);
        return (
          site &&
          JSON.stringify(view.plain(s.siteId)) === JSON.stringify(siteModelToPlain(site.model))
        );
      }),
    );
    expect(view.gaps).toEqual([]);
    expect(view.plain('site-1').devices.find((d) => d.id === 'srv-001')?.status).toBe('down');
  });

  it('answers app.info for a browser, and typed errors for a bad command or bad arguments', async () => {
    const f = await started(1);
    const socket = await client(f);
    expect(value(await invoke<AppInfo>(socket, 'app.info', {}))).toEqual({
      version: expect.any(String) as unknown,
      demo: false,
      host: 'browser',
      thresholds: {
        staleAfterMs: f.runtime.hub.options.staleAfterMs,
        downAfterMs: f.runtime.hub.options.downAfterMs,
      },
    });
    const unknown = await invoke(socket, 'fleet.drop', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    const notAString = await invoke(socket, 42, {});
    expect(notAString).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    const extra = await invoke(socket, 'fleet.subscribe', { all: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
    // A viewer watches; acknowledging an alert at a customer site is not a viewer's to do.
    const ack = await invoke(socket, 'alert.ack', {
      siteId: 'site-1',
      alertId: 'x',
      technician: 'Somebody Else',
      comment: 'acked by a wall TV',
    });
    expect(ack).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'alert.ack: not available to viewers of this board' },
    });
    // No ack function: ignored, and the socket keeps working.
    socket.emit('invoke', 'app.info', {});
    socket.emit('invoke', 'fleet.subscribe', {}, 'not a function');
    expect(value(await invoke<AppInfo>(socket, 'app.info', {})).host).toBe('browser');
    expect(f.runtime.publisher.subscriberCount).toBe(0);
  });

  it('refuses a flood of commands from one socket, and serves it again in the next window', async () => {
    const f = await started(1);
    const socket = await client(f);
    const answers = await Promise.all(
      Array.from({ length: COMMANDS_PER_WINDOW + 5 }, () => invoke(socket, 'app.info', {})),
    );
    const limited = answers.filter((a) => !a.ok);
    expect(limited).toHaveLength(5);
    expect(limited[0]).toEqual({
      ok: false,
      error: { code: 'rate-limited', message: 'more than 20 commands in 10 s' },
    });
  });

  it('a second subscribe replaces the first; disconnecting unsubscribes', async () => {
    const f = await started(1);
    const a = await client(f);
    const b = await client(f);
    let aDeltas = 0;
    a.on('event', () => aDeltas++);
    value(await invoke(a, 'fleet.subscribe', {}));
    value(await invoke(a, 'fleet.subscribe', {}));
    value(await invoke(b, 'fleet.subscribe', {}));
    expect(f.runtime.publisher.subscriberCount).toBe(2);
    await waitFor('deltas to a', () => aDeltas > 0);
    const before = aDeltas;
    await sleep(600);
    // One registration per socket: at most one delta per publisher tick (200 ms), not two.
    expect(aDeltas - before).toBeLessThanOrEqual(4);
    a.disconnect();
    await waitFor('a unsubscribed', () => f.runtime.publisher.subscriberCount === 1);
    expect(f.host.bridgeSubscribers).toBe(1);
  });

  it('close() disconnects every viewer and leaves no socket, timer or registration', async () => {
    const f = await started(2);
    const sockets = [await client(f), await client(f)];
    for (const s of sockets) value(await invoke(s, 'fleet.subscribe', {}));
    expect(f.runtime.publisher.subscriberCount).toBe(2);
    expect(f.host.openConnections).toBe(2);
    const gone = sockets.map(
      (s) =>
        new Promise<string>((resolve) => {
          s.once('disconnect', resolve);
        }),
    );
    await f.host.close();
    // Connections are cut, not closed politely: the page sees 'transport close' and so keeps
    // retrying until a restarted host is back, as a wall screen should.
    for (const reason of await Promise.all(gone)) expect(reason).toBe('transport close');
    expect(f.host.openConnections).toBe(0);
    expect(f.host.bridgeSubscribers).toBe(0);
    expect(f.runtime.publisher.subscriberCount).toBe(0);
    const late = bridgeClient(f.host.url);
    clients.push(late);
    await expect(bridgeConnected(late)).rejects.toThrow();
    // Then the runtime: the sites see nobody left from this process.
    expect(f.sites.every((s) => s.connectedClients === 1)).toBe(true);
    await f.runtime.dispose();
    expect(f.runtime.hub.openResources).toBe(0);
    expect(f.runtime.publisher.hasTimer).toBe(false);
    await waitFor('sites to see the hub leave', () =>
      f.sites.every((s) => s.connectedClients === 0),
    );
  });
});
