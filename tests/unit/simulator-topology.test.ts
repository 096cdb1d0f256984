import { describe, expect, it } from 'vitest';
import { Device } from '../../shared/protocol/device.js';
import { Rng } from '../../simulator/rng.js';
import { buildTopology, metricNamesFor } from '../../simulator/topology.js';

const NOW = Date.UTC(2026, 10, 26, 9, 0);

describe('Rng', () => {
  it('repeats a sequence from the same seed and stays in range', () => {
    const draw = (seed: string) => {
      const rng = new Rng(seed);
      return [
        rng.next(),
        rng.float(5, 6),
        rng.int(1, 3),
        rng.chance(0.5),
        rng.pick(['a', 'b']),
        rng.gaussian(),
      ];
    };
    expect(draw('seed')).toEqual(draw('seed'));
    expect(draw('seed')).not.toEqual(draw('seed2'));

    const rng = new Rng('range');
    const ints = new Set<number>();
    let sum = 0;
    for (let i = 0; i < 5000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      ints.add(rng.int(1, 3));
      sum += rng.gaussian();
    }
    expect([...ints].sort()).toEqual([1, 2, 3]);
    expect(Math.abs(sum / 5000)).toBeLessThan(0.1);
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
    expect(() => rng.pick([])).toThrow(/empty/);
  });
});

describe('buildTopology', () => {
  it('builds gateway → firewall → switches → hosts with readable ids and valid devices', () => {
    const devices = buildTopology({ devices: 100, rng: new Rng('topo'), now: NOW });
    expect(devices).toHaveLength(100);
    for (const d of devices) Device.parse(d);
    expect(new Set(devices.map((d) => d.id)).size).toBe(100);

    const [gw, fw] = devices;
    expect(gw).toMatchObject({ id: 'gw-1', kind: 'gateway', parentId: null, status: 'up' });
    expect(fw).toMatchObject({ id: 'fw-1', kind: 'firewall', parentId: 'gw-1' });
    const switches = devices.filter((d) => d.kind === 'switch');
    expect(switches.map((s) => s.id)).toEqual(['sw-01', 'sw-02', 'sw-03', 'sw-04']);
    expect(switches.every((s) => s.parentId === 'fw-1')).toBe(true);

    const hosts = devices.slice(2 + switches.length);
    const perSwitch = new Map<string, number>();
    for (const h of hosts) {
      expect(h.parentId).toMatch(/^sw-\d\d$/);
      perSwitch.set(h.parentId ?? '', (perSwitch.get(h.parentId ?? '') ?? 0) + 1);
      expect(h.id).toMatch(/^(srv|ws|prn|ap)-\d{3}$/);
    }
    expect(Math.max(...perSwitch.values())).toBeLessThanOrEqual(24);
    const kinds = new Set(hosts.map((h) => h.kind));
    expect(kinds).toEqual(new Set(['server', 'workstation', 'printer', 'access-point']));
    expect(hosts.filter((h) => h.kind === 'workstation').length).toBeGreaterThan(hosts.length / 2);
    expect(devices.find((d) => d.id === 'ws-001')?.name).toMatch(/PC/);
  });

  it('gives agents a security posture and the right metrics per kind', () => {
    const devices = buildTopology({ devices: 200, rng: new Rng('posture'), now: NOW });
    for (const d of devices) {
      const agent = d.kind === 'server' || d.kind === 'workstation';
      expect(d.security === null).toBe(!agent);
      expect(Object.keys(d.metrics).sort()).toEqual([...metricNamesFor(d.kind)].sort());
      if (d.security?.lastBackupAt != null) {
        expect(d.security.lastBackupAt).toBeLessThan(NOW);
        expect(NOW - d.security.lastBackupAt).toBeLessThan(11 * 86_400_000);
      }
    }
    const postures = devices.flatMap((d) => (d.security ? [d.security] : []));
    const edr = postures.map((p) => p.edr);
    expect(edr.filter((s) => s === 'protected').length).toBeGreaterThan(postures.length * 0.7);
    expect(edr.some((s) => s !== 'protected')).toBe(true);
    expect(postures.some((p) => p.lastBackupAt === null)).toBe(true);
    expect(
      postures.every((p) => p.pendingCriticalPatches >= 0 && p.pendingCriticalPatches <= 5),
    ).toBe(true);
    expect(metricNamesFor('server')).toEqual(['cpu', 'memory', 'disk', 'latency', 'loss']);
    expect(metricNamesFor('switch')).toEqual(['cpu', 'latency', 'loss']);
  });

  it('handles tiny sites and rejects nonsense sizes', () => {
    expect(buildTopology({ devices: 1, rng: new Rng('x'), now: NOW }).map((d) => d.id)).toEqual([
      'gw-1',
    ]);
    expect(buildTopology({ devices: 4, rng: new Rng('x'), now: NOW }).map((d) => d.kind)).toEqual([
      'gateway',
      'firewall',
      'switch',
      'server',
    ]);
    expect(() => buildTopology({ devices: 0, rng: new Rng('x'), now: NOW })).toThrow(/positive/);
  });
});
