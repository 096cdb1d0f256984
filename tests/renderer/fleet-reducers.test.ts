import { describe, expect, it } from 'vitest';
import { applyDelta, GAP } from './apply-one.js';
import { applySnapshot } from '../../renderer/src/store/apply-snapshot.js';
import { initialFleetData, type FleetData } from '../../renderer/src/store/fleet-data.js';
import { HISTORY_CAP } from '../../renderer/src/store/history.js';
import { alert, content, delta, device, site, smallFleet, snapshot, T0 } from './fleet-fixtures.js';

function loaded(): FleetData {
  return applySnapshot(initialFleetData, smallFleet(10), T0);
}

/** The state after `change`, received at `receivedAt` (T0, the fixtures' hub time: no offset). */
function applied(
  state: FleetData,
  change: Parameters<typeof applyDelta>[1],
  receivedAt = T0,
): FleetData {
  const next = applyDelta(state, change, receivedAt);
  if (next === GAP) throw new Error('unexpected gap');
  return next;
}

describe('applySnapshot', () => {
  it('loads sites, devices, alerts, version and the server offset', () => {
    const state = applySnapshot(initialFleetData, smallFleet(10), T0 - 5_000);
    expect(state.version).toBe(10);
    expect(state.serverOffset).toBe(5_000);
    expect([...state.sites.keys()]).toEqual(['a', 'b']);
    expect([...(state.devices.get('a')?.keys() ?? [])]).toEqual(['a1', 'a2', 'a3']);
    expect(state.devices.get('b')?.get('b2')?.status).toBe('down');
    expect(state.alerts.get('a')?.get('x')?.severity).toBe('high');
    expect(state.history.get('a')?.get('a1')).toHaveLength(1);
  });

  it('keeps the objects and maps of what an identical re-sent snapshot did not change', () => {
    const before = loaded();
    const after = applySnapshot(before, smallFleet(10), T0);
    expect(after).toBe(before);

    const changed = smallFleet(12);
    const next = applySnapshot(
      before,
      {
        ...changed,
        contents: changed.contents.map((c) =>
          c.siteId === 'b' ? content('b', [device('b1'), device('b2', { status: 'up' })]) : c,
        ),
      },
      T0,
    );
    expect(next.devices.get('a')).toBe(before.devices.get('a'));
    expect(next.devices.get('b')?.get('b1')).toBe(before.devices.get('b')?.get('b1'));
    expect(next.devices.get('b')?.get('b2')?.status).toBe('up');
    expect(next.version).toBe(12);
  });

  it('drops sites and devices the new snapshot no longer has', () => {
    const next = applySnapshot(
      loaded(),
      snapshot(20, [site('a')], [content('a', [device('a1')])]),
      T0,
    );
    expect([...next.sites.keys()]).toEqual(['a']);
    expect(next.devices.has('b')).toBe(false);
    expect([...(next.history.get('a')?.keys() ?? [])]).toEqual(['a1']);
  });
});

describe('applyDelta', () => {
  it('upserts a device and keeps every other object and site map', () => {
    const before = loaded();
    const next = applied(
      before,
      delta(10, { devices: [{ siteId: 'a', device: device('a2', { status: 'down' }) }] }),
    );
    expect(next.version).toBe(11);
    expect(next.devices.get('a')?.get('a2')?.status).toBe('down');
    expect(next.devices.get('a')?.get('a1')).toBe(before.devices.get('a')?.get('a1'));
    expect(next.devices.get('b')).toBe(before.devices.get('b'));
    expect(next.alerts).toBe(before.alerts);
    expect(next.sites).toBe(before.sites);
  });

  it('adds a device to a site, removes devices and their history', () => {
    const before = loaded();
    const next = applied(
      before,
      delta(10, {
        devices: [{ siteId: 'b', device: device('b3') }],
        removedDevices: [{ siteId: 'a', id: 'a1' }],
      }),
    );
    expect([...(next.devices.get('b')?.keys() ?? [])]).toEqual(['b1', 'b2', 'b3']);
    expect(next.devices.get('a')?.has('a1')).toBe(false);
    expect(next.history.get('a')?.has('a1')).toBe(false);
    expect(next.history.get('b')?.get('b3')).toHaveLength(1);
  });

  it('replaces a reset site wholesale, reusing devices that did not change', () => {
    const before = loaded();
    const next = applied(
      before,
      delta(10, { resets: [content('a', [device('a1'), device('a9')], [])] }),
    );
    expect([...(next.devices.get('a')?.keys() ?? [])]).toEqual(['a1', 'a9']);
    expect(next.devices.get('a')?.get('a1')).toBe(before.devices.get('a')?.get('a1'));
    expect(next.alerts.get('a')?.size).toBe(0);
    expect([...(next.history.get('a')?.keys() ?? [])]).toEqual(['a1', 'a9']);
    expect(next.devices.get('b')).toBe(before.devices.get('b'));
  });

  it('upserts and removes alerts', () => {
    const before = loaded();
    const next = applied(
      before,
      delta(10, {
        alerts: [{ siteId: 'b', alert: alert('y', { severity: 'disaster' }) }],
        removedAlerts: [{ siteId: 'a', id: 'x' }],
      }),
    );
    expect(next.alerts.get('a')?.size).toBe(0);
    expect(next.alerts.get('b')?.get('y')?.severity).toBe('disaster');
    expect(next.devices).toBe(before.devices);
  });

  it('updates site summaries and the server offset', () => {
    const before = loaded();
    const next = applied(
      before,
      {
        ...delta(10, { sites: [site('a', 'stale', { reason: 'no heartbeat' })] }),
        at: T0 + 60_000,
      },
      T0,
    );
    expect(next.sites.get('a')?.health.state).toBe('stale');
    expect(next.sites.get('a')?.health.reason).toBe('no heartbeat');
    expect(next.sites.get('b')).toBe(before.sites.get('b'));
    expect(next.serverOffset).toBe(60_000);
  });

  it('reports a gap when previous is not our version, or before any snapshot', () => {
    expect(applyDelta(loaded(), delta(11), T0)).toBe(GAP);
    expect(applyDelta(initialFleetData, delta(0), T0)).toBe(GAP);
  });

  it('returns the same state for a delta our snapshot already covers', () => {
    const before = loaded();
    expect(applyDelta(before, delta(9), T0)).toBe(before);
    expect(applyDelta(before, { ...delta(10), version: 10 }, T0)).toBe(before);
  });

  it('keeps every map when a delta re-sends unchanged values', () => {
    const before = loaded();
    const next = applied(
      before,
      delta(10, { sites: [site('a')], devices: [{ siteId: 'a', device: device('a1') }] }),
      T0,
    );
    expect(next).not.toBe(before);
    expect(next.version).toBe(11);
    expect(next.sites).toBe(before.sites);
    expect(next.devices).toBe(before.devices);
    expect(next.history).toBe(before.history);
    expect(next.serverOffset).toBe(before.serverOffset);
  });
});

