import { describe, expect, it } from 'vitest';
import type { SiteSummary } from '../../shared/bridge/fleet-view.js';
import {
  emptyFleetModel,
  GAP,
  reduceDelta,
  reduceSnapshot,
  type FleetModel,
} from '../../shared/fleet/fleet-reducer.js';
import { jsonEqual, keepIfEqual } from '../../shared/fleet/json-equal.js';
import type { Device } from '../../shared/protocol/device.js';
import { alert, content, delta, device, site, smallFleet } from './fleet-fixtures.js';

/** The shared reducer, as any bridge client (the page, the serve tests) uses it. */

function loaded(): FleetModel {
  return reduceSnapshot(emptyFleetModel, smallFleet(10));
}

function deviceAfter(state: FleetModel, sent: Device): Device | undefined {
  const next = reduceDelta(state, delta(10, { devices: [{ siteId: 'a', device: sent }] }));
  if (next === GAP) throw new Error('unexpected gap');
  return next.devices.get('a')?.get(sent.id);
}

describe('structural equality: a new field is never silently dropped', () => {
  it('an identical re-sent device keeps the object already held (no re-render)', () => {
    const before = loaded();
    const held = before.devices.get('a')?.get('a1');
    expect(deviceAfter(before, device('a1'))).toBe(held);
  });

  it('a device carrying a field no code lists yet replaces the old object', () => {
    const before = loaded();
    const sent = { ...device('a1'), firmware: '2.1.0' } as Device;
    const after = deviceAfter(before, sent);
    expect(after).toBe(sent);
    expect(after).toHaveProperty('firmware', '2.1.0');
  });

  it('a change deep inside a device (one metric, one security field) replaces it', () => {
    const before = loaded();
    const cpu = device('a1', { metrics: { cpu: 11, memory: 20, disk: 30, latency: 2, loss: 0 } });
    expect(deviceAfter(before, cpu)?.metrics.cpu).toBe(11);
    const security = device('a1').security;
    if (!security) throw new Error('the fixture device has a security posture');
    const edr = device('a1', { security: { ...security, edr: 'disabled' } });
    expect(deviceAfter(before, edr)?.security?.edr).toBe('disabled');
    const noMetric = device('a1', { metrics: { cpu: 10, memory: 20, disk: 30, latency: 2 } });
    expect(deviceAfter(before, noMetric)?.metrics).not.toHaveProperty('loss');
  });

  it('a site whose health gained a field, or changed a counter, is replaced; an equal one kept', () => {
    const before = loaded();
    const heldA = before.sites.get('a');
    const withField = { ...site('a'), health: { ...site('a').health, flaps: 3 } } as SiteSummary;
    const next = reduceDelta(
      before,
      delta(10, { sites: [withField, site('b', 'live', { resyncs: 2 })] }),
    );
    if (next === GAP) throw new Error('unexpected gap');
    expect(next.sites.get('a')).toBe(withField);
    expect(next.sites.get('b')?.health.resyncs).toBe(2);
    const again = reduceDelta(next, delta(11, { sites: [site('b', 'live', { resyncs: 2 })] }));
    if (again === GAP) throw new Error('unexpected gap');
    expect(again.sites).toBe(next.sites);
    expect(heldA).not.toBe(withField);
  });

  it('an alert re-sent equal keeps its object; acknowledged, it is replaced', () => {
    const before = loaded();
    const held = before.alerts.get('a')?.get('x');
    const same = reduceDelta(before, delta(10, { alerts: [{ siteId: 'a', alert: alert('x') }] }));
    if (same === GAP) throw new Error('unexpected gap');
    expect(same.alerts.get('a')?.get('x')).toBe(held);
    expect(same.alerts).toBe(before.alerts);
    const ack = { ackId: 'k', technician: 'Dana', comment: '', at: 5 };
    const acked = reduceDelta(
      same,
      delta(11, { alerts: [{ siteId: 'a', alert: alert('x', { ack }) }] }),
    );
    if (acked === GAP) throw new Error('unexpected gap');
    expect(acked.alerts.get('a')?.get('x')?.ack).toEqual(ack);
  });
});

describe('jsonEqual', () => {
  it('compares JSON values by structure, arrays in order, objects by their own keys', () => {
    expect(jsonEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual({ a: undefined }, { b: undefined })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual('1', 1)).toBe(false);
  });

  it('keepIfEqual returns the held value only when equal', () => {
    const held = { a: { b: 1 } };
    expect(keepIfEqual(held, { a: { b: 1 } })).toBe(held);
    const changed = { a: { b: 2 } };
    expect(keepIfEqual(held, changed)).toBe(changed);
    expect(keepIfEqual(undefined, changed)).toBe(changed);
  });
});

describe('reduceSnapshot / reduceDelta keep everything else of the caller state', () => {
  it('carries extra fields of a client state through, untouched', () => {
    const state = { ...emptyFleetModel, mine: 'kept' };
    const after = reduceSnapshot(state, smallFleet(10));
    expect(after.mine).toBe('kept');
    const next = reduceDelta(after, delta(10, { resets: [content('b', [device('b9')])] }));
    if (next === GAP) throw new Error('unexpected gap');
    expect(next.mine).toBe('kept');
    expect([...(next.devices.get('b')?.keys() ?? [])]).toEqual(['b9']);
  });
});
