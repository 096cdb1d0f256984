import { describe, expect, it } from 'vitest';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { IncidentBook, IncidentRefused, SETTLE_MS } from '../../electron/hub/sla/incident-book.js';
import { MemoryIncidentStore } from '../../electron/hub/sla/incident-store.js';
import type { Alert } from '../../shared/protocol/alert.js';
import { SlaConfig } from '../../shared/sla/contract.js';
import type { SlaWarning } from '../../shared/sla/incident-warnings.js';
import { FakeClock } from '../support/fake-clock.js';
import { alert, device } from '../support/fleet-fixtures.js';
import { EVERY_DAY } from '../support/sla-hours.js';

/** The hub's incident book on a fake clock: what opens, what folds, reopen, warnings, commands. */

const MIN = 60_000;
const CONFIG = SlaConfig.parse({
  contracts: [
    {
      customer: 'Acme',
      calendar: { timeZone: 'UTC', hours: EVERY_DAY },
      priorities: { disaster: 'P1', high: 'P2' },
      targets: {
        P1: { responseMinutes: 15, resolutionMinutes: 240, allHours: true },
        P2: { responseMinutes: 30, resolutionMinutes: 480 },
      },
      reopenWithinMinutes: 60,
    },
  ],
});

function rig(customer = 'Acme') {
  const clock = new FakeClock(Date.UTC(2026, 11, 7, 9, 0));
  const fleet = new FleetState([{ id: 's', customer, name: 'Office' }], { clock });
  const store = new MemoryIncidentStore();
  const warnings: SlaWarning[] = [];
  const book = new IncidentBook(fleet, clock, CONFIG, store, (w) => warnings.push(w));
  book.start();
  const gw = device('gw', { kind: 'gateway' });
  const pcs = ['pc1', 'pc2'].map((id) => device(id, { parentId: 'gw', kind: 'workstation' }));
  fleet.replaceSite('s', { stream: 'x', seq: 1, at: 1, devices: [gw, ...pcs], alerts: [] });
  let seq = 1;
  const raise = (a: Alert) => {
    fleet.applyEvents('s', [{ seq: ++seq, at: clock.now(), type: 'alert.raise', alert: a }]);
  };
  const clear = (id: string) => {
    fleet.applyEvents('s', [{ seq: ++seq, at: clock.now(), type: 'alert.clear', alertId: id }]);
  };
  const down = (id: string, isDown: boolean) => {
    const d = id === 'gw' ? gw : (pcs.find((p) => p.id === id) ?? gw);
    fleet.applyEvents('s', [
      {
        seq: ++seq,
        at: clock.now(),
        type: 'device.upsert',
        device: { ...d, status: isDown ? 'down' : 'up' },
      },
    ]);
  };
  return { clock, fleet, store, book, warnings, raise, clear, down };
}

