import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { IPC_EVENT } from '../../shared/bridge/contract.js';
import {
  SNAPSHOT_HEAD_DEVICES,
  type FleetDelta,
  type FleetSnapshot,
  type SnapshotPart,
} from '../../shared/bridge/fleet-view.js';
import { Hub } from '../../electron/hub/hub.js';
import { Publisher } from '../../electron/hub/publisher/publisher.js';
import type { HubRuntime } from '../../electron/hub/runtime.js';
import { isOwnPage } from '../../electron/main/app-file.js';
import { setupBridgeIpc } from '../../electron/main/bridge-ipc.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeIpcMain, FakeSender } from '../support/fake-ipc.js';
import { device, sample } from '../support/fleet-fixtures.js';
import { memoryRuntime } from '../support/memory-runtime.js';

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
  const runtime: HubRuntime = memoryRuntime(hub, publisher, { demo: true });
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
      comment: 'ok',
      expiresInMinutes: 0,
    });
    expect(bad).toEqual({
      ok: false,
      error: {
        code: 'bad-arguments',
        message: 'alert.ack: expiresInMinutes: Too small: expected number to be >=1',
      },
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
        // The hub's default: this hub's options name no skew.
        clockSkewMs: 300_000,
        siteDownShare: 0.25,
        // No technician configured: the desktop acts as the operating system's user.
        technician: userInfo().username,
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

  it('sends a big site to a window that asks for parts: its first rows, then the rest, after the answer', async () => {
    const { ipc, hub, clock } = setup();
    const devices = Array.from({ length: 6_000 }, (_, i) => ({
      ...device(`d${i}`),
      status: i === 4_321 ? ('down' as const) : ('up' as const),
    }));
    hub.fleet.replaceSite('a', { stream: 's', seq: 0, at: 0, devices, alerts: [] });
    const sender = new FakeSender(8);
    const result = await ipc.call(sender, PAGE, 'fleet.subscribe', { parts: true });
    const snapshot = (result as { value: FleetSnapshot }).value;
    const head = snapshot.contents[0]?.devices ?? [];
    expect(head).toHaveLength(SNAPSHOT_HEAD_DEVICES);
    expect(head[0]?.id).toBe('d4321');
    expect(snapshot.following?.sites[0]?.counts).toMatchObject({ down: 1, up: 5_999 });
    // The answer first: the parts go out in the tasks after it.
    expect(sender.sent).toEqual([]);
    clock.advance(0);
    const parts = sender.sent.map(([, name, part]) => [name, (part as SnapshotPart).part]);
    expect(parts).toEqual([
      ['fleet.snapshotPart', 1],
      ['fleet.snapshotPart', 2],
    ]);
    const received = sender.sent.flatMap(([, , part]) => (part as SnapshotPart).devices);
    expect(received.length + head.length).toBe(6_000);

    // Asked for whole (a window that holds the fleet): no parts.
    const whole = await ipc.call(sender, PAGE, 'fleet.subscribe', {});
    expect((whole as { value: FleetSnapshot }).value.following).toBeNull();
    expect((whole as { value: FleetSnapshot }).value.contents[0]?.devices).toHaveLength(6_000);
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

  it("refuses a window's reports beyond 20 in 10 s and logs how many once per window", async () => {
    const { ipc, logged, clock } = setup();
    const flooding = new FakeSender(3);
    const report = (sender: FakeSender, n: number) =>
      ipc.call(sender, PAGE, 'app.reportError', {
        scope: 'window:error',
        message: `#${n}`,
        stack: null,
      });

    const answers = [];
    for (let n = 1; n <= 25; n++) answers.push(await report(flooding, n));
    expect(answers.slice(0, 20).map((a) => a.ok)).toEqual(Array<boolean>(20).fill(true));
    expect(answers[20]).toEqual({
      ok: false,
      error: {
        code: 'rate-limited',
        message: 'app.reportError: more than 20 reports in 10 s from this window',
      },
    });
    expect(answers.slice(20).every((a) => !a.ok)).toBe(true);
    // Twenty logged, the five dropped not yet: their count comes once, when the window ends.
    expect(logged).toHaveLength(20);
    // Another window is not held back by this one's flood.
    expect(await report(new FakeSender(4), 0)).toEqual({ ok: true, value: { total: 21 } });

    clock.advance(9_999);
    expect(logged).toHaveLength(21);
    clock.advance(1);
    expect(logged.slice(21)).toEqual([
      'renderer errors: dropped 5 reports from window 3 (more than 20 reports in 10 s); ' +
        '5 dropped since start',
    ]);
    // A new window: the same page is heard again, and its dropped reports were never counted.
    expect(await report(flooding, 26)).toEqual({ ok: true, value: { total: 22 } });
    clock.advance(60_000);
    expect(logged).toHaveLength(23);
  });

  it('logs what a destroyed window dropped at once, and frees its timer and listeners', async () => {
    const { ipc, logged, clock, dispose } = setup();
    const timersBefore = clock.pendingCount;
    const flooding = new FakeSender(5);
    for (let n = 0; n < 22; n++) {
      await ipc.call(flooding, PAGE, 'app.reportError', {
        scope: 's',
        message: `${n}`,
        stack: null,
      });
    }
    expect(clock.pendingCount).toBe(timersBefore + 1);
    expect(flooding.listenerCount('destroyed')).toBe(1);
    flooding.destroy();
    expect(logged.at(-1)).toBe(
      'renderer errors: dropped 2 reports from window 5 (more than 20 reports in 10 s); ' +
        '2 dropped since start',
    );
    expect(clock.pendingCount).toBe(timersBefore);

    // Dispose leaves nothing behind on windows still open, whatever they called.
    const open = new FakeSender(6);
    await ipc.call(open, PAGE, 'app.info', {});
    for (let n = 0; n < 21; n++) {
      await ipc.call(open, PAGE, 'app.reportError', { scope: 's', message: `${n}`, stack: null });
    }
    expect(open.listenerCount('destroyed')).toBe(1);
    dispose();
    expect(open.listenerCount('destroyed')).toBe(0);
    expect(clock.pendingCount).toBe(timersBefore);
    expect(logged.at(-1)).toMatch(/^renderer errors: dropped 1 report from window 6 /);
  });
});
