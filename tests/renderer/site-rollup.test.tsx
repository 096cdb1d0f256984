// @vitest-environment happy-dom
import { cleanup, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { devicesRollup, type RollupDevice } from '../../shared/fleet/site-rollup.js';
import type { Device, DeviceStatus } from '../../shared/protocol/device.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { content, delta, device, site, snapshot, T0 } from './fleet-fixtures.js';
import { emit, renderApp, spokenText, tile, wallOrder } from './render-helpers.js';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  window.location.hash = '';
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/**
 * A site shaped like the simulator's: gateway → firewall → switch → `total - 3` workstations,
 * all up except the statuses given by device id.
 */
function siteDevices(
  prefix: string,
  total: number,
  statuses: Readonly<Record<string, DeviceStatus>> = {},
): Device[] {
  const at = (id: string) => statuses[id] ?? 'up';
  const gw = `${prefix}-gw`;
  const fw = `${prefix}-fw`;
  const sw = `${prefix}-sw`;
  const top = [
    device(gw, { kind: 'gateway', parentId: null, status: at(gw), security: null }),
    device(fw, { kind: 'firewall', parentId: gw, status: at(fw), security: null }),
    device(sw, { kind: 'switch', parentId: fw, status: at(sw), security: null }),
  ];
  const hosts = Array.from({ length: total - 3 }, (_, i) => {
    const id = `${prefix}-ws${i + 1}`;
    return device(id, { kind: 'workstation', parentId: sw, status: at(id) });
  });
  return [...top, ...hosts];
}

/** The first `n` workstations of a site, with the given status. */
function workstations(
  prefix: string,
  n: number,
  status: DeviceStatus,
): Record<string, DeviceStatus> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}-ws${i + 1}`, status]));
}

/** The roll-up word as a viewer (and a screen reader) reads it on the site's tile. */
const rollupOf = (container: HTMLElement, siteId: string) =>
  spokenText(within(tile(container, siteId)).getByTestId('site-rollup'));

const countsOf = (container: HTMLElement, siteId: string) =>
  within(within(tile(container, siteId)).getByTestId('status-counts'))
    .getAllByRole('listitem')
    .map(spokenText);

describe('site roll-up on the wall', () => {
  it('calls a site down when its gateway is down, and still counts every status', async () => {
    const fleet = snapshot(
      10,
      [site('s')],
      [content('s', siteDevices('s', 200, { 's-gw': 'down' }))],
    );
    const { container } = await renderApp(new FakeBridge(fleet));
    expect(rollupOf(container, 's')).toBe('Down');
    expect(tile(container, 's').dataset.rollup).toBe('down');
    expect(countsOf(container, 's')).toEqual(['1 down', '199 up']);
  });

  it('calls a site down when its firewall (right behind the gateway) is down', async () => {
    const fleet = snapshot(
      10,
      [site('s')],
      [content('s', siteDevices('s', 200, { 's-fw': 'down' }))],
    );
    const { container } = await renderApp(new FakeBridge(fleet));
    expect(rollupOf(container, 's')).toBe('Down');
  });

  it('calls a site with one workstation (or a switch) down of 200 degraded, not down', async () => {
    const one = snapshot(
      10,
      [site('w'), site('x')],
      [
        content('w', siteDevices('w', 200, { 'w-ws7': 'down' })),
        content('x', siteDevices('x', 200, { 'x-sw': 'down' })),
      ],
    );
    const { container } = await renderApp(new FakeBridge(one));
    expect(rollupOf(container, 'w')).toBe('Degraded');
    expect(tile(container, 'w').dataset.rollup).toBe('degraded');
    expect(countsOf(container, 'w')).toEqual(['1 down', '199 up']);
    expect(rollupOf(container, 'x')).toBe('Degraded');
  });

  it('calls a site degraded for a warning alone, ok when all is up', async () => {
    const fleet = snapshot(
      10,
      [site('w'), site('k')],
      [
        content('w', siteDevices('w', 20, { 'w-ws1': 'warning' })),
        content('k', siteDevices('k', 20)),
      ],
    );
    const { container } = await renderApp(new FakeBridge(fleet));
    expect(rollupOf(container, 'w')).toBe('Degraded');
    expect(rollupOf(container, 'k')).toBe('OK');
    expect(countsOf(container, 'k')).toEqual(['20 up']);
  });

  it('calls a site down when more than the share (25 %) of its devices is down', async () => {
    const fleet = snapshot(
      10,
      [site('t'), site('q')],
      [
        // 60 of 200 (30 %) down: down.
        content('t', siteDevices('t', 200, workstations('t', 60, 'down'))),
        // Exactly 50 of 200 (25 %) is not more than the share: degraded.
        content('q', siteDevices('q', 200, workstations('q', 50, 'down'))),
      ],
    );
    const { container } = await renderApp(new FakeBridge(fleet));
    expect(rollupOf(container, 't')).toBe('Down');
    expect(countsOf(container, 't')).toEqual(['60 down', '140 up']);
    expect(rollupOf(container, 'q')).toBe('Degraded');
  });

  it('takes the share from the hub (AppInfo.siteDownShare)', async () => {
    const fleet = snapshot(
      10,
      [site('t')],
      [content('t', siteDevices('t', 200, workstations('t', 60, 'down')))],
    );
    const { container } = await renderApp(
      new FakeBridge(fleet, { ...DEMO_INFO, siteDownShare: 0.5 }),
    );
    expect(rollupOf(container, 't')).toBe('Degraded');
  });

  it('calls a site unreachable whenever its link is not live, whatever its devices say', async () => {
    const fleet = snapshot(
      10,
      [site('u', 'down'), site('v', 'refused'), site('r', 'connecting'), site('g', 'stale')],
      [
        content('u', siteDevices('u', 200)),
        content('v', siteDevices('v', 200, { 'v-gw': 'down' })),
        content('r', siteDevices('r', 10, { 'r-gw': 'maintenance' })),
        content('g', siteDevices('g', 10, { 'g-ws1': 'warning' })),
      ],
    );
    const { container } = await renderApp(new FakeBridge(fleet));
    for (const id of ['u', 'v', 'r', 'g']) expect(rollupOf(container, id)).toBe('Unreachable');
    // The counts stay visible (the last known statuses, drawn as not current).
    expect(countsOf(container, 'u')).toEqual(['200 up']);
  });

  it('calls a live site unreachable once the page loses the hub', async () => {
    const fleet = snapshot(10, [site('k')], [content('k', siteDevices('k', 20))]);
    const bridge = new FakeBridge(fleet);
    const { container } = await renderApp(bridge);
    expect(rollupOf(container, 'k')).toBe('OK');
    emit(bridge, 'bridge.status', { connected: false });
    expect(rollupOf(container, 'k')).toBe('Unreachable');
  });

  it('calls a site in maintenance when its gateway is, or every device is', async () => {
    const fleet = snapshot(
      10,
      [site('m'), site('n'), site('p')],
      [
        // Planned work on the gateway explains what is down behind it.
        content(
          'm',
          siteDevices('m', 20, { 'm-gw': 'maintenance', ...workstations('m', 10, 'down') }),
        ),
        content(
          'n',
          siteDevices('n', 5, {
            'n-gw': 'maintenance',
            'n-fw': 'maintenance',
            'n-sw': 'maintenance',
            ...workstations('n', 2, 'maintenance'),
          }),
        ),
        // One workstation in maintenance is no problem: ok.
        content('p', siteDevices('p', 20, { 'p-ws1': 'maintenance' })),
      ],
    );
    const { container } = await renderApp(new FakeBridge(fleet));
    expect(rollupOf(container, 'm')).toBe('Maintenance');
    expect(tile(container, 'm').dataset.rollup).toBe('maintenance');
    expect(rollupOf(container, 'n')).toBe('Maintenance');
    expect(rollupOf(container, 'p')).toBe('OK');
  });
});

describe('the wall order', () => {
  /** Named so that the by-name order is the reverse of the by-roll-up one. */
  const named = (id: string, name: string, state: Parameters<typeof site>[1] = 'live') => ({
    ...site(id, state),
    name,
  });

  it('lists the worst roll-up first, then by name; moves a site only when its roll-up changes', async () => {
    const fleet = snapshot(
      10,
      [
        named('ok2', 'Alpha'),
        named('ok1', 'Beta'),
        named('maint', 'Charlie'),
        named('degr', 'Delta'),
        named('down', 'Echo'),
        named('gone', 'Foxtrot', 'down'),
      ],
      [
        content('ok2', siteDevices('ok2', 10)),
        content('ok1', siteDevices('ok1', 10)),
        content('maint', siteDevices('maint', 10, { 'maint-gw': 'maintenance' })),
        content('degr', siteDevices('degr', 10, { 'degr-ws1': 'warning' })),
        content('down', siteDevices('down', 10, { 'down-gw': 'down' })),
        content('gone', siteDevices('gone', 10)),
      ],
    );
    const bridge = new FakeBridge(fleet);
    const { container } = await renderApp(bridge);
    expect(wallOrder(container)).toEqual(['gone', 'down', 'degr', 'maint', 'ok2', 'ok1']);

    // A second device in trouble on the degraded site: same roll-up, same place.
    const ws2 = device('degr-ws2', { kind: 'workstation', parentId: 'degr-sw', status: 'down' });
    emit(bridge, 'fleet.delta', delta(10, { devices: [{ siteId: 'degr', device: ws2 }] }));
    expect(rollupOf(container, 'degr')).toBe('Degraded');
    expect(wallOrder(container)).toEqual(['gone', 'down', 'degr', 'maint', 'ok2', 'ok1']);

    // Beta's gateway goes down: Beta moves up among the down sites, by name after Echo.
    const gw = device('ok1-gw', {
      kind: 'gateway',
      parentId: null,
      status: 'down',
      security: null,
    });
    emit(bridge, 'fleet.delta', delta(11, { devices: [{ siteId: 'ok1', device: gw }] }));
    expect(wallOrder(container)).toEqual(['gone', 'ok1', 'down', 'degr', 'maint', 'ok2']);

    // Back to its place a minute after it recovers: tests/renderer/wall-order-hold.test.tsx.
  });
});

describe('a site that does not report its topology (every parentId null)', () => {
  const flat = (statuses: Readonly<Record<string, DeviceStatus>>) =>
    new Map<string, RollupDevice>(
      Array.from({ length: 200 }, (_, i) => {
        const id = `ws${i + 1}`;
        const kind = i === 0 ? 'server' : 'workstation';
        return [id, { id, kind, parentId: null, status: statuses[id] ?? 'up' }];
      }),
    );

  it('reads one workstation down as degraded, not as the site down', () => {
    expect(devicesRollup(flat({ ws7: 'down' }))).toBe('degraded');
  });

  it('does not let one server in maintenance hide the rest', () => {
    expect(devicesRollup(flat({ ws1: 'maintenance', ws9: 'down' }))).toBe('degraded');
  });

  it('still reads a gateway without a parent, or a root others hang from, as the top', () => {
    const withGateway = flat({});
    withGateway.set('gw', { id: 'gw', kind: 'gateway', parentId: null, status: 'down' });
    expect(devicesRollup(withGateway)).toBe('down');
    const withRoot = flat({ ws1: 'down' });
    withRoot.set('leaf', { id: 'leaf', kind: 'workstation', parentId: 'ws1', status: 'up' });
    expect(devicesRollup(withRoot)).toBe('down');
  });
});
