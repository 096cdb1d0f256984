import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { checkEvent } from '../../shared/bridge/check-payload.js';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/bridge/contract.js';
import type { FleetDelta } from '../../shared/bridge/fleet-view.js';
import { createPreloadBridge, type IpcRendererLike } from '../../electron/preload/bridge.js';

class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  invoked: unknown[][] = [];
  constructor() {
    super();
    // One test registers a hundred listeners on purpose, to prove they all go.
    this.setMaxListeners(0);
  }
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return Promise.resolve({ ok: true, value: null });
  }
}

const delta = (version: number): FleetDelta => ({
  previous: version - 1,
  version,
  at: 0,
  sites: [],
  resets: [],
  devices: [],
  devicePatches: [],
  removedDevices: [],
  alerts: [],
  removedAlerts: [],
  actions: [],
  removedActions: [],
  checks: [],
  removedChecks: [],
  incidents: [],
  removedIncidents: [],
  slaWarnings: [],
  notices: [],
  screens: { version: 0, identifyUntil: null },
});

describe('the preload bridge (window.noc)', () => {
  it('removes exactly the listener it registered when the page unsubscribes', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createPreloadBridge(ipc);
    const seen: unknown[] = [];
    const unsubscribes = Array.from({ length: 100 }, () =>
      bridge.on('fleet.delta', (d) => seen.push(d)),
    );
    expect(ipc.listenerCount(IPC_EVENT)).toBe(100);
    for (const unsubscribe of unsubscribes) unsubscribe();
    // The contextBridge leak: listeners a page could not remove pile up for months.
    expect(ipc.listenerCount(IPC_EVENT)).toBe(0);
    ipc.emit(IPC_EVENT, { sender: 'ipc event object' }, 'fleet.delta', delta(1));
    expect(seen).toEqual([]);
  });

  it('hands the page the payload alone, and only for the event it asked for', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createPreloadBridge(ipc);
    const received: unknown[][] = [];
    bridge.on('fleet.delta', (...args: unknown[]) => received.push(args));
    ipc.emit(IPC_EVENT, { sender: 'ipc event object' }, 'bridge.status', { connected: true });
    ipc.emit(IPC_EVENT, { sender: 'ipc event object' }, 'fleet.delta', delta(2));
    expect(received).toEqual([[delta(2)]]);
  });

  it('sends commands on the invoke channel with their arguments', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createPreloadBridge(ipc);
    await bridge.invoke('app.info', {});
    expect(ipc.invoked).toEqual([[IPC_INVOKE, 'app.info', {}]]);
  });

  it('hands on what the host sent as it is, for the page to check (no zod in the preload)', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createPreloadBridge(ipc);
    const received: unknown[] = [];
    bridge.on('fleet.delta', (payload) => received.push(payload));
    ipc.emit(IPC_EVENT, { sender: 'ipc event object' }, 'fleet.delta', { version: 'nonsense' });
    expect(received).toEqual([{ version: 'nonsense' }]);
    const checked = checkEvent('fleet.delta', received[0]);
    expect(checked.ok ? '' : checked.problem).toMatch(/^fleet\.delta: /);
    // The answer is `unknown` until invokeChecked has checked it: null is passed on, not trusted.
    expect(await bridge.invoke('app.info', {})).toEqual({ ok: true, value: null });
  });
});
