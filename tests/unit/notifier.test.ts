import { describe, expect, it } from 'vitest';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { Notifier } from '../../electron/hub/notify/notifier.js';
import type { Notice } from '../../shared/notify/notice.js';
import { NotifyConfig } from '../../shared/notify/notify-config.js';
import type { Alert } from '../../shared/protocol/alert.js';
import type { Device } from '../../shared/protocol/device.js';
import { SITE_UNREACHABLE_ID } from '../../shared/alerts/hub-alerts.js';
import { FakeClock } from '../support/fake-clock.js';
import { alert, device } from '../support/fleet-fixtures.js';

/**
 * The hub's notifier on a real fleet state with fake time: new alerts become notices after the
 * group wait, a storm under a down core switch becomes one notice naming it, the first snapshot
 * is the baseline, and alerts in maintenance, on flapping checks or acknowledged are not told.
 */

const T0 = Date.UTC(2026, 11, 2, 12, 0);

function rig(config: unknown = {}) {
  const clock = new FakeClock(T0);
  const fleet = new FleetState(
    [
      { id: 'hq', customer: 'Acme', name: 'Acme HQ' },
      { id: 'br', customer: 'Globex', name: 'Globex Branch' },
    ],
    { clock },
  );
  // Both sites' first snapshot: a core switch, 60 PCs beneath it, one old alert (the baseline).
  for (const siteId of ['hq', 'br']) {
    fleet.replaceSite(siteId, {
      stream: 'x',
      seq: 1,
      at: T0,
      devices: [
        device('core', { kind: 'switch', name: 'Core switch' }),
        ...Array.from({ length: 60 }, (_, i) => device(`pc${i}`, { parentId: 'core' })),
      ],
      alerts: [alert('old', 'pc0')],
    });
  }
  const notifier = new Notifier(fleet, clock, NotifyConfig.parse(config));
  const seen: Notice[] = [];
  notifier.subscribe((notices) => seen.push(...notices));
  let seq = 1;
  const raise = (siteId: string, a: Alert) => {
    fleet.applyEvents(siteId, [{ seq: ++seq, at: clock.now(), type: 'alert.raise', alert: a }]);
  };
  const deviceDown = (siteId: string, d: Device) => {
    fleet.applyEvents(siteId, [{ seq: ++seq, at: clock.now(), type: 'device.upsert', device: d }]);
  };
  return { clock, fleet, notifier, seen, raise, deviceDown };
}

const disaster = (id: string, deviceId: string): Alert => ({
  ...alert(id, deviceId),
  severity: 'disaster',
  title: `${deviceId} down`,
});

