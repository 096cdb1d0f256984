import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/hub/bridge/commands.js';
import { Hub } from '../../electron/hub/hub.js';
import { DisplaysConfig } from '../../shared/displays/display-layout.js';
import { Publisher } from '../../electron/hub/publisher/publisher.js';
import { COMMAND_NAMES } from '../../shared/bridge/contract.js';
import type { FleetDelta } from '../../shared/bridge/fleet-view.js';
import { commandContext } from '../support/command-context.js';
import { FakeClock } from '../support/fake-clock.js';

/**
 * The screens of the wall over the bridge: a viewer (a wall TV) may read them, nothing more; a
 * technician sets, takes off and resets them, and every window is told with the next delta.
 */

const hubs: Hub[] = [];
afterEach(() => {
  for (const hub of hubs.splice(0)) hub.dispose();
});

function rig() {
  const hub = new Hub(
    {
      staleAfterMs: 1000,
      downAfterMs: 5000,
      reconnect: { initialDelayMs: 100, maxDelayMs: 1000 },
      sites: [{ id: 'hq', customer: 'Acme', url: 'http://127.0.0.1:9', token: 't' }],
      displays: DisplaysConfig.parse([
        { display: 3, playlist: [{ show: { view: 'sla' } }] },
        { display: 1, name: 'Left', playlist: [{ show: { view: 'wall', customers: ['Acme'] } }] },
      ]),
    },
    { clock: new FakeClock(0) },
  );
  hubs.push(hub);
  const viewer = commandContext(hub, null);
  const technician = commandContext(hub, 'Ana');
  return { hub, viewer, technician };
}

const ALERTS_ONLY = { display: 3, playlist: [{ show: { view: 'alerts' } }], zoom: 1.25 };

describe('displays over the bridge', () => {
  it('gives a viewer every screen by number, and one screen by its number (null when none)', async () => {
    const { viewer } = rig();
    const list = await runCommand('displays.list', {}, viewer);
    expect(list).toMatchObject({
      ok: true,
      value: [
        { layout: { display: 1 }, state: 'config', changedBy: null },
        { layout: { display: 3 }, state: 'config', changedBy: null },
      ],
    });
    const one = await runCommand('displays.layout', { display: 1 }, viewer);
    expect(one).toMatchObject({ ok: true, value: { display: 1, name: 'Left' } });
    expect(await runCommand('displays.layout', { display: 2 }, viewer)).toEqual({
      ok: true,
      value: null,
    });
    const bad = await runCommand('displays.layout', { display: 0 }, viewer);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
  });
});

describe('a technician changes the screens over the bridge', () => {
  it('sets a layout, and every window hears of it with the next delta', async () => {
    const { hub, technician, viewer } = rig();
    const publisher = new Publisher(hub.fleet, new FakeClock(0), 0);
    const deltas: FleetDelta[] = [];
    const { snapshot } = publisher.subscribe((delta) => deltas.push(delta));
    expect(snapshot.screens).toEqual({ version: 0, identifyUntil: null });
    const set = await runCommand(
      'displays.set',
      { layout: ALERTS_ONLY, basedOn: { revision: hub.screens.list()[1]?.revision ?? 0 } },
      technician,
    );
    expect(set).toMatchObject({ ok: true, value: { state: 'changed', changedBy: 'Ana' } });
    publisher.flush();
    expect(deltas.map((d) => d.screens.version)).toEqual([1]);
    expect(await runCommand('displays.layout', { display: 3 }, viewer)).toMatchObject({
      ok: true,
      value: { playlist: [{ show: { view: 'alerts' } }], zoom: 1.25 },
    });
    publisher.dispose();
  });

  it('asks every screen to show its number: in the next delta, until 8 s on', async () => {
    const { hub, technician } = rig();
    const publisher = new Publisher(hub.fleet, new FakeClock(0), 0);
    const deltas: FleetDelta[] = [];
    publisher.subscribe((delta) => deltas.push(delta));
    expect(await runCommand('displays.identify', {}, technician)).toEqual({
      ok: true,
      value: { until: 8000 },
    });
    publisher.flush();
    expect(deltas.map((d) => d.screens)).toEqual([{ version: 0, identifyUntil: 8000 }]);
    publisher.dispose();
  });

  it('takes a screen off and puts it back; refuses what cannot be done, saying why', async () => {
    const { hub, technician, viewer } = rig();
    const look = (display: number) => ({
      display,
      basedOn: {
        revision: hub.screens.list().find((e) => e.layout.display === display)?.revision ?? 0,
      },
    });
    const before = look(1);
    expect(await runCommand('displays.remove', before, technician)).toMatchObject({
      ok: true,
      value: { state: 'removed', changedBy: 'Ana' },
    });
    // From the look before it: refused, saying what happened meanwhile.
    expect(await runCommand('displays.reset', before, technician)).toEqual({
      ok: false,
      error: {
        code: 'refused',
        message:
          'displays.reset: screen 1 was taken off by Ana since you looked: look again, then change it',
      },
    });
    expect(await runCommand('displays.layout', { display: 1 }, viewer)).toEqual({
      ok: true,
      value: null,
    });
    expect(await runCommand('displays.reset', look(1), technician)).toMatchObject({
      ok: true,
      value: { state: 'config' },
    });
    // A layout naming a site the hub does not know: refused, naming the field.
    const nowhere = await runCommand(
      'displays.set',
      {
        layout: { display: 4, playlist: [{ show: { view: 'site', siteId: 'nope' } }] },
        basedOn: 'new',
      },
      technician,
    );
    expect(nowhere).toEqual({
      ok: false,
      error: {
        code: 'refused',
        message: 'displays.set: playlist[0].show.siteId: no site "nope" in sites',
      },
    });
    expect(await runCommand('displays.remove', look(9), technician)).toEqual({
      ok: false,
      error: {
        code: 'refused',
        message: 'displays.remove: screen 9 is not on the list (any more): look again',
      },
    });
  });

  it('refuses a viewer, and a layout out of range, naming the field', async () => {
    const { technician, viewer } = rig();
    for (const [name, args] of [
      ['displays.set', { layout: ALERTS_ONLY, basedOn: 'new' }],
      ['displays.remove', { display: 1, basedOn: { revision: 0 } }],
      ['displays.reset', { display: 1, basedOn: { revision: 0 } }],
      ['displays.identify', {}],
    ] as const) {
      expect(await runCommand(name, args, viewer)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    // The desktop (no command list) with no technician: the hub's own check refuses it.
    const nobody = { ...commandContext(technician.hub, null), allowed: new Set(COMMAND_NAMES) };
    expect(
      await runCommand('displays.reset', { display: 1, basedOn: { revision: 0 } }, nobody),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const bad = await runCommand(
      'displays.set',
      {
        layout: {
          ...ALERTS_ONLY,
          zoom: 9,
          playlist: [{ show: { view: 'alerts' }, dwellSeconds: 1 }],
        },
        basedOn: 'new',
      },
      technician,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('bad-arguments');
      expect(bad.error.message).toContain('layout.playlist[0].dwellSeconds');
      expect(bad.error.message).toContain('layout.zoom');
    }
  });
});