describe('IncidentBook', () => {
  it('opens an incident once the alert has stood 2 s, dated when first seen; the clear resolves it', () => {
    const r = rig();
    const seen = r.clock.now();
    r.raise(alert('a1', 'pc1'));
    r.clock.advance(SETTLE_MS - 1);
    expect(r.book.list()).toEqual([]);
    r.clock.advance(1);
    expect(r.book.list()).toMatchObject([
      { alertId: 'a1', priority: 'P2', openedAt: seen, resolvedAt: null },
    ]);
    r.clock.advance(10 * MIN);
    r.clear('a1');
    expect(r.book.list()[0]?.resolvedAt).toBe(r.clock.now());
    expect(r.store.events.map((e) => e.what)).toEqual(['opened', 'resolved']);
  });

  it('opens none for an alert folded under a down gateway (the gateway’s own carries it), nor one cleared before it settled', () => {
    const r = rig();
    r.down('gw', true);
    r.raise({ ...alert('gw-down', 'gw'), severity: 'disaster' });
    r.raise(alert('pc1-ping', 'pc1'));
    r.raise(alert('pc2-ping', 'pc2'));
    r.clock.advance(1000);
    r.clear('pc2-ping');
    r.clock.advance(SETTLE_MS);
    expect(r.book.list().map((i) => [i.alertId, i.priority])).toEqual([['gw-down', 'P1']]);
  });

  it('opens none for a customer without a contract or a severity without a priority', () => {
    const r = rig('Globex');
    r.raise(alert('a1', 'pc1'));
    r.clock.advance(SETTLE_MS);
    expect(r.book.list()).toEqual([]);
    const s = rig();
    s.raise({ ...alert('a2', 'pc1'), severity: 'warning' });
    s.clock.advance(SETTLE_MS);
    expect(s.book.list()).toEqual([]);
  });

  it('reopens the same device and check raised again within the window; a new one after it', () => {
    const r = rig();
    r.raise(alert('a1', 'pc1'));
    r.clock.advance(SETTLE_MS);
    const first = r.book.list()[0];
    r.clock.advance(10 * MIN);
    r.clear('a1');
    r.clock.advance(30 * MIN);
    r.raise(alert('a2', 'pc1'));
    r.clock.advance(SETTLE_MS);
    expect(r.book.list()).toHaveLength(1);
    expect(r.book.list()[0]).toMatchObject({ id: first?.id, alertId: 'a2', resolvedAt: null });
    r.clear('a2');
    r.clock.advance(61 * MIN);
    r.raise(alert('a3', 'pc1'));
    r.clock.advance(SETTLE_MS);
    const open = r.book.list().filter((i) => i.resolvedAt === null);
    expect(open).toHaveLength(1);
    expect(open[0]?.id).not.toBe(first?.id);
  });

  it('raises warnings at 50, 75, 90 % and the breach on its own timer, dated when reached', () => {
    const r = rig();
    const seen = r.clock.now();
    r.raise(alert('a1', 'pc1'));
    r.clock.advance(31 * MIN);
    expect(
      r.warnings.filter((w) => w.clock === 'response').map((w) => [w.share, (w.at - seen) / MIN]),
    ).toEqual([
      [0.5, 15],
      [0.75, 22.5],
      [0.9, 27],
      [1, 30],
    ]);
    expect(r.book.list()[0]?.breaches).toEqual([{ clock: 'response', at: seen + 30 * MIN }]);
    expect(r.store.events.filter((e) => e.what === 'breach')).toHaveLength(1);
  });

  it('refuses what cannot be done, saying why', () => {
    const r = rig();
    r.raise(alert('a1', 'pc1'));
    r.clock.advance(SETTLE_MS);
    const id = r.book.list()[0]?.id ?? '';
    expect(() => r.book.resume(id, 'Dana', '')).toThrow(IncidentRefused);
    expect(() => r.book.setPriority(id, 'P3', 'Dana', 'less urgent')).toThrow(
      'the contract has no targets for P3',
    );
    expect(() => r.book.setPriority(id, 'P1', 'Dana', ' ')).toThrow('say why the priority changes');
    const p1 = r.book.setPriority(id, 'P1', 'Dana', 'the CEO’s laptop');
    expect(p1).toMatchObject({ priority: 'P1', allHours: true });
    r.book.resolve(id, 'Dana', 'fixed on site');
    expect(() =>
      r.book.pause(id, { reason: 'customer', vendor: null, reference: null, comment: '' }, 'Dana'),
    ).toThrow(/is resolved/);
    expect(() => r.book.resolve('nope', 'Dana', '')).toThrow('no incident nope');
  });

  it('keeps a technician’s resolve while the alert stays open, through changes and a reconnect', () => {
    const r = rig();
    r.raise(alert('a1', 'pc1'));
    r.clock.advance(SETTLE_MS);
    const id = r.book.list()[0]?.id ?? '';
    r.book.resolve(id, 'Dana', 'fixed, the site is slow to clear it');
    r.raise({ ...alert('a1', 'pc1'), title: 'Host unreachable (again)' });
    const model = r.fleet.modelOf('s');
    r.fleet.replaceSite('s', {
      stream: 'x',
      seq: 50,
      at: r.clock.now(),
      devices: [...(model?.devices.values() ?? [])],
      alerts: [...(model?.alerts.values() ?? [])],
    });
    r.clock.advance(SETTLE_MS * 2);
    expect(r.book.list().map((i) => [i.id, i.resolvedAt !== null])).toEqual([[id, true]]);
    // Once it clears and comes back, it is news again (here: within the window, a reopen).
    r.clear('a1');
    r.raise(alert('a1', 'pc1'));
    r.clock.advance(SETTLE_MS);
    expect(r.book.list().map((i) => [i.id, i.resolvedAt])).toEqual([[id, null]]);
  });

  it('opens one for an alert that stays after its folding cause is over, and none in maintenance', () => {
    const r = rig();
    r.down('gw', true);
    r.raise({ ...alert('gw-down', 'gw'), severity: 'disaster' });
    r.raise(alert('pc1-ping', 'pc1'));
    r.clock.advance(SETTLE_MS);
    expect(r.book.list().map((i) => i.alertId)).toEqual(['gw-down']);
    // The gateway is back; PC 1 stays down on its own: its alert is news now, dated now.
    r.down('gw', false);
    r.clear('gw-down');
    const back = r.clock.now();
    r.clock.advance(SETTLE_MS);
    expect(r.book.list().find((i) => i.alertId === 'pc1-ping')).toMatchObject({ openedAt: back });
    // Planned work at the site: its alerts start no clock.
    r.fleet.setMaintenance('s', [
      { windowId: 'w', reason: 'patching', deviceIds: [], until: r.clock.now() + 3_600_000 },
    ]);
    r.raise(alert('pc2-ping', 'pc2'));
    r.clock.advance(SETTLE_MS);
    expect(r.book.list().some((i) => i.alertId === 'pc2-ping')).toBe(false);
  });

  it('holds no timer nor listener after dispose', () => {
    const r = rig();
    r.raise(alert('a1', 'pc1'));
    expect(r.book.openResources).toBe(1);
    r.book.dispose();
    expect(r.book.openResources).toBe(0);
    expect(r.fleet.listenerCount).toBe(0);
  });
});