describe('Notifier', () => {
  it('tells a new alert after the group wait, not the ones open at the first snapshot', () => {
    const { clock, seen, raise } = rig();
    raise('hq', disaster('a1', 'pc3'));
    clock.advance(4999);
    expect(seen).toEqual([]);
    clock.advance(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      title: 'Disaster: pc3 down',
      body: 'Acme HQ · Acme',
      target: { view: 'site', siteId: 'hq', alertId: 'a1' },
      sound: true,
    });
    clock.advance(600_000);
    expect(seen).toHaveLength(1);
  });

  it('makes a storm under a down core switch one notice that names the switch', () => {
    const { clock, seen, raise, deviceDown } = rig();
    deviceDown('hq', device('core', { kind: 'switch', name: 'Core switch', status: 'down' }));
    raise('hq', disaster('core-down', 'core'));
    for (let i = 1; i < 60; i++) {
      clock.advance(50);
      raise('hq', alert(`pc${i}-ping`, `pc${i}`));
    }
    clock.advance(120_000);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.title).toBe('60 new alerts at Acme HQ');
    expect(seen[0]?.body).toContain('Root cause: Core switch down');
    expect(seen[0]?.severity).toBe('disaster');
  });

  it('does not tell alerts below the rules, in maintenance, flapping, or already acknowledged', () => {
    const { clock, fleet, notifier, seen, raise } = rig();
    raise('hq', { ...alert('low', 'pc1'), severity: 'warning' });
    raise('hq', {
      ...alert('acked', 'pc2'),
      ack: { ackId: 'k', technician: 'Ann', comment: '', at: T0 },
    });
    fleet.setMaintenance('br', [
      { windowId: 'w', reason: 'Patching', deviceIds: [], until: T0 + 3_600_000 },
    ]);
    raise('br', disaster('planned', 'pc4'));
    fleet.setCheck('hq', 'pc5/ping', {
      siteId: 'hq',
      key: 'pc5/ping',
      deviceId: 'pc5',
      check: 'ping',
      raises: 9,
      firstRaisedAt: T0,
      changedAt: T0,
      alertId: null,
      title: 'x',
      severity: 'high',
      flapPercent: 40,
      flapping: true,
    });
    raise('hq', alert('flappy', 'pc5'));
    clock.advance(600_000);
    expect(seen).toEqual([]);
    expect(notifier.counts.refused).toMatchObject({
      'no-rule': 1,
      acknowledged: 1,
      'in-maintenance': 1,
      flapping: 1,
    });
  });

  it('tells alerts in maintenance where a rule asks for them (states), and only those', () => {
    const { clock, fleet, seen, raise } = rig({
      rules: [{ minSeverity: 'high', states: ['open', 'maintenance'] }],
    });
    fleet.setMaintenance('br', [
      { windowId: 'w', reason: 'Patching', deviceIds: [], until: T0 + 3_600_000 },
    ]);
    raise('br', disaster('planned', 'pc4'));
    raise('hq', {
      ...alert('acked', 'pc2'),
      ack: { ackId: 'k', technician: 'Ann', comment: '', at: T0 },
    });
    clock.advance(600_000);
    expect(seen.map((notice) => notice.target)).toEqual([
      { view: 'site', siteId: 'br', alertId: 'planned' },
    ]);
    // Told as what it is: planned work, not an outage.
    expect(seen[0]?.title).toMatch(/ \(in maintenance\)$/);
  });

  it('tells an alert a later snapshot brings (raised while the link was down), once', () => {
    const { clock, fleet, seen } = rig();
    fleet.replaceSite('br', {
      stream: 'y',
      seq: 1,
      at: clock.now(),
      devices: [device('core', { kind: 'switch' }), device('pc1')],
      alerts: [alert('old', 'pc0'), disaster('while-away', 'pc1')],
    });
    fleet.replaceSite('br', {
      stream: 'y',
      seq: 2,
      at: clock.now(),
      devices: [device('core', { kind: 'switch' }), device('pc1')],
      alerts: [alert('old', 'pc0'), disaster('while-away', 'pc1')],
    });
    clock.advance(60_000);
    expect(seen.map((notice) => notice.target)).toEqual([
      { view: 'site', siteId: 'br', alertId: 'while-away' },
    ]);
  });

  it('frees its timer and listeners on dispose', () => {
    const { clock, notifier, seen, raise } = rig();
    raise('hq', disaster('a1', 'pc3'));
    expect(notifier.openResources).toBe(2);
    notifier.dispose();
    expect(notifier.openResources).toBe(0);
    expect(clock.pendingCount).toBe(0);
    clock.advance(60_000);
    raise('hq', disaster('a2', 'pc4'));
    clock.advance(60_000);
    expect(seen).toEqual([]);
  });

  it('tells a site unreachable before its first snapshot, and keeps that snapshot as the baseline', () => {
    const clock = new FakeClock(T0);
    const fleet = new FleetState([{ id: 'late', customer: 'Acme', name: 'Acme HQ' }], { clock });
    const notifier = new Notifier(fleet, clock, NotifyConfig.parse({}));
    const seen: Notice[] = [];
    notifier.subscribe((notices) => seen.push(...notices));
    fleet.setHubAlert('late', SITE_UNREACHABLE_ID, {
      ...alert(SITE_UNREACHABLE_ID, 'x'),
      deviceId: null,
      severity: 'disaster',
      title: 'Acme HQ unreachable',
    });
    clock.advance(10_000);
    expect(seen.map((n) => n.title)).toEqual(['Disaster: Acme HQ unreachable']);
    fleet.replaceSite('late', {
      stream: 's',
      seq: 1,
      at: clock.now(),
      devices: [device('d1')],
      alerts: Array.from({ length: 40 }, (_, i) => alert(`old-${i}`, 'd1')),
    });
    clock.advance(600_000);
    expect(seen).toHaveLength(1);
  });

  it('tells an alert that got worse, once, and not one that cleared before its notice was due', () => {
    const { clock, seen, raise, fleet } = rig();
    raise('hq', { ...alert('w', 'pc1'), severity: 'warning' });
    clock.advance(60_000);
    expect(seen).toEqual([]);
    raise('hq', { ...alert('w', 'pc1'), severity: 'disaster', title: 'pc1 on fire' });
    raise('hq', { ...alert('w', 'pc1'), severity: 'disaster', title: 'pc1 on fire' });
    clock.advance(60_000);
    expect(seen.map((n) => n.title)).toEqual(['Disaster: pc1 on fire']);
    // A blip: raised and cleared within the group wait.
    raise('br', disaster('blip', 'pc2'));
    clock.advance(1000);
    fleet.applyEvents('br', [{ seq: 900, at: clock.now(), type: 'alert.clear', alertId: 'blip' }]);
    clock.advance(600_000);
    expect(seen).toHaveLength(1);
  });

  it('cleans what a hostile site wrote before it reaches a notification', () => {
    const { clock, seen, raise } = rig();
    raise('hq', {
      ...disaster('evil', 'pc1'),
      title: 'invoice\u202Egnp.exe\nRoot cause: all fine',
    });
    clock.advance(10_000);
    expect(seen[0]?.title).toBe('Disaster: invoicegnp.exe\uFFFDRoot cause: all fine');
  });
});
