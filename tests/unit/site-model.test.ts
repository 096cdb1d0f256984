import { describe, expect, it } from 'vitest';
import type { SiteEvent } from '../../shared/protocol/events.js';
import {
  applySiteEvent,
  emptySiteModel,
  eventSubject,
  type EventOutcome,
} from '../../shared/site-model/site-model.js';
import { alert, device } from '../support/fleet-fixtures.js';

const upsert = (id: string): SiteEvent => ({
  seq: 1,
  at: 1,
  type: 'device.upsert',
  device: device(id),
});

describe('applySiteEvent', () => {
  it('says what each event did, and why one changed nothing', () => {
    const model = emptySiteModel();
    const run = (event: SiteEvent): [EventOutcome, string] => [
      applySiteEvent(model, event),
      eventSubject(event),
    ];
    expect(run(upsert('d1'))).toEqual(['device-set', 'd1']);
    expect(
      run({ seq: 2, at: 2, type: 'metric.sample', deviceId: 'd1', values: { cpu: 5 } }),
    ).toEqual(['device-set', 'd1']);
    expect(
      run({ seq: 3, at: 3, type: 'metric.sample', deviceId: 'ghost', values: { cpu: 5 } }),
    ).toEqual(['unknown-device', 'ghost']);
    expect(run({ seq: 4, at: 4, type: 'device.remove', deviceId: 'ghost' })).toEqual([
      'unknown-device',
      'ghost',
    ]);
    expect(run({ seq: 5, at: 5, type: 'alert.raise', alert: alert('a1', 'd1') })).toEqual([
      'alert-set',
      'a1',
    ]);
    expect(
      run({ seq: 6, at: 6, type: 'alert.raise', alert: { ...alert('a2', 'd1'), deviceId: null } }),
    ).toEqual(['alert-set', 'a2']);
    expect(run({ seq: 7, at: 7, type: 'alert.raise', alert: alert('a3', 'nowhere') })).toEqual([
      'alert-set-unknown-device',
      'a3',
    ]);
    expect(run({ seq: 7, at: 7, type: 'alert.update', alert: alert('a3', 'nowhere') })).toEqual([
      'alert-set-unknown-device',
      'a3',
    ]);
    expect(run({ seq: 7, at: 7, type: 'alert.update', alert: alert('a3', 'd1') })).toEqual([
      'alert-set',
      'a3',
    ]);
    // An update of an alert never raised: the alert it names is what is unknown.
    expect(run({ seq: 7, at: 7, type: 'alert.update', alert: alert('a4', 'nowhere') })).toEqual([
      'alert-set-unknown-alert',
      'a4',
    ]);
    expect(run({ seq: 7, at: 7, type: 'alert.update', alert: alert('a5', 'd1') })).toEqual([
      'alert-set-unknown-alert',
      'a5',
    ]);
    expect(run({ seq: 8, at: 8, type: 'alert.clear', alertId: 'never' })).toEqual([
      'unknown-alert',
      'never',
    ]);
    expect(run({ seq: 9, at: 9, type: 'alert.clear', alertId: 'a1' })).toEqual([
      'alert-removed',
      'a1',
    ]);
    expect(run({ seq: 10, at: 10, type: 'device.remove', deviceId: 'd1' })).toEqual([
      'device-removed',
      'd1',
    ]);
  });

  it('keeps an alert on an unknown device as sent, and leaves the model alone otherwise', () => {
    const model = emptySiteModel();
    applySiteEvent(model, upsert('d1'));
    const orphan = alert('a1', 'nowhere');
    applySiteEvent(model, { seq: 2, at: 2, type: 'alert.raise', alert: orphan });
    expect(model.alerts.get('a1')).toBe(orphan);
    const before = model.devices.get('d1');
    applySiteEvent(model, {
      seq: 3,
      at: 3,
      type: 'metric.sample',
      deviceId: 'ghost',
      values: { cpu: 1 },
    });
    applySiteEvent(model, { seq: 4, at: 4, type: 'device.remove', deviceId: 'ghost' });
    applySiteEvent(model, { seq: 5, at: 5, type: 'alert.clear', alertId: 'ghost' });
    expect([...model.devices.keys()]).toEqual(['d1']);
    expect(model.devices.get('d1')).toBe(before);
    expect([...model.alerts.keys()]).toEqual(['a1']);
  });

  it('keeps an update of an alert it never held as sent, as a raise', () => {
    const model = emptySiteModel();
    const late = alert('a1', 'nowhere');
    applySiteEvent(model, { seq: 1, at: 1, type: 'alert.update', alert: late });
    expect(model.alerts.get('a1')).toBe(late);
  });
});
