import { describe, expect, it, vi } from 'vitest';
import { diskFullId, forecastId } from '../../shared/alerts/hub-alerts.js';
import { ProactiveWatch, type TrendHistory } from '../../electron/hub/alerts/proactive-watch.js';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import type { Device, Metrics } from '../../shared/protocol/device.js';
import { DEFAULT_BUDGETS } from '../../electron/hub/config/hub-options.js';
import { FakeClock } from '../support/fake-clock.js';

/** The hub's own predicted-full warning, read on a fake clock from a disk the test moves. */

const HOUR = 3_600_000;

function rig(history: TrendHistory | null = null) {
  const clock = new FakeClock(Date.UTC(2026, 11, 1, 0, 0));
  const fleet = new FleetState([{ id: 's', customer: 'C' }], { clock });
  const options = {
    sampleMs: HOUR,
    windowMs: 24 * HOUR,
    warnWithinMs: 7 * 24 * HOUR,
    memoryWarnWithinMs: 3 * 24 * HOUR,
  };
  const watch = new ProactiveWatch(fleet, clock, options, history);
  let seq = 0;
  const report = (metrics: Metrics) => {
    const device: Device = {
      id: 'fs1',
      name: 'FS01',
      kind: 'server',
      status: 'up',
      parentId: null,
      metrics,
      security: null,
      updatedAt: clock.now(),
    };
    fleet.applyEvents('s', [{ seq: ++seq, at: clock.now(), type: 'device.upsert', device }]);
  };
  const disk = (value: number) => {
    report({ disk: value });
  };
  const warning = () => fleet.modelOf('s')?.alerts.get(diskFullId('fs1'));
  const memoryWarning = () => fleet.modelOf('s')?.alerts.get(forecastId('memory', 'fs1'));
  return { clock, fleet, watch, report, disk, warning, memoryWarning };
}

