import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POSTURE,
  PostureWatch,
  type Reopened,
} from '../../electron/hub/alerts/posture-watch.js';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { postureId } from '../../shared/alerts/hub-alerts.js';
import type { Device, SecurityPosture } from '../../shared/protocol/device.js';
import { FakeClock } from '../support/fake-clock.js';

/** Security posture as the hub's own alerts, one per site and finding, on a fake clock. */

const HOUR = 3_600_000;

function rig(options = DEFAULT_POSTURE) {
  const clock = new FakeClock(Date.UTC(2026, 11, 1, 12, 0));
  const fleet = new FleetState([{ id: 's', customer: 'C' }], { clock });
  const reopened: Reopened[] = [];
  const watch = new PostureWatch(fleet, clock, options, (r) => reopened.push(r));
  let seq = 0;
  const good: SecurityPosture = {
    edr: 'protected',
    antivirus: 'protected',
    pendingCriticalPatches: 0,
    lastBackupAt: clock.now() - HOUR,
  };
  const device = (id: string, security: Partial<SecurityPosture> | null, name = id): Device => ({
    id,
    name,
    kind: 'workstation',
    status: 'up',
    parentId: null,
    metrics: { cpu: 5 },
    security: security === null ? null : { ...good, ...security },
    updatedAt: clock.now(),
  });
  const report = (id: string, security: Partial<SecurityPosture> | null, name = id) => {
    fleet.applyEvents('s', [
      { seq: ++seq, at: clock.now(), type: 'device.upsert', device: device(id, security, name) },
    ]);
  };
  const sample = (id: string) => {
    fleet.applyEvents('s', [
      { seq: ++seq, at: clock.now(), type: 'metric.sample', deviceId: id, values: { cpu: 9 } },
    ]);
  };
  const alerts = () =>
    [...(fleet.modelOf('s')?.alerts.values() ?? [])].map((a) => `${a.severity}: ${a.title}`).sort();
  return { clock, fleet, watch, device, report, sample, alerts, reopened };
}

