import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS } from '../../electron/hub/config/hub-options.js';
import type { FleetChangeBatch } from '../../electron/hub/fleet/fleet-changes.js';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { Hub } from '../../electron/hub/hub.js';
import type { SiteEvent } from '../../shared/protocol/events.js';
import { FakeClock } from '../support/fake-clock.js';
import { alert, device } from '../support/fleet-fixtures.js';

const BUDGETS = { ...DEFAULT_BUDGETS, maxDevices: 3, maxOpenAlerts: 2 };

let seq = 0;
const upsert = (id: string, status: 'up' | 'down' = 'up'): SiteEvent => ({
  seq: ++seq,
  at: seq,
  type: 'device.upsert',
  device: device(id, { status }),
});
const raise = (id: string, deviceId: string): SiteEvent => ({
  seq: ++seq,
  at: seq,
  type: 'alert.raise',
  alert: alert(id, deviceId),
});
const remove = (deviceId: string): SiteEvent => ({
  seq: ++seq,
  at: seq,
  type: 'device.remove',
  deviceId,
});
const clearAlert = (alertId: string): SiteEvent => ({
  seq: ++seq,
  at: seq,
  type: 'alert.clear',
  alertId,
});

function budgetedFleet() {
  // 09:03:27 UTC: the reason must name the minute, not the second.
  const clock = new FakeClock(Date.UTC(2026, 10, 26, 9, 3, 27));
  const refreshed: string[] = [];
  const fleet = new FleetState(
    [
      { id: 's', customer: 'C' },
      { id: 'other', customer: 'C' },
    ],
    { budgets: BUDGETS, clock, onDegradedChange: (id) => refreshed.push(id) },
  );
  return { fleet, clock, refreshed };
}

const DEVICES_FULL =
  'device budget reached: holding 3 devices (budgets.maxDevices); new devices dropped since 2026-11-26 09:03 UTC';
const ALERTS_FULL =
  'open-alert budget reached: holding 2 open alerts (budgets.maxOpenAlerts); new alerts dropped since 2026-11-26 09:03 UTC';

