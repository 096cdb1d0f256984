import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { checkEvent, checkResult } from '../../shared/bridge/check-payload.js';
import {
  bridgeResult,
  commands,
  type BridgeError,
  type BridgeEvents,
  type BridgeResult,
  type CommandName,
  type CommandResult,
  type NocBridge,
} from '../../shared/bridge/contract.js';
import type { AppInfo, FleetDelta } from '../../shared/bridge/fleet-view.js';
import { sendEvent } from '../../electron/main/bridge-ipc.js';
import { emitEvent } from '../../electron/serve/bridge-socket.js';
import { FakeSender } from '../support/fake-ipc.js';

/**
 * What the types promise about the bridge, checked by `tsc -b` (these files are type-checked
 * with the rest; a broken promise is a compile error), plus what the host helpers really send.
 */

const delta: FleetDelta = {
  previous: 0,
  version: 1,
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
};

describe('the raw bridge says what it knows: nothing, until the page has checked it', () => {
  it('hands listeners `unknown` and resolves commands to `unknown`', () => {
    type Listener = Parameters<NocBridge['on']>[1];
    expectTypeOf<Parameters<Listener>[0]>().toBeUnknown();
    expectTypeOf<ReturnType<NocBridge['invoke']>>().toEqualTypeOf<Promise<unknown>>();
  });

  it('gives types only through the checks', () => {
    expectTypeOf(checkEvent<'fleet.delta'>)
      .returns.extract<{ ok: true }>()
      .toHaveProperty('value')
      .toEqualTypeOf<FleetDelta>();
    expectTypeOf(checkResult<'app.info'>).returns.toEqualTypeOf<BridgeResult<AppInfo>>();
  });
});

describe('BridgeResult is the envelope schema, not a type written beside it', () => {
  it('is what bridgeResult() parses, for every command', () => {
    type Parsed = {
      [K in CommandName]: (typeof commands)[K]['result'] extends infer S extends z.ZodType
        ? Readonly<z.output<ReturnType<typeof bridgeResult<S>>>>
        : never;
    };
    type Typed = { [K in CommandName]: BridgeResult<CommandResult<K>> };
    expectTypeOf<Parsed>().toEqualTypeOf<Typed>();
    expectTypeOf<BridgeResult<AppInfo>>().toEqualTypeOf<
      | { readonly ok: true; readonly value: AppInfo }
      | { readonly ok: false; readonly error: BridgeError }
    >();
  });
});

describe("the hosts' event helpers", () => {
  it('Electron: sends contract events to a live window, and nothing else compiles', () => {
    const sender = new FakeSender(1);
    sendEvent(sender, 'fleet.delta', delta);
    // @ts-expect-error -- a misspelt event name
    sendEvent(sender, 'fleet.delat', delta);
    // @ts-expect-error -- a payload that is not a delta
    sendEvent(sender, 'fleet.delta', { version: 2 });
    // @ts-expect-error -- the connection status is the page's transport's to say, never a host's
    sendEvent(sender, 'bridge.status', { connected: true } satisfies BridgeEvents['bridge.status']);
    expect(sender.sent[0]).toEqual(['noc:event', 'fleet.delta', delta]);
    sender.destroy();
    sendEvent(sender, 'fleet.delta', delta);
    expect(sender.sent).toHaveLength(4);
  });

  it('serve: emits contract events on the socket, and nothing else compiles', () => {
    const emitted: unknown[][] = [];
    const socket = {
      emit: (...args: unknown[]) => emitted.push(args),
    };
    emitEvent(socket, 'fleet.delta', delta);
    // @ts-expect-error -- a misspelt event name
    emitEvent(socket, 'fleet-delta', delta);
    // @ts-expect-error -- a payload that is not a delta
    emitEvent(socket, 'fleet.delta', { ...delta, version: '2' });
    expect(emitted[0]).toEqual(['event', 'fleet.delta', delta]);
  });
});