describe('PostureWatch', () => {
  it('raises one alert per finding for the site, naming its devices, and clears it when fixed', () => {
    const r = rig();
    r.report('pc7', { edr: 'disabled' }, 'PC-7');
    expect(r.alerts()).toEqual(['average: EDR disabled on PC-7']);
    expect(r.fleet.hubAlert('s', postureId('edr-disabled'))).toMatchObject({
      deviceId: null,
      check: 'hub:posture:edr-disabled',
    });
    r.report('pc9', { edr: 'disabled', pendingCriticalPatches: 2 }, 'PC-9');
    r.report('fs1', { edr: 'disabled' }, 'FS01');
    expect(r.alerts()).toEqual([
      'average: EDR disabled on 3 devices: FS01, PC-7, PC-9',
      'information: Critical patches pending on PC-9',
    ]);
    r.report('pc9', {}, 'PC-9');
    r.report('fs1', {}, 'FS01');
    expect(r.alerts()).toEqual(['average: EDR disabled on PC-7']);
    r.report('pc7', {}, 'PC-7');
    expect(r.alerts()).toEqual([]);
  });

  it('names a device whose name is blank by its id, so a title never has a gap', () => {
    const r = rig();
    r.report('pc7', { edr: 'disabled' }, '   ');
    expect(r.alerts()).toEqual(['average: EDR disabled on pc7']);
    r.report('fs1', { edr: 'disabled' }, '\u200B\u00AD');
    expect(r.alerts()).toEqual(['average: EDR disabled on 2 devices: fs1, pc7']);
  });

  it('judges a snapshot’s devices at once, one alert per finding however many devices', () => {
    const r = rig();
    const devices = Array.from({ length: 500 }, (_, i) =>
      r.device(
        `pc${i}`,
        { pendingCriticalPatches: 1 + (i % 3) },
        `PC-${String(i).padStart(3, '0')}`,
      ),
    );
    r.fleet.replaceSite('s', { stream: 'x', seq: 1, at: r.clock.now(), devices, alerts: [] });
    expect(r.alerts()).toEqual([
      'information: Critical patches pending on 500 devices: PC-000, PC-001, PC-002 and 497 more',
    ]);
    // A snapshot without them: the finding is gone.
    r.fleet.replaceSite('s', { stream: 'x', seq: 2, at: r.clock.now(), devices: [], alerts: [] });
    expect(r.alerts()).toEqual([]);
  });

  it('judges again on a timer, a site per turn: a backup that ages past 48 h without a word from the site', () => {
    const r = rig();
    r.watch.start();
    r.report('fs1', {}, 'FS01');
    expect(r.alerts()).toEqual([]);
    r.clock.advance(46 * HOUR);
    expect(r.alerts()).toEqual([]);
    r.clock.advance(2 * HOUR + 10 * 60_000);
    expect(r.alerts()).toEqual(['warning: No recent backup on FS01']);
    expect(r.fleet.hubAlert('s', postureId('backup-old'))?.detail).toBe(
      'FS01 (last 2026-12-01 11:00 UTC). The allowed age is 2 days.',
    );
    r.watch.dispose();
  });

  it('does not judge a metric sample (same posture), nor re-send an unchanged finding', () => {
    const r = rig();
    r.report('pc7', { antivirus: 'degraded' });
    const raised = r.fleet.hubAlert('s', postureId('antivirus-degraded'));
    const version = r.fleet.version;
    r.sample('pc7');
    r.report('pc7', { antivirus: 'degraded' }); // an upsert that changes nothing of the finding
    expect(r.fleet.version).toBe(version + 2); // the two site events, nothing of the hub's
    expect(r.fleet.hubAlert('s', postureId('antivirus-degraded'))).toBe(raised);
  });

  it('keeps an acknowledgement while its devices leave, come back or are renamed; a new device re-opens it, noted', () => {
    const r = rig();
    r.report('pc7', { antivirus: 'degraded' }, 'PC-7');
    r.report('pc9', { antivirus: 'degraded' }, 'PC-9');
    const id = postureId('antivirus-degraded');
    const held = r.fleet.hubAlert('s', id);
    if (!held) throw new Error('no alert');
    const ack = { ackId: 'a1', technician: 'Dana', comment: 'vendor ticket 4411', at: 0 };
    r.fleet.setHubAlert('s', id, { ...held, ack });
    r.report('pc9', {}, 'PC-9');
    r.report('pc7', { antivirus: 'degraded' }, 'PC-7 (reception)');
    expect(r.fleet.hubAlert('s', id)).toMatchObject({
      title: 'Antivirus degraded on PC-7 (reception)',
      ack,
      raisedAt: held.raisedAt,
    });
    // PC-9 was covered when the ack was given: back again, it keeps the ack (a flapping device
    // does not wipe it).
    r.report('pc9', { antivirus: 'degraded' }, 'PC-9');
    expect(r.fleet.hubAlert('s', id)?.ack).toEqual(ack);
    expect(r.reopened).toEqual([]);
    // FS01 is new to the finding: the ack no longer covers it.
    r.report('fs1', { antivirus: 'degraded' }, 'FS01');
    expect(r.fleet.hubAlert('s', id)).toMatchObject({
      title: 'Antivirus degraded on 3 devices: FS01, PC-7 (reception), PC-9',
      ack: null,
    });
    expect(r.reopened).toEqual([
      { siteId: 's', alertId: id, ack, joined: ['FS01'], at: r.clock.now() },
    ]);
  });

  it('takes a device that goes, or stops reporting a posture, out of its findings', () => {
    const r = rig();
    r.report('pc7', { edr: 'disabled', antivirus: 'disabled' });
    expect(r.alerts()).toHaveLength(2);
    r.report('pc7', null);
    expect(r.alerts()).toEqual([]);
    r.report('pc7', { edr: 'disabled' });
    r.fleet.applyEvents('s', [
      { seq: 1000, at: r.clock.now(), type: 'device.remove', deviceId: 'pc7' },
    ]);
    expect(r.alerts()).toEqual([]);
  });

  it('raises nothing when turned off in the config', () => {
    const r = rig({ ...DEFAULT_POSTURE, enabled: false });
    r.watch.start();
    r.report('pc7', { edr: 'disabled' });
    r.clock.advance(HOUR);
    expect(r.alerts()).toEqual([]);
    expect(r.watch.openResources).toBe(0);
    expect(r.fleet.listenerCount).toBe(0);
  });

  it('holds no timer nor listener after dispose', () => {
    const r = rig();
    r.watch.start();
    expect(r.watch.openResources).toBe(1);
    expect(r.fleet.listenerCount).toBe(1);
    r.watch.dispose();
    expect(r.watch.openResources).toBe(0);
    expect(r.fleet.listenerCount).toBe(0);
  });
});