describe('site budgets in FleetState', () => {
  it('drops new devices beyond the budget, still applies updates, and says so with a stable reason', () => {
    const { fleet, clock, refreshed } = budgetedFleet();
    const batches: FleetChangeBatch[] = [];
    fleet.subscribe((b) => batches.push(b));
    fleet.applyEvents('s', [upsert('d1'), upsert('d2'), upsert('d3')]);
    expect(fleet.siteStats('s').degraded).toBeNull();
    expect(refreshed).toEqual([]);

    fleet.applyEvents('s', [upsert('d4'), upsert('d5'), upsert('d2', 'down')]);
    const model = fleet.site('s')?.model;
    expect([...(model?.devices.keys() ?? [])]).toEqual(['d1', 'd2', 'd3']);
    expect(model?.devices.get('d2')?.status).toBe('down');
    expect(batches.at(-1)?.changes).toEqual([
      { kind: 'device', siteId: 's', id: 'd2', removed: false },
    ]);
    expect(fleet.siteStats('s')).toEqual({
      degraded: DEVICES_FULL,
      droppedOverBudget: 2,
      unknownDeviceEvents: 0,
      unknownAlertEvents: 0,
    });
    expect(refreshed).toEqual(['s']);

    // Minutes later, more drops: the count grows, the reason (and so the health) does not move.
    clock.advance(5 * 60_000);
    fleet.applyEvents('s', [upsert('d6')]);
    expect(fleet.siteStats('s').droppedOverBudget).toBe(3);
    expect(fleet.siteStats('s').degraded).toBe(DEVICES_FULL);
    expect(refreshed).toEqual(['s']);
    // The other site is untouched.
    expect(fleet.siteStats('other')).toEqual({
      degraded: null,
      droppedOverBudget: 0,
      unknownDeviceEvents: 0,
      unknownAlertEvents: 0,
    });
  });

  it('is degraded until the site is back under its budget, then admits new devices again', () => {
    const { fleet, refreshed } = budgetedFleet();
    fleet.applyEvents('s', [upsert('d1'), upsert('d2'), upsert('d3'), upsert('d4')]);
    expect(fleet.siteStats('s').degraded).toBe(DEVICES_FULL);
    fleet.applyEvents('s', [remove('d1')]);
    expect(fleet.siteStats('s').degraded).toBeNull();
    expect(refreshed).toEqual(['s', 's']);
    fleet.applyEvents('s', [upsert('d4')]);
    expect([...(fleet.site('s')?.model.devices.keys() ?? [])]).toEqual(['d2', 'd3', 'd4']);
    expect(fleet.siteStats('s')).toMatchObject({ degraded: null, droppedOverBudget: 1 });
  });

  it('bounds open alerts the same way, and counts an alert on an unknown device but keeps it', () => {
    const { fleet } = budgetedFleet();
    fleet.applyEvents('s', [upsert('d1')]);
    fleet.applyEvents('s', [raise('a1', 'd1'), raise('a2', 'ghost'), raise('a3', 'd1')]);
    expect([...(fleet.site('s')?.model.alerts.keys() ?? [])]).toEqual(['a1', 'a2']);
    expect(fleet.siteStats('s')).toEqual({
      degraded: ALERTS_FULL,
      droppedOverBudget: 1,
      unknownDeviceEvents: 1,
      unknownAlertEvents: 0,
    });
    fleet.applyEvents('s', [upsert('d2'), upsert('d3'), upsert('d4')]);
    expect(fleet.siteStats('s').degraded).toBe(`${DEVICES_FULL}; ${ALERTS_FULL}`);
    fleet.applyEvents('s', [clearAlert('a1')]);
    expect(fleet.siteStats('s').degraded).toBe(DEVICES_FULL);
  });

  it('counts an update of an alert it does not hold as an unknown alert, below the budget and at it', () => {
    const { fleet } = budgetedFleet();
    const update = (id: string): SiteEvent => ({
      seq: ++seq,
      at: seq,
      type: 'alert.update',
      alert: alert(id, 'ghost'),
    });
    fleet.applyEvents('s', [upsert('d1'), raise('a1', 'd1')]);
    // Below the budget it is kept (the site says the alert is open), and counted once.
    fleet.applyEvents('s', [update('late')]);
    expect([...(fleet.site('s')?.model.alerts.keys() ?? [])]).toEqual(['a1', 'late']);
    expect(fleet.siteStats('s')).toEqual({
      degraded: null,
      droppedOverBudget: 0,
      unknownDeviceEvents: 0,
      unknownAlertEvents: 1,
    });
    // At the budget it is not kept, and still counted as what it is: an unknown alert. A raise
    // beyond the budget is the drop; updates of what the site holds still apply.
    fleet.applyEvents('s', [update('later'), raise('a3', 'd1'), update('late')]);
    expect([...(fleet.site('s')?.model.alerts.keys() ?? [])]).toEqual(['a1', 'late']);
    expect(fleet.siteStats('s')).toEqual({
      degraded: ALERTS_FULL,
      droppedOverBudget: 1,
      // "late" is held now: only "later" is unknown (and "late" still names a ghost device).
      unknownDeviceEvents: 1,
      unknownAlertEvents: 2,
    });
  });

  it('counts samples, removes and clears of unknown ids per kind', () => {
    const { fleet } = budgetedFleet();
    const batches: FleetChangeBatch[] = [];
    fleet.subscribe((b) => batches.push(b));
    fleet.applyEvents('s', [
      { seq: ++seq, at: seq, type: 'metric.sample', deviceId: 'ghost', values: { cpu: 1 } },
      remove('ghost'),
      remove('ghost-2'),
      clearAlert('never'),
    ]);
    expect(fleet.siteStats('s')).toEqual({
      degraded: null,
      droppedOverBudget: 0,
      unknownDeviceEvents: 3,
      unknownAlertEvents: 1,
    });
    // Nothing changed, so nothing is published.
    expect(batches).toEqual([]);
    expect(fleet.version).toBe(0);
  });

  it('keeps the first devices and alerts a snapshot lists, counts the rest, and recovers on a smaller one', () => {
    const { fleet, refreshed } = budgetedFleet();
    fleet.replaceSite('s', {
      stream: 'x',
      seq: 1,
      at: 1,
      devices: ['d5', 'd1', 'd5', 'd4', 'd2', 'd3'].map((id) => device(id)),
      alerts: [alert('a9', 'd5'), alert('a1', 'd5'), alert('a2', 'd5')],
    });
    const model = fleet.site('s')?.model;
    expect([...(model?.devices.keys() ?? [])]).toEqual(['d5', 'd1', 'd4']);
    expect([...(model?.alerts.keys() ?? [])]).toEqual(['a9', 'a1']);
    expect(fleet.siteStats('s')).toMatchObject({
      degraded: `${DEVICES_FULL}; ${ALERTS_FULL}`,
      droppedOverBudget: 3,
    });
    fleet.replaceSite('s', { stream: 'x', seq: 2, at: 2, devices: [device('d1')], alerts: [] });
    expect(fleet.siteStats('s')).toMatchObject({ degraded: null, droppedOverBudget: 3 });
    expect(refreshed).toEqual(['s', 's']);
  });
});

describe('a hub over a site budget', () => {
  it("records the reason in the site's health at once, not on the watchdog's next round", () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 26, 9, 3, 27));
    const hub = new Hub(
      {
        staleAfterMs: 15_000,
        downAfterMs: 60_000,
        reconnect: { initialDelayMs: 500, maxDelayMs: 30_000 },
        budgets: BUDGETS,
        sites: [{ id: 's', customer: 'C', url: 'http://127.0.0.1:9', token: 't' }],
      },
      { clock },
    );
    const siteChanges: number[] = [];
    hub.fleet.subscribe((b) => {
      if (b.changes.some((c) => c.kind === 'site')) siteChanges.push(b.version);
    });
    hub.fleet.applyEvents('s', [upsert('d1'), upsert('d2'), upsert('d3'), upsert('d4')]);
    // No time has passed: only the budget's own signal can have refreshed the health.
    expect(hub.fleet.site('s')?.health).toMatchObject({
      degraded: DEVICES_FULL,
      droppedOverBudget: 1,
    });
    expect(siteChanges).toHaveLength(1);
    hub.fleet.applyEvents('s', [remove('d1')]);
    expect(hub.fleet.site('s')?.health.degraded).toBeNull();
    hub.dispose();
    expect(clock.pendingCount).toBe(0);
  });
});
