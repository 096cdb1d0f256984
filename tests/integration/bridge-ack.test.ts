import { afterEach, describe, expect, it } from 'vitest';
import { IPC_EVENT } from '../../shared/bridge/channels.js';
import type { BridgeResult } from '../../shared/bridge/contract.js';
import { FleetSnapshot, type FleetDelta } from '../../shared/bridge/fleet-view.js';
import {
  GAP,
  emptyFleetModel,
  reduceDelta,
  reduceSnapshot,
  type FleetModel,
} from '../../shared/fleet/fleet-reducer.js';
import type { Alert } from '../../shared/protocol/alert.js';
import { TechnicianAction } from '../../shared/alerts/technician-action.js';
import { systemClock } from '../../shared/system-clock.js';
import { Hub } from '../../electron/hub/hub.js';
import { Publisher } from '../../electron/hub/publisher/publisher.js';
import type { HubRuntime } from '../../electron/hub/runtime.js';
import { BOARD_URL, isOwnPage } from '../../electron/main/app-file.js';
import { setupBridgeIpc } from '../../electron/main/bridge-ipc.js';
import { SimSite } from '../../simulator/site-server.js';
import { FakeIpcMain, FakeSender } from '../support/fake-ipc.js';
import { testHubOptions } from '../support/hub-harness.js';
import { waitFor } from '../support/wait.js';
import { memoryRuntime } from '../support/memory-runtime.js';

/**
 * An acknowledgement as the desktop app carries it: the page invokes `alert.ack` over the IPC
 * bridge (Electron's objects faked, everything behind them real), the hub forwards it to a
 * simulated site on 127.0.0.1, the site records it and says so, and the alert comes back to the
 * page acknowledged in a fleet delta.
 */

const TOKEN = 'ack-test-token';
const SITE = 'ack-site';
const TECHNICIAN = 'Dana Whitfield';
const COMMENT = 'on site, replacing the PSU';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The page: a snapshot, then every delta the main process sent it, through the page's reducer. */
function pageModel(snapshot: FleetSnapshot, sender: FakeSender): FleetModel {
  let model: FleetModel = reduceSnapshot(emptyFleetModel, snapshot);
  for (const delta of deltasTo(sender)) {
    const next = reduceDelta(model, delta);
    if (next === GAP) throw new Error(`the page missed a delta before version ${delta.version}`);
    model = next;
  }
  return model;
}

function deltasTo(sender: FakeSender): FleetDelta[] {
  return sender.sent
    .filter(([channel, name]) => channel === IPC_EVENT && name === 'fleet.delta')
    .map(([, , delta]) => delta as FleetDelta);
}

