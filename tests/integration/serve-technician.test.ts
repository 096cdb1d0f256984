import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeResult } from '../../shared/bridge/contract.js';
import type { AppInfo } from '../../shared/bridge/fleet-view.js';
import type { TechnicianAction } from '../../shared/alerts/technician-action.js';
import type { ScheduledWindow } from '../../shared/maintenance/maintenance-window.js';
import { startServeHost } from '../../electron/serve/serve-host.js';
import { VIEWER_COOKIE } from '../../electron/serve/viewer-access.js';
import { waitFor } from '../support/wait.js';
import {
  bridgeClient,
  bridgeConnected,
  startServeFixture,
  VIEWER_TOKEN,
  type ServeFixture,
} from './serve-fixture.js';
import { httpGet } from './serve-http-client.js';

/**
 * Technicians on `serve`: each signs in with a token of their own; every action they take
 * carries their verified name; a viewer stays read-only; the page cannot choose who acts.
 */

/** A UTC instant as Berlin's wall clock, "YYYY-MM-DDTHH:MM". */
function berlinLocal(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

const DANA = { name: 'Dana Whitfield', token: 'dana-token-0123456789abcdef' };
let fx: ServeFixture;
const clients: Socket[] = [];

beforeAll(async () => {
  fx = await startServeFixture({
    sites: 1,
    devices: 10,
    viewerToken: VIEWER_TOKEN,
    technicians: [DANA],
  });
  await waitFor('live', () => fx.runtime.hub.health()[0]?.state === 'live');
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await fx.close();
});

async function connect(auth: Record<string, unknown>, headers: Record<string, string> = {}) {
  const socket = bridgeClient(fx.host.url, auth, headers);
  clients.push(socket);
  await bridgeConnected(socket);
  return socket;
}

function invoke<T>(socket: Socket, name: string, args: unknown): Promise<BridgeResult<T>> {
  return socket.timeout(5000).emitWithAck('invoke', name, args) as Promise<BridgeResult<T>>;
}

async function openAlert(): Promise<string> {
  const site = fx.sites[0];
  if (!site) throw new Error('no site');
  const server = site.groundTruth().devices.find((d) => d.kind === 'server');
  if (!server) throw new Error('no server');
  site.setDeviceDown(server.id, true);
  return waitFor(
    'the alert at the hub',
    () =>
      [...(fx.runtime.hub.fleet.modelOf(site.siteId)?.alerts.values() ?? [])].find(
        (a) => a.deviceId === server.id,
      )?.id,
  );
}

describe('serve: technicians sign in with their own tokens', () => {
  it('tells each window who it acts as: the technician, or nobody (a viewer)', async () => {
    const technician = await connect({ token: DANA.token });
    const viewer = await connect({ token: VIEWER_TOKEN });
    const infoOf = async (socket: Socket) => {
      const answer = await invoke<AppInfo>(socket, 'app.info', {});
      return answer.ok ? answer.value.technician : answer.error.message;
    };
    expect(await infoOf(technician)).toBe(DANA.name);
    expect(await infoOf(viewer)).toBeNull();
  });

  it('acknowledges in the technician’s verified name; the site records that name', async () => {
    const alertId = await openAlert();
    const socket = await connect({ token: DANA.token });
    const answer = await invoke<TechnicianAction>(socket, 'alert.ack', {
      siteId: 'site-1',
      alertId,
      comment: 'on my way',
    });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value).toMatchObject({ technician: DANA.name, delivery: 'pending' });
    await waitFor('confirmed', () =>
      fx.runtime.hub.fleet.actionOf('site-1', alertId)?.delivery === 'confirmed' ? true : null,
    );
    const atSite = fx.sites[0]?.groundTruth().alerts.find((a) => a.id === alertId);
    expect(atSite?.ack).toMatchObject({ technician: DANA.name, comment: 'on my way' });
  });

  it('refuses a page that names who acts, and a viewer’s forged command', async () => {
    const alertId = await openAlert();
    const technician = await connect({ token: DANA.token });
    const forged = await invoke(technician, 'alert.ack', {
      siteId: 'site-1',
      alertId,
      comment: '',
      technician: 'The Boss',
    });
    expect(forged).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
    const viewer = await connect({ token: VIEWER_TOKEN });
    for (const name of ['alert.ack', 'alert.unack']) {
      const answer = await invoke(viewer, name, { siteId: 'site-1', alertId, comment: '' });
      expect(answer).toEqual({
        ok: false,
        error: { code: 'forbidden', message: `${name}: not available to viewers of this board` },
      });
    }
  });

  it('signs a browser in with ?token=<technician token>: the cookie carries who it is', async () => {
    const page = await httpGet(fx.host.url, `/?token=${DANA.token}`);
    expect(page.status).toBe(200);
    const pair = (page.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    expect(pair).toBe(`${VIEWER_COOKIE}=${DANA.token}`);
    const socket = await connect({}, { Cookie: pair });
    const answer = await invoke<AppInfo>(socket, 'app.info', {});
    expect(answer.ok && answer.value.technician).toBe(DANA.name);
  });

  it('acts on a technician’s cookie only from the board’s own page, not another page of the host', async () => {
    const own = new URL(fx.host.url);
    const cookie = `${VIEWER_COOKIE}=${DANA.token}`;
    const fromOwnPage = await connect({}, { Cookie: cookie, Origin: own.origin });
    const answer = await invoke<AppInfo>(fromOwnPage, 'app.info', {});
    expect(answer.ok && answer.value.technician).toBe(DANA.name);
    // Another port on the same host is the same "site" to SameSite: the cookie goes along.
    const elsewhere = `http://${own.hostname}:${Number(own.port) + 1}`;
    await expect(connect({}, { Cookie: cookie, Origin: elsewhere })).rejects.toThrow(
      "a technician's sign-in is accepted from the board's own page only",
    );
  });

  it('a technician schedules maintenance and cancels it; a viewer may only look', async () => {
    const technician = await connect({ token: DANA.token });
    const viewer = await connect({ token: VIEWER_TOKEN });
    const request = {
      siteId: 'site-1',
      reason: 'ISP swaps the router',
      timeZone: 'Europe/Berlin',
      // Running now: from an hour ago, for three hours (Berlin's wall clock).
      start: berlinLocal(Date.now() - 3_600_000),
      durationMinutes: 180,
    };
    const refused = await invoke(viewer, 'maintenance.create', request);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const created = await invoke<ScheduledWindow>(technician, 'maintenance.create', request);
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value).toMatchObject({ source: 'technician', createdBy: DANA.name });
    const id = created.value.window.id;
    await waitFor('the site in maintenance', () =>
      fx.runtime.hub.fleet.site('site-1')?.maintenance.some((m) => m.windowId === id) ? true : null,
    );
    const listed = await invoke<{ windows: ScheduledWindow[] }>(viewer, 'maintenance.list', {
      siteId: 'site-1',
    });
    expect(listed.ok && listed.value.windows.map((w) => w.window.id)).toEqual([id]);
    expect(await invoke(viewer, 'maintenance.cancel', { windowId: id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await invoke(technician, 'maintenance.cancel', { windowId: id })).toEqual({
      ok: true,
      value: { cancelled: id },
    });
    expect(fx.runtime.hub.fleet.site('site-1')?.maintenance).toEqual([]);
    // A bad window is answered with the field and why.
    const bad = await invoke(technician, 'maintenance.create', {
      ...request,
      rrule: 'FREQ=HOURLY',
    });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        message: expect.stringMatching(
          /^maintenance\.create: rrule: a maintenance recurrence repeats whole days/,
        ) as unknown,
      },
    });
  });

  it('refuses to start when a technician’s token is the viewer token', async () => {
    const start = startServeHost({
      runtime: {
        ...fx.runtime,
        hub: Object.assign(Object.create(fx.runtime.hub) as typeof fx.runtime.hub, {
          options: {
            ...fx.runtime.hub.options,
            technicians: [{ name: 'Sam', token: VIEWER_TOKEN }],
          },
        }),
      },
      host: '127.0.0.1',
      port: 0,
      viewerToken: VIEWER_TOKEN,
      rendererDir: fx.rendererDir,
    });
    await expect(start).rejects.toThrow(
      "technician Sam's token is also the viewer token or another technician's: give each their own",
    );
  });
});
