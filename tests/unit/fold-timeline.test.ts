import { describe, expect, it } from 'vitest';
import { FoldTimeline } from '../../electron/hub/alerts/fold-timeline.js';
import { FleetState, initialHealth } from '../../electron/hub/fleet/fleet-state.js';
import type { ActionNote } from '../../shared/alerts/technician-action.js';
import { FakeClock } from '../support/fake-clock.js';
import { alert, device, sample } from '../support/fleet-fixtures.js';

/** Folds and unfolds written to the alerts' timelines, on a fake clock. */

function rig() {
  const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
  const fleet = new FleetState([{ id: 's', customer: 'C', name: 'Office' }], { clock });
  const written: ActionNote[][] = [];
  const folds = new FoldTimeline(fleet, clock, (notes) => written.push([...notes]));
  const gw = device('gw', { name: 'Gateway', kind: 'gateway' });
  const pcs = ['pc1', 'pc2', 'pc3'].map((id) => device(id, { parentId: 'gw' }));
  fleet.replaceSite('s', { stream: 'x', seq: 1, at: 1, devices: [gw, ...pcs], alerts: [] });
  let seq = 1;
  const apply = (...events: Parameters<FleetState['applyEvents']>[1]) => {
    fleet.applyEvents(
      's',
      events.map((event) => ({ ...event, seq: ++seq })),
    );
  };
  const notes = () => written.flat().map((n) => `${n.alertId} ${n.what}: ${n.detail ?? ''}`);
  return { clock, fleet, folds, written, apply, notes, gw };
}

describe('FoldTimeline', () => {
  it('notes each alert that folds under a down parent, in one write, and each that stands alone again', () => {
    const r = rig();
    r.clock.advance(1000);
    expect(r.notes()).toEqual([]);
    r.apply(
      { seq: 0, at: 2, type: 'device.upsert', device: { ...r.gw, status: 'down' } },
      { seq: 0, at: 2, type: 'alert.raise', alert: alert('gw-down', 'gw') },
      ...['pc1', 'pc2', 'pc3'].map((id) => ({
        seq: 0,
        at: 2,
        type: 'alert.raise' as const,
        alert: alert(`${id}-ping`, id),
      })),
    );
    r.clock.advance(999);
    expect(r.written).toEqual([]);
    r.clock.advance(1);
    expect(r.written).toHaveLength(1);
    expect(r.notes().sort()).toEqual([
      'pc1-ping alert.folded: folded under Gateway down',
      'pc2-ping alert.folded: folded under Gateway down',
      'pc3-ping alert.folded: folded under Gateway down',
    ]);
    expect(r.written[0]?.[0]).toMatchObject({ siteId: 's', actor: 'hub', source: 'hub' });
    // The gateway recovers; two alerts clear with it, PC 3's remains and stands alone.
    r.apply(
      { seq: 0, at: 3, type: 'device.upsert', device: r.gw },
      { seq: 0, at: 3, type: 'alert.clear', alertId: 'gw-down' },
      { seq: 0, at: 3, type: 'alert.clear', alertId: 'pc1-ping' },
      { seq: 0, at: 3, type: 'alert.clear', alertId: 'pc2-ping' },
    );
    r.clock.advance(1000);
    expect(r.written).toHaveLength(2);
    expect(r.written[1]?.map((n) => `${n.alertId} ${n.what}: ${n.detail ?? ''}`)).toEqual([
      'pc3-ping alert.unfolded: on its own again: Gateway down is over',
    ]);
  });

  it('folds everything under the site when it is unreachable', () => {
    const r = rig();
    r.apply({ seq: 0, at: 2, type: 'alert.raise', alert: alert('pc1-ping', 'pc1') });
    r.clock.advance(1000);
    expect(r.notes()).toEqual([]);
    r.fleet.setHealth('s', { ...initialHealth('s'), state: 'down' });
    r.clock.advance(1000);
    expect(r.notes()).toEqual(['pc1-ping alert.folded: folded under Office unreachable']);
  });

  it('costs no timer for a metric sample', () => {
    const r = rig();
    r.clock.advance(1000);
    r.fleet.applyEvents('s', [sample('pc1', 50)]);
    expect(r.folds.openResources).toBe(0);
    r.folds.dispose();
    expect(r.fleet.listenerCount).toBe(0);
  });

  it('writes a storm’s notes 500 to a write, a write per turn, and what is left when it stops', () => {
    const clock = new FakeClock(0);
    const fleet = new FleetState([{ id: 's', customer: 'C' }], { clock });
    const written: number[] = [];
    const folds = new FoldTimeline(fleet, clock, (notes) => written.push(notes.length));
    const pcs = Array.from({ length: 1200 }, (_, i) => device(`pc${i}`, { parentId: 'gw' }));
    fleet.replaceSite('s', {
      stream: 'x',
      seq: 1,
      at: 1,
      devices: [device('gw', { status: 'down' }), ...pcs],
      alerts: pcs.map((pc) => alert(`${pc.id}-ping`, pc.id)),
    });
    folds.flush();
    expect(written).toEqual([500]);
    expect(folds.openResources).toBe(1); // the turn that writes the next 500
    folds.dispose();
    expect(written).toEqual([500, 500, 200]);
    expect(folds.openResources).toBe(0);
  });

  it('notes an alert suppressed by a maintenance window, and when the window is over', () => {
    const r = rig();
    r.apply({ seq: 0, at: 2, type: 'alert.raise', alert: alert('pc1-ping', 'pc1') });
    r.clock.advance(1000);
    const until = Date.UTC(2026, 11, 1, 14, 30);
    r.fleet.setMaintenance('s', [{ windowId: 'w', reason: 'Patching', deviceIds: ['pc1'], until }]);
    r.clock.advance(1000);
    r.apply({ seq: 0, at: 3, type: 'alert.raise', alert: alert('pc2-ping', 'pc2') });
    r.clock.advance(1000);
    // PC 2 is not in the window: nothing for it.
    expect(r.notes()).toEqual([
      'pc1-ping alert.suppressed: in maintenance: Patching (until 14:30 UTC)',
    ]);
    r.fleet.setMaintenance('s', []);
    r.clock.advance(1000);
    expect(r.notes().at(-1)).toBe(
      'pc1-ping alert.unsuppressed: maintenance over: Patching (until 14:30 UTC)',
    );
  });
});
