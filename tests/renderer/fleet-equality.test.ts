import { describe, expect, it } from 'vitest';
import type { SiteSummary } from '../../shared/bridge/fleet-view.js';
import {
  emptyFleetModel,
  GAP,
  reduceDelta,
  reduceSnapshot,
  type FleetModel,
} from '../../shared/fleet/fleet-reducer.js';
import { devicePatch } from '../../shared/fleet/device-patch.js';
import { jsonEqual, keepUnchanged } from '../../shared/fleet/json-equal.js';
import type { Device } from '../../shared/protocol/device.js';
import { alert, content, delta, device, site, smallFleet, T0 } from './fleet-fixtures.js';

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
    const held = before.devices.get('a')?.get('a1');
    const sent = { ...device('a1'), firmware: '2.1.0' } as Device;
    const after = deviceAfter(before, sent);
    expect(after).toEqual(sent);
    expect(after).not.toBe(held);
    expect(after).toHaveProperty('firmware', '2.1.0');
  });

  it('a changed device keeps the parts that did not change (so the collector copies only the new)', () => {
    const before = loaded();
    const held = before.devices.get('a')?.get('a1');
    const sent = device('a1', { metrics: { cpu: 77, memory: 20, disk: 30, latency: 2, loss: 0 } });
    const after = deviceAfter(before, sent);
    expect(after).toEqual(sent);
    expect(after).not.toBe(held);
    expect(after?.security).toBe(held?.security);
    expect(after?.metrics).not.toBe(held?.metrics);
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
    expect(next.sites.get('a')).toEqual(withField);
    expect(next.sites.get('a')).not.toBe(heldA);
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

  it('keepUnchanged returns the held value when equal, else a copy sharing its unchanged parts', () => {
    const held = { a: { b: 1 }, list: [{ c: 1 }, { c: 2 }], name: 'x' };
    expect(keepUnchanged(held, { a: { b: 1 }, list: [{ c: 1 }, { c: 2 }], name: 'x' })).toBe(held);
    const incoming = { a: { b: 2 }, list: [{ c: 1 }, { c: 3 }], name: 'x' };
    const kept = keepUnchanged(held, incoming);
    expect(kept).toEqual(incoming);
    expect(kept).not.toBe(held);
    expect(kept.list[0]).toBe(held.list[0]);
    expect(kept.list[1]).toEqual({ c: 3 });
    expect(keepUnchanged(undefined, incoming)).toBe(incoming);
  });

  it('keepUnchanged follows added, removed and retyped fields, and never takes a prototype', () => {
    const held: Record<string, unknown> = { a: 1, gone: 2, list: [1] };
    expect(keepUnchanged(held, { a: 1 })).toEqual({ a: 1 });
    expect(keepUnchanged(held, { a: 1, gone: 2, list: [1], extra: null })).toEqual({
      a: 1,
      gone: 2,
      list: [1],
      extra: null,
    });
    expect(keepUnchanged(held, { a: 1, gone: 2, list: { 0: 1 } })).toEqual({
      a: 1,
      gone: 2,
      list: { 0: 1 },
    });
    const hostile = JSON.parse('{"a":1,"__proto__":{"polluted":true}}') as Record<string, unknown>;
    const kept = keepUnchanged(held, hostile);
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
    expect((kept as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('keepUnchanged keeps field order and the held parts before and after the first change', () => {
    const first = { id: 'first' };
    const last = { id: 'last' };
    const held = { first, middle: 1, last };
    const kept = keepUnchanged(held, { first: { id: 'first' }, middle: 2, last: { id: 'last' } });
    expect(Object.keys(kept)).toEqual(['first', 'middle', 'last']);
    expect([kept.first, kept.middle, kept.last]).toEqual([first, 2, last]);
    expect(kept.first).toBe(first);
    expect(kept.last).toBe(last);
    const items = [first, { n: 1 }, last];
    const shorter = keepUnchanged(items, [{ id: 'first' }, { n: 1 }]);
    expect(shorter).toEqual([first, { n: 1 }]);
    expect(shorter[0]).toBe(first);
    const changed = keepUnchanged(items, [{ id: 'first' }, { n: 2 }, { id: 'last' }]);
    expect(changed).toEqual([first, { n: 2 }, last]);
    expect(changed[0]).toBe(first);
    expect(changed[2]).toBe(last);
    expect(keepUnchanged(items, [{ id: 'first' }, { n: 1 }, { id: 'last' }, 4])).toEqual([
      first,
      { n: 1 },
      last,
      4,
    ]);
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

describe('device patches (FleetDelta.devicePatches)', () => {
  const patch = (id: string, cpu: number, status: Device['status'] = 'up') => ({
    siteId: 'a',
    id,
    status,
    metrics: { cpu, memory: 20, disk: 30, latency: 2, loss: 0 },
    updatedAt: T0 + 1_000,
  });

  it('moves a held device’s live fields and keeps the rest of it as held', () => {
    const before = loaded();
    const held = before.devices.get('a')?.get('a2');
    const next = reduceDelta(before, delta(10, { devicePatches: [patch('a2', 55, 'down')] }));
    if (next === GAP) throw new Error('unexpected gap');
    const after = next.devices.get('a')?.get('a2');
    expect(after).toEqual({
      ...held,
      status: 'down',
      metrics: { cpu: 55, memory: 20, disk: 30, latency: 2, loss: 0 },
      updatedAt: T0 + 1_000,
    });
    expect(after?.security).toBe(held?.security);
    expect(after?.name).toBe('dev-a2');
    // Site b was not touched: its map is the one held.
    expect(next.devices.get('b')).toBe(before.devices.get('b'));
  });

  it('a patch that changes nothing keeps the device object', () => {
    const before = loaded();
    const held = before.devices.get('a')?.get('a1');
    const same = { ...patch('a1', 10), updatedAt: T0 };
    const next = reduceDelta(before, delta(10, { devicePatches: [same] }));
    if (next === GAP) throw new Error('unexpected gap');
    expect(next.devices.get('a')?.get('a1')).toBe(held);
  });

  it('a patch of a device the viewer does not hold is a gap: it must take a snapshot again', () => {
    const before = loaded();
    expect(reduceDelta(before, delta(10, { devicePatches: [patch('nope', 1)] }))).toBe(GAP);
  });
});

describe('devicePatch: when a change may go as a patch', () => {
  it('only when nothing but status, metrics and updatedAt changed', () => {
    const held = device('a1');
    const sampled = device('a1', {
      status: 'warning',
      metrics: { cpu: 90, memory: 20, disk: 30, latency: 2, loss: 0 },
      updatedAt: T0 + 5,
    });
    expect(devicePatch('a', held, sampled)).toEqual({
      siteId: 'a',
      id: 'a1',
      status: 'warning',
      metrics: sampled.metrics,
      updatedAt: T0 + 5,
    });
    expect(devicePatch('a', undefined, sampled)).toBeNull();
    expect(devicePatch('a', held, { ...sampled, name: 'renamed' })).toBeNull();
    expect(devicePatch('a', held, { ...sampled, tags: ['vip'] })).toBeNull();
    const firmware = { ...sampled, firmware: '2.1' } as Device;
    expect(devicePatch('a', held, firmware)).toBeNull();
    const noSecurity: Record<string, unknown> = { ...sampled };
    delete noSecurity.security;
    expect(devicePatch('a', held, noSecurity as Device)).toBeNull();
  });
});