describe('history', () => {
  it('appends one point per new sample and stays bounded', () => {
    let state = loaded();
    for (let i = 1; i <= HISTORY_CAP + 50; i += 1) {
      state = applied(
        state,
        delta(state.version ?? 0, {
          devices: [
            {
              siteId: 'a',
              device: device('a1', { updatedAt: T0 + i * 1000, metrics: { cpu: i % 100 } }),
            },
          ],
        }),
      );
    }
    const points = state.history.get('a')?.get('a1')?.points() ?? [];
    expect(points).toHaveLength(HISTORY_CAP);
    expect(points[0]?.at).toBe(T0 + 51 * 1000);
    expect(points.at(-1)?.at).toBe(T0 + (HISTORY_CAP + 50) * 1000);
    expect(points.at(-1)?.memory).toBeNull();
  });

  it('ignores an update that carries no new sample', () => {
    const before = loaded();
    const ring = before.history.get('a')?.get('a1');
    const version = ring?.version;
    const next = applied(
      before,
      delta(10, { devices: [{ siteId: 'a', device: device('a1', { status: 'down' }) }] }),
    );
    expect(next.history).toBe(before.history);
    expect(next.history.get('a')?.get('a1')).toBe(ring);
    expect(ring?.version).toBe(version);
    expect(ring).toHaveLength(1);
  });

  it('adds no point when a snapshot after a reconnect re-sends unchanged devices', () => {
    const before = loaded();
    const ring = before.history.get('a')?.get('a1');
    const version = ring?.version;
    // After a reconnect: the same samples (same times), one device's status changed meanwhile, so
    // every site's rings are walked again.
    const next = applySnapshot(
      before,
      snapshot(
        15,
        [site('a'), site('b')],
        [
          content('a', [device('a1', { status: 'down' }), device('a2'), device('a3')]),
          content('b', [device('b1'), device('b2')]),
        ],
      ),
      T0,
    );
    expect(next.devices.get('a')?.get('a1')?.status).toBe('down');
    expect(next.history).toBe(before.history);
    expect(next.history.get('a')?.get('a1')).toBe(ring);
    expect(ring?.version).toBe(version);
    expect(ring).toHaveLength(1);
  });

  it('drops the rings of devices a reset no longer lists, and starts a re-added one afresh', () => {
    let state = loaded();
    state = applied(state, delta(10, { resets: [content('a', [device('a2')], [])] }));
    expect([...(state.history.get('a')?.keys() ?? [])]).toEqual(['a2']);
    state = applied(
      state,
      delta(11, { devices: [{ siteId: 'a', device: device('a1', { updatedAt: T0 + 1000 }) }] }),
    );
    expect(
      state.history
        .get('a')
        ?.get('a1')
        ?.points()
        .map((p) => p.at),
    ).toEqual([T0 + 1000]);
  });

  it('gives a device that reports no metrics no ring', () => {
    const next = applied(
      loaded(),
      delta(10, { devices: [{ siteId: 'b', device: device('b9', { metrics: {} }) }] }),
    );
    expect(next.devices.get('b')?.has('b9')).toBe(true);
    expect(next.history.get('b')?.has('b9')).toBe(false);
  });

  it('keeps growing after the site sets its clock back', () => {
    let state = loaded();
    for (const [i, at] of [T0 + 5000, T0 - 3_600_000, T0 - 3_599_000].entries()) {
      state = applied(
        state,
        delta(state.version ?? 0, {
          devices: [{ siteId: 'a', device: device('a1', { updatedAt: at, metrics: { cpu: i } }) }],
        }),
      );
    }
    expect(
      state.history
        .get('a')
        ?.get('a1')
        ?.points()
        .map((p) => p.cpu),
    ).toEqual([10, 0, 1, 2]);
  });
});
