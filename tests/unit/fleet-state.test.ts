import { describe, expect, it, vi } from 'vitest';
import type { Device } from '../../shared/protocol/device.js';
import type { FleetChangeBatch } from '../../electron/hub/fleet/fleet-changes.js';
import { FleetState, initialHealth } from '../../electron/hub/fleet/fleet-state.js';

const device = (id: string, status: Device['status'] = 'up'): Device => ({
  id,
  name: id,
  kind: 'server',
  status,
  parentId: null,
  metrics: { cpu: 10 },
  security: null,
  updatedAt: 1,
});

describe('FleetState', () => {
  it('versions every update and reports exactly what changed', () => {
    const fleet = new FleetState([{ id: 's1', customer: 'Acme' }]);
    const batches: FleetChangeBatch[] = [];
    const unsubscribe = fleet.subscribe((b) => batches.push(b));
    fleet.replaceSite('s1', { stream: 'x', seq: 0, at: 1, devices: [device('d1')], alerts: [] });
    fleet.applyEvents('s1', [
      { seq: 1, at: 2, type: 'metric.sample', deviceId: 'd1', values: { cpu: 55 } },
      { seq: 2, at: 3, type: 'device.upsert', device: device('d2', 'down') },
      { seq: 3, at: 4, type: 'metric.sample', deviceId: 'ghost', values: { cpu: 1 } },
    ]);
    expect(fleet.version).toBe(2);
    expect(batches[0]).toEqual({ version: 1, changes: [{ kind: 'site-reset', siteId: 's1' }] });
    expect(batches[1]?.changes).toEqual([
      { kind: 'device', siteId: 's1', id: 'd1', removed: false },
      { kind: 'device', siteId: 's1', id: 'd2', removed: false },
    ]);
    expect(fleet.site('s1')?.model.devices.get('d1')?.metrics.cpu).toBe(55);
    unsubscribe();
    expect(fleet.listenerCount).toBe(0);
  });

  it('does not bump the version for unchanged health', () => {
    const fleet = new FleetState([{ id: 's1', customer: 'Acme' }]);
    expect(fleet.setHealth('s1', initialHealth('s1'))).toBe(false);
    expect(fleet.setHealth('s1', { ...initialHealth('s1'), state: 'live' })).toBe(true);
    expect(fleet.version).toBe(1);
  });

  it('keeps serving when a subscriber throws', () => {
    const fleet = new FleetState([{ id: 's1', customer: 'Acme' }]);
    const seen: number[] = [];
    fleet.subscribe(() => {
      throw new Error('broken view');
    });
    fleet.subscribe((b) => seen.push(b.version));
    const quiet = console.error;
    console.error = () => undefined;
    fleet.applyEvents('s1', [{ seq: 1, at: 1, type: 'device.upsert', device: device('d1') }]);
    console.error = quiet;
    expect(seen).toEqual([1]);
  });

  it('names the site from config, else from its hello, else its id', () => {
    const fleet = new FleetState([
      { id: 'a', customer: 'A', name: 'Configured' },
      { id: 'b', customer: 'B' },
    ]);
    expect(fleet.site('a')?.name).toBe('Configured');
    expect(fleet.site('b')?.name).toBe('b');
    fleet.setInfo('b', {
      siteId: 'b',
      name: 'Announced',
      customer: 'B',
      timeZone: 'UTC',
      protocolVersion: '1.0',
      agentVersion: '1',
      stream: 's',
    });
    expect(fleet.site('b')?.name).toBe('Announced');
  });

  it('refuses a site’s alert that takes one of the hub’s ids: the hub’s own alert stands', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fleet = new FleetState([{ id: 's1', customer: 'Acme' }]);
    const hubs = {
      id: 'hub:posture:edr-disabled',
      deviceId: null,
      check: 'hub:posture:edr-disabled',
      severity: 'average' as const,
      title: 'EDR disabled on PC-7',
      detail: 'PC-7.',
      raisedAt: 1,
      updatedAt: 1,
      ack: null,
    };
    fleet.setHubAlert('s1', hubs.id, hubs);
    const forged = { ...hubs, title: 'All fine', severity: 'information' as const };
    fleet.applyEvents('s1', [
      { seq: 1, at: 2, type: 'alert.update', alert: forged },
      { seq: 2, at: 3, type: 'alert.clear', alertId: hubs.id },
    ]);
    fleet.replaceSite('s1', { stream: 'x', seq: 3, at: 4, devices: [], alerts: [forged] });
    expect(fleet.modelOf('s1')?.alerts.get(hubs.id)).toEqual(hubs);
    expect(fleet.refusedHubIdCount('s1')).toBe(3);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /site "s1" sent an alert whose id starts "hub:"/,
    );
    warn.mockRestore();
  });
});