/** A command's value, or the error it came back with. */
function value(result: BridgeResult<unknown>): unknown {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function desktopWithOneSite() {
  const site = new SimSite({
    siteId: SITE,
    name: 'Ack Office',
    customer: 'Ack Customer',
    timeZone: 'UTC',
    token: TOKEN,
    devices: 20,
    scenario: 'calm',
    seed: 'ack',
    tickMs: 200,
    heartbeatMs: 200,
    failureRate: 0,
  });
  const url = await site.start();
  cleanups.push(() => site.stop());
  const options = testHubOptions([{ id: SITE, customer: 'Ack Customer', url, token: TOKEN }]);
  // The desktop's technician comes from the config, never from the page.
  const hub = new Hub({ ...options, technician: TECHNICIAN }, { clock: systemClock });
  const publisher = new Publisher(hub.fleet, systemClock, 50);
  const runtime: HubRuntime = memoryRuntime(hub, publisher, {
    dispose: () => {
      publisher.dispose();
      hub.dispose();
      return Promise.resolve();
    },
  });
  cleanups.push(() => runtime.dispose());
  const ipc = new FakeIpcMain();
  const disposeIpc = setupBridgeIpc(ipc, runtime, isOwnPage, { logError: () => undefined });
  cleanups.push(disposeIpc);
  hub.start();
  await waitFor('the site live', () => hub.health()[0]?.state === 'live');

  const window = new FakeSender(1);
  cleanups.push(() => {
    window.destroy();
  });
  const subscribed = await ipc.call(window, BOARD_URL, 'fleet.subscribe', {});
  const snapshot = FleetSnapshot.parse(value(subscribed));
  return { site, hub, publisher, ipc, window, snapshot, disposeIpc };
}

describe('alert.ack: page → IPC bridge → hub → site → back to the page', () => {
  it("acknowledges an open alert in the configured technician's name: pending on the page, then confirmed", async () => {
    const { site, ipc, window, snapshot } = await desktopWithOneSite();
    const server = site.groundTruth().devices.find((d) => d.kind === 'server');
    if (!server) throw new Error('the simulated site has no server');
    site.setDeviceDown(server.id, true);
    const alertOnPage = (model: FleetModel): Alert | undefined =>
      [...(model.alerts.get(SITE)?.values() ?? [])].find((a) => a.deviceId === server.id);
    const alert = await waitFor('the alert on the page', () =>
      alertOnPage(pageModel(snapshot, window)),
    );
    expect(alert.ack).toBeNull();

    const result = await ipc.call(window, BOARD_URL, 'alert.ack', {
      siteId: SITE,
      alertId: alert.id,
      comment: COMMENT,
    });
    const action = TechnicianAction.parse(value(result));
    // Answered at once, pending: the site has not been asked yet, or has not answered.
    expect(action).toMatchObject({
      siteId: SITE,
      alertId: alert.id,
      kind: 'ack',
      technician: TECHNICIAN,
      comment: COMMENT,
      delivery: 'pending',
    });

    // The page follows it to confirmed, through fleet deltas.
    const confirmed = await waitFor('the confirmation on the page', () => {
      const shown = pageModel(snapshot, window).actions.get(SITE)?.get(alert.id);
      return shown?.delivery === 'confirmed' ? shown : null;
    });
    expect(confirmed).toMatchObject({ ackId: action.ackId, technician: TECHNICIAN });

    // The site holds the acknowledgement under the id the hub gave it, once.
    const recorded = site.groundTruth().alerts.find((a) => a.id === alert.id);
    expect(recorded?.ack).toMatchObject({
      ackId: action.ackId,
      technician: TECHNICIAN,
      comment: COMMENT,
    });
    expect(site.acks.receivedCount(action.ackId)).toBe(1);

    // And the alert itself comes back acknowledged.
    const acked = await waitFor('the acknowledgement on the page', () => {
      const shown = alertOnPage(pageModel(snapshot, window));
      return shown?.ack ? shown : null;
    });
    expect(acked.ack).toEqual(recorded?.ack);
  });

  it('refuses a page that names the technician itself, an alert that is not open, and an unknown site', async () => {
    const { site, ipc, window } = await desktopWithOneSite();
    const before = site.groundTruth().alerts;
    const forged = await ipc.call(window, BOARD_URL, 'alert.ack', {
      siteId: SITE,
      alertId: 'a-1',
      technician: 'Someone Else',
      comment: COMMENT,
    });
    expect(forged).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
    const unknownAlert = await ipc.call(window, BOARD_URL, 'alert.ack', {
      siteId: SITE,
      alertId: 'no-such-alert',
      comment: COMMENT,
    });
    expect(unknownAlert).toEqual({
      ok: false,
      error: {
        code: 'refused',
        message: `alert.ack: no open alert "no-such-alert" at site "${SITE}"`,
      },
    });
    const unknownSite = await ipc.call(window, BOARD_URL, 'alert.ack', {
      siteId: 'elsewhere',
      alertId: 'a-1',
      comment: COMMENT,
    });
    expect(unknownSite).toEqual({
      ok: false,
      error: { code: 'refused', message: 'alert.ack: no site "elsewhere"' },
    });
    expect(site.groundTruth().alerts).toEqual(before);
    expect(site.acks.ids()).toEqual([]);
  });

  it('leaves no subscription, socket or timer behind once the window and the wiring go', async () => {
    const { hub, publisher, ipc, window, disposeIpc } = await desktopWithOneSite();
    expect(publisher.subscriberCount).toBe(1);
    window.destroy();
    expect(publisher.subscriberCount).toBe(0);
    disposeIpc();
    expect(ipc.handlers.size).toBe(0);
    publisher.dispose();
    hub.dispose();
    expect(hub.openResources).toBe(0);
    expect(publisher.hasTimer).toBe(false);
  });
});
