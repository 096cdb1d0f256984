import { describe, expect, it } from 'vitest';
import { foldAlerts, MAX_DEPTH } from '../../shared/alerts/folding.js';
import type { Alert } from '../../shared/protocol/alert.js';
import type { Device, DeviceStatus } from '../../shared/protocol/device.js';

/**
 * The folding tree: gateway → core switch → access switch → hosts. Each case sets which devices
 * are down and which alerts are open, and checks what is visible and what is folded where.
 */

const TREE: readonly [string, string | null, string][] = [
  ['gw', null, 'Gateway'],
  ['core', 'gw', 'Core switch'],
  ['edge', 'core', 'Access switch 2'],
  ['srv', 'core', 'File server'],
  ['ws1', 'edge', 'Reception PC'],
  ['ws2', 'edge', 'Finance PC'],
  ['prn', 'edge', 'Printer'],
];

function devices(
  down: readonly string[] = [],
  unknown: readonly string[] = [],
): Map<string, Device> {
  return new Map(
    TREE.map(([id, parentId, name]) => {
      const status: DeviceStatus = down.includes(id)
        ? 'down'
        : unknown.includes(id)
          ? 'unknown'
          : 'up';
      const device: Device = {
        id,
        name,
        kind: 'server',
        status,
        parentId,
        metrics: {},
        security: null,
        updatedAt: 0,
      };
      return [id, device];
    }),
  );
}

function alerts(...specs: (readonly [string, string | null])[]): Map<string, Alert> {
  return new Map(
    specs.map(([id, deviceId]) => [
      id,
      {
        id,
        deviceId,
        check: `check-${id}`,
        severity: 'high',
        title: id,
        detail: '',
        raisedAt: 0,
        updatedAt: 0,
        ack: null,
      },
    ]),
  );
}

const SITE = { name: 'Acme HQ', unreachable: false };

describe('foldAlerts', () => {
  it('folds everything beneath a down core switch under one incident; its own alert is the headline', () => {
    const open = alerts(
      ['core-ping', 'core'],
      ['edge-ping', 'edge'],
      ['srv-ping', 'srv'],
      ['ws1-ping', 'ws1'],
      ['ws2-nodata', 'ws2'],
      ['gw-cpu', 'gw'], // above the cause: not explained by it
      ['site-wan', null], // the site as a whole
    );
    const folding = foldAlerts(SITE, devices(['core'], ['edge', 'srv', 'ws1', 'ws2', 'prn']), open);
    expect(folding.roots).toEqual([
      {
        key: 'device:core',
        kind: 'device-down',
        deviceId: 'core',
        title: 'Core switch down',
        own: ['core-ping'],
        folded: ['edge-ping', 'srv-ping', 'ws1-ping', 'ws2-nodata'],
      },
    ]);
    expect([...folding.foldedInto.values()]).toEqual(Array(4).fill('device:core'));
    expect(folding.unfolded).toEqual(['gw-cpu', 'site-wan']);
  });

  it('nested parents: everything folds under the topmost down device, not the nearest', () => {
    const open = alerts(
      ['gw-ping', 'gw'],
      ['core-ping', 'core'],
      ['edge-ping', 'edge'],
      ['ws1-ping', 'ws1'],
    );
    const folding = foldAlerts(SITE, devices(['gw', 'core', 'edge']), open);
    expect(folding.roots.map((r) => [r.key, r.own, r.folded])).toEqual([
      ['device:gw', ['gw-ping'], ['core-ping', 'edge-ping', 'ws1-ping']],
    ]);
    expect(folding.unfolded).toEqual([]);
  });

  it('a parent recovering while a child stays down: the child becomes the cause of what is beneath it', () => {
    const open = alerts(
      ['edge-ping', 'edge'],
      ['ws1-ping', 'ws1'],
      ['ws2-ping', 'ws2'],
      ['srv-disk', 'srv'],
    );
    const folding = foldAlerts(SITE, devices(['edge']), open);
    expect(folding.roots.map((r) => [r.title, r.own, r.folded])).toEqual([
      ['Access switch 2 down', ['edge-ping'], ['ws1-ping', 'ws2-ping']],
    ]);
    // The server hangs off the recovered core switch: its alert stands alone again.
    expect(folding.unfolded).toEqual(['srv-disk']);
  });

  it('a root whose device has a blank name is titled by its id', () => {
    const tree = devices(['edge']);
    const edge = tree.get('edge');
    if (!edge) throw new Error('no edge');
    tree.set('edge', { ...edge, name: ' \u200B ' });
    const folding = foldAlerts(SITE, tree, alerts(['edge-ping', 'edge'], ['ws1-ping', 'ws1']));
    expect(folding.roots.map((r) => r.title)).toEqual(['edge down']);
  });

  it('a down device with nothing beneath it alerting is no incident: its alert shows as it is', () => {
    const folding = foldAlerts(SITE, devices(['prn']), alerts(['prn-ping', 'prn']));
    expect(folding.roots).toEqual([]);
    expect(folding.unfolded).toEqual(['prn-ping']);
  });

  it('a site going unreachable folds all of its alerts under the site', () => {
    const open = alerts(['core-ping', 'core'], ['ws1-ping', 'ws1'], ['site-wan', null]);
    const folding = foldAlerts({ name: 'Acme HQ', unreachable: true }, devices(['core']), open);
    expect(folding.roots).toEqual([
      {
        key: 'site',
        kind: 'site-unreachable',
        deviceId: null,
        title: 'Acme HQ unreachable',
        own: [],
        folded: ['core-ping', 'ws1-ping', 'site-wan'],
      },
    ]);
    expect(folding.unfolded).toEqual([]);
    // Unreachable with nothing open: nothing to show.
    expect(foldAlerts({ name: 'Acme HQ', unreachable: true }, devices(), new Map()).roots).toEqual(
      [],
    );
  });

  it('survives a parent cycle and a chain longer than it follows, from a site whose data is wrong', () => {
    const looped = devices(['gw']);
    const gw = looped.get('gw');
    if (!gw) throw new Error('no gateway');
    looped.set('gw', { ...gw, parentId: 'ws1' }); // gw → … → ws1 → edge → core → gw
    const folding = foldAlerts(SITE, looped, alerts(['ws2-ping', 'ws2']));
    expect(folding.roots.map((r) => r.key)).toEqual(['device:gw']);
    const chain = new Map<string, Device>();
    for (let i = 0; i <= MAX_DEPTH + 5; i++) {
      chain.set(`d${i}`, {
        id: `d${i}`,
        name: `d${i}`,
        kind: 'switch',
        status: i === 0 ? 'down' : 'up',
        parentId: i === 0 ? null : `d${i - 1}`,
        metrics: {},
        security: null,
        updatedAt: 0,
      });
    }
    // The down root is beyond the depth followed: the alert is not folded (and nothing hangs).
    const deep = foldAlerts(SITE, chain, alerts(['leaf', `d${MAX_DEPTH + 5}`]));
    expect(deep.unfolded).toEqual(['leaf']);
  });
});
