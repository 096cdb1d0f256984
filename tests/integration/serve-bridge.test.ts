import { COMMAND_LIMIT } from '../../electron/hub/bridge/rate-limit.js';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeResult } from '../../shared/bridge/contract.js';
import { checkEvent } from '../../shared/bridge/check-payload.js';
import { FleetSnapshot, type AppInfo, type FleetDelta } from '../../shared/bridge/fleet-view.js';
import {
  emptyFleetModel,
  GAP,
  reduceDelta,
  reduceSnapshot,
  type FleetModel,
} from '../../shared/fleet/fleet-reducer.js';
import { describeIssues } from '../../shared/protocol/errors.js';
import { siteModelToPlain } from '../../shared/site-model/site-model.js';
import { waitFor } from '../support/wait.js';
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

/**
 * What the page's store does with a snapshot and deltas: the shared fleet reducer, after the
 * page's contract check. `gaps` collects anything that would have made the page resubscribe.
 */
class LocalView {
  private model: FleetModel;
  readonly gaps: string[] = [];

  constructor(snapshot: FleetSnapshot) {
    const checked = FleetSnapshot.safeParse(snapshot);
    if (!checked.success) throw new Error(`invalid snapshot: ${describeIssues(checked.error)}`);
    this.model = reduceSnapshot(emptyFleetModel, checked.data);
  }

  get version(): number | null {
    return this.model.version;
  }

  apply(delta: FleetDelta): void {
    const checked = checkEvent('fleet.delta', delta);
    if (!checked.ok) {
      this.gaps.push(`invalid: ${checked.problem}`);
      return;
    }
    const next = reduceDelta(this.model, checked.value);
    if (next === GAP) this.gaps.push(`${String(this.model.version)} → ${delta.previous}`);
    else this.model = next;
  }

  plain(siteId: string) {
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    return {
      devices: [...(this.model.devices.get(siteId)?.values() ?? [])].sort(byId),
      alerts: [...(this.model.alerts.get(siteId)?.values() ?? [])].sort(byId),
    };
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
      deltas.some(
        (d) =>
          d.devices.some((x) => x.device.id === 'srv-001' && x.device.status === 'down') ||
          d.devicePatches.some((x) => x.id === 'srv-001' && x.status === 'down'),
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
      clockSkewMs: 300_000,
      siteDownShare: 0.25,
      technician: null,
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
      Array.from({ length: COMMAND_LIMIT.max + 5 }, () => invoke(socket, 'app.info', {})),
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
    const seen = new Map<Socket, FleetDelta[]>([
      [a, []],
      [b, []],
    ]);
    for (const [socket, deltas] of seen)
      socket.on('event', (_name: string, delta: FleetDelta) => deltas.push(delta));
    value(await invoke(a, 'fleet.subscribe', {}));
    const again = value(await invoke<FleetSnapshot>(a, 'fleet.subscribe', {}));
    const forB = value(await invoke<FleetSnapshot>(b, 'fleet.subscribe', {}));
    expect(f.runtime.publisher.subscriberCount).toBe(2);
    const after = (socket: Socket, version: number) =>
      (seen.get(socket) ?? []).filter((d) => d.version > version);
    await waitFor('five deltas to both', () => after(b, forB.version).length >= 5);
    await waitFor('a to catch up with b', () =>
      after(a, forB.version).some((d) => d.version === after(b, forB.version)[4]?.version),
    );
    // One registration per socket: a gets each delta once, chained from its second snapshot,
    // exactly as b does (a double registration would deliver every version twice).
    const toA = after(a, again.version);
    expect(toA[0]?.previous).toBe(again.version);
    toA.forEach((d, i) => {
      if (i > 0) expect(d.previous).toBe(toA[i - 1]?.version);
    });
    const versions = (deltas: FleetDelta[]) => deltas.slice(0, 5).map((d) => d.version);
    expect(versions(after(a, forB.version))).toEqual(versions(after(b, forB.version)));
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