describe('ProactiveWatch', () => {
  it('warns of a disk filling 0.5 % an hour from 80 %: full in about 40 hours, with the ETA', () => {
    const r = rig();
    for (let h = 0; h < 4; h++) {
      r.disk(80 + 0.5 * h);
      r.watch.sample();
      if (h < 3) expect(r.warning()).toBeUndefined(); // four readings before a trend counts
      r.clock.advance(HOUR);
    }
    // At the 4th reading (81.5 %): 18.5 % to go at 0.5 %/h = 37 h.
    expect(r.warning()).toMatchObject({
      deviceId: 'fs1',
      severity: 'warning',
      title: 'Disk on FS01 predicted full in 37 h',
    });
    expect(r.warning()?.detail).toContain('rising 12.00 % a day');
  });

  it('clears once the trend recovers (a disk that is emptied), and keeps its warning across a snapshot', () => {
    const r = rig();
    for (let h = 0; h < 5; h++) {
      r.disk(80 + h);
      r.watch.sample();
      r.clock.advance(HOUR);
    }
    expect(r.warning()).toBeDefined();
    // A snapshot from the site does not wipe the hub's own alert.
    r.fleet.replaceSite('s', {
      stream: 'x',
      seq: 100,
      at: r.clock.now(),
      devices: [...(r.fleet.modelOf('s')?.devices.values() ?? [])],
      alerts: [],
    });
    expect(r.warning()).toBeDefined();
    r.disk(40); // cleaned up
    r.watch.sample();
    expect(r.warning()).toBeUndefined();
  });

  it('holds no timer after dispose', () => {
    const r = rig();
    r.watch.start();
    expect(r.watch.openResources).toBe(1);
    r.watch.dispose();
    expect(r.watch.openResources).toBe(0);
  });

  it('clears its warning when the device goes, keeps it through a gap in the readings', () => {
    const r = rig();
    for (let h = 0; h < 5; h++) {
      r.disk(80 + h);
      r.watch.sample();
      r.clock.advance(HOUR);
    }
    expect(r.warning()).toBeDefined();
    // The hub was away longer than the window: one reading is no trend, the warning stays.
    r.clock.advance(30 * HOUR);
    r.disk(86);
    r.watch.sample();
    expect(r.warning()).toBeDefined();
    // The device is removed at the site: its warning goes too.
    r.fleet.applyEvents('s', [
      { seq: 999, at: r.clock.now(), type: 'device.remove', deviceId: 'fs1' },
    ]);
    r.watch.sample();
    expect(r.warning()).toBeUndefined();
  });

  it('does not count its warning against the site’s alert budget', () => {
    const clock = new FakeClock();
    const fleet = new FleetState([{ id: 's', customer: 'C' }], {
      clock,
      budgets: { ...DEFAULT_BUDGETS, maxOpenAlerts: 1 },
    });
    fleet.setHubAlert('s', diskFullId('fs1'), {
      id: diskFullId('fs1'),
      deviceId: 'fs1',
      check: 'hub:disk-full',
      severity: 'warning',
      title: 'Disk on FS01 predicted full in 37 h',
      detail: '',
      raisedAt: 0,
      updatedAt: 0,
      ack: null,
    });
    const alert = {
      ...(fleet.hubAlert('s', diskFullId('fs1')) as NonNullable<ReturnType<typeof fleet.hubAlert>>),
      id: 'site-1',
      check: 'ping',
    };
    fleet.applyEvents('s', [{ seq: 1, at: 0, type: 'alert.raise', alert }]);
    expect([...(fleet.modelOf('s')?.alerts.keys() ?? [])].sort()).toEqual(
      [diskFullId('fs1'), 'site-1'].sort(),
    );
    expect(fleet.siteStats('s').degraded).toBeNull();
  });

  it('forecasts memory too: a leak of 1 % an hour warns (within 3 days) once it spans most of the window, a steady disk does not', () => {
    const r = rig();
    for (let h = 0; h < 19; h++) {
      r.report({ disk: 40, memory: 30 + h });
      r.watch.sample();
      // Memory is forecast over most of the window only (18 of 24 h): a cycle's rising quarter
      // would look like a leak.
      if (h < 18) expect(r.memoryWarning(), `hour ${h}`).toBeUndefined();
      r.clock.advance(HOUR);
    }
    // At the 19th reading (48 %): 52 % to go at 1 %/h.
    expect(r.memoryWarning()).toMatchObject({
      check: 'hub:memory-full',
      severity: 'warning',
      title: 'Memory on FS01 predicted full in 2.2 days',
    });
    expect(r.warning()).toBeUndefined();
    // The leak is fixed (a restart of the service): memory falls and the warning clears.
    r.report({ disk: 40, memory: 30 });
    r.watch.sample();
    expect(r.memoryWarning()).toBeUndefined();
  });

  it('starts a trend from the store’s hourly means: after a restart the first reading warns', () => {
    const asked: string[] = [];
    const history: TrendHistory = {
      hourly: (siteId, deviceId, metric, since) => {
        asked.push(`${siteId}/${deviceId}/${metric}`);
        // Six closed hours before now, rising 0.5 % an hour to 82.5 %.
        return Array.from({ length: 6 }, (_, i) => ({
          at: since + 18 * HOUR + i * HOUR + HOUR / 2,
          value: 80 + 0.5 * i,
        }));
      },
    };
    const r = rig(history);
    r.disk(83);
    r.watch.sample();
    expect(asked).toEqual(['s/fs1/disk']);
    expect(r.warning()?.title).toMatch(/^Disk on FS01 predicted full in 3\d h$/);
    // Asked once per device metric: later readings are the hub's own.
    r.clock.advance(HOUR);
    r.disk(83.5);
    r.watch.sample();
    expect(asked).toHaveLength(1);
  });

  it('keeps a technician’s acknowledgement as the ETA moves', () => {
    const r = rig();
    for (let h = 0; h < 4; h++) {
      r.disk(80 + 0.5 * h);
      r.watch.sample();
      r.clock.advance(HOUR);
    }
    const held = r.warning();
    if (!held) throw new Error('no warning');
    const ack = { ackId: 'a1', technician: 'Dana', comment: 'ordering disks', at: r.clock.now() };
    r.fleet.setHubAlert('s', held.id, { ...held, ack });
    r.disk(82.5);
    r.watch.sample();
    expect(r.warning()?.title).not.toBe(held.title);
    expect(r.warning()?.ack).toEqual(ack);
    expect(r.warning()?.raisedAt).toBe(held.raisedAt);
  });

  it('does not take a daily memory cycle for a leak (±5 % around 80 %), and clears a memory warning when its device goes', () => {
    const r = rig();
    // Every hour for two days: a business-hours swing, no leak.
    for (let h = 0; h < 48; h++) {
      r.report({ memory: 80 + 5 * Math.sin((2 * Math.PI * h) / 24) });
      r.watch.sample();
      expect(r.memoryWarning(), `hour ${h}`).toBeUndefined();
      r.clock.advance(HOUR);
    }
    // Now a leak: 1 % an hour from 80 %.
    for (let h = 0; h < 24; h++) {
      r.report({ memory: 80 + h * 0.8 });
      r.watch.sample();
      r.clock.advance(HOUR);
    }
    expect(r.memoryWarning()?.title).toMatch(/^Memory on FS01 predicted full in /);
    r.fleet.applyEvents('s', [
      { seq: 10_000, at: r.clock.now(), type: 'device.remove', deviceId: 'fs1' },
    ]);
    r.watch.sample();
    expect(r.memoryWarning()).toBeUndefined();
  });

  it('keeps going when the store cannot be read: the trend starts from the hub’s own readings', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = rig({
      hourly: () => {
        throw new Error('database disk image is malformed');
      },
    });
    for (let h = 0; h < 4; h++) {
      r.disk(80 + 0.5 * h);
      r.watch.sample();
      r.clock.advance(HOUR);
    }
    expect(r.warning()?.title).toBe('Disk on FS01 predicted full in 37 h');
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});
