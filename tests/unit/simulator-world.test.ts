import { describe, expect, it } from 'vitest';
import type { Device } from '../../shared/protocol/device.js';
import type { SiteEvent, UnsequencedEvent } from '../../shared/protocol/events.js';
import { SiteEvent as SiteEventSchema } from '../../shared/protocol/events.js';
import { Snapshot } from '../../shared/protocol/messages.js';
import { siteModelToPlain } from '../../shared/site-model/site-model.js';
import { Journal } from '../../simulator/journal.js';
import type { Scenario } from '../../simulator/scenarios.js';
import { SiteWorld } from '../../simulator/world.js';
import type { SiteWorldOptions } from '../../simulator/world.js';
import { FakeClock } from '../support/fake-clock.js';

const HOUR = 3_600_000;
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Runs a world for `ticks` steps of `stepMs` through a journal, as the server does. */
function run(
  options: Partial<SiteWorldOptions> & { scenario: Scenario },
  ticks: number,
  stepMs = 1000,
) {
  const clock = new FakeClock();
  const world = new SiteWorld({
    siteId: 'site-01',
    devices: 60,
    seed: 'world-test',
    startAt: clock.now(),
    timeZone: 'Europe/Berlin',
    ...options,
  });
  const journal = new Journal({ siteId: 'site-01', clock });
  journal.append(world.initialEvents());
  const perTick: SiteEvent[][] = [];
  for (let i = 0; i < ticks; i++) {
    clock.advance(stepMs);
    perTick.push(journal.append(world.tick(clock.now())));
  }
  return { world, journal, clock, perTick, all: perTick.flat() };
}

const statusOf = (events: readonly SiteEvent[], id: string) =>
  events.flatMap((e) =>
    e.type === 'device.upsert' && e.device.id === id ? [e.device.status] : [],
  );

describe('SiteWorld', () => {
  it.each<Scenario>(['calm', 'storm', 'flapping', 'outage', 'restart'])(
    '%s: every event and snapshot passes the schemas, and the journal numbers them +1',
    (scenario) => {
      const { world, journal, all, clock } = run({ scenario, devices: 80 }, 150);
      expect(all.length).toBeGreaterThan(0);
      for (const event of journal.since(journal.stream, 0) ?? []) SiteEventSchema.parse(event);
      const seqs = (journal.since(journal.stream, 0) ?? []).map((e) => e.seq);
      expect(seqs[0]).toBe(1);
      expect(seqs.every((s, i) => s === i + 1)).toBe(true);
      const snapshot = { stream: journal.stream, seq: journal.lastSeq, at: clock.now() };
      Snapshot.parse({ ...snapshot, ...world.snapshot() });
      // The world's own state and the model rebuilt from its events agree exactly.
      const mine = world.snapshot();
      expect(siteModelToPlain(journal.model)).toEqual({
        devices: [...mine.devices].sort(byId),
        alerts: [...mine.alerts].sort(byId),
      });
    },
  );

  it('replays identically from the same seed and differs with another', () => {
    const a = run({ scenario: 'flapping' }, 80).all;
    const b = run({ scenario: 'flapping' }, 80).all;
    const c = run({ scenario: 'flapping', seed: 'another seed' }, 80).all;
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    const t1 = new SiteWorld({ siteId: 's', devices: 30, scenario: 'calm', seed: 'x', startAt: 0 });
    const t2 = new SiteWorld({ siteId: 's', devices: 30, scenario: 'calm', seed: 'x', startAt: 0 });
    expect(t2.initialEvents()).toEqual(t1.initialEvents());
  });

  it('calm: most ticks carry only a modest number of metric samples', () => {
    const { perTick } = run({ scenario: 'calm', devices: 100 }, 120);
    const onlySamples = perTick.filter((t) => t.every((e) => e.type === 'metric.sample'));
    expect(onlySamples.length).toBeGreaterThan(perTick.length * 0.8);
    const mean = perTick.reduce((n, t) => n + t.length, 0) / perTick.length;
    expect(mean).toBeLessThan(20);
  });

  it('storm: the gateway fails, everything behind it goes unknown, hundreds of alerts, then all clear', () => {
    const { world, perTick } = run(
      // No background failures, so every alert here is the storm's.
      { scenario: 'storm', devices: 100, stormAtTick: 5, stormTicks: 30, failureRate: 0 },
      40,
    );
    const failTick = perTick[4] ?? [];
    expect(statusOf(failTick, 'gw-1')).toEqual(['down']);
    const unknown = failTick.filter(
      (e) => e.type === 'device.upsert' && e.device.status === 'unknown',
    );
    expect(unknown).toHaveLength(99);
    const raised = perTick
      .slice(4, 14)
      .flat()
      .filter((e) => e.type === 'alert.raise');
    expect(raised.length).toBeGreaterThanOrEqual(300);
    expect(new Set(raised.map((e) => e.alert.id)).size).toBe(raised.length);
    expect(raised.filter((e) => e.alert.check === 'ping')).toHaveLength(100);
    // Recovery on tick 35: the storm's alerts clear and no device stays unknown or down.
    const after = world.snapshot();
    expect(after.alerts.filter((a) => a.check === 'ping' || a.check.startsWith('nodata:'))).toEqual(
      [],
    );
    expect(after.devices.every((d) => d.status === 'up' || d.status === 'warning')).toBe(true);
    expect(perTick[34]?.filter((e) => e.type === 'alert.clear').length).toBeGreaterThanOrEqual(300);
  });

  it('flapping: a device toggles down and up several times, raising and clearing its ping alert', () => {
    const { world, all } = run({ scenario: 'flapping', flappers: 2 }, 40);
    expect(world.flapping).toHaveLength(2);
    for (const id of world.flapping) {
      const statuses = statusOf(all, id);
      expect(statuses.filter((s) => s === 'down').length).toBeGreaterThanOrEqual(4);
      // Each change is a toggle: down is always followed by something else.
      statuses.forEach((s, i) => {
        if (i > 0) expect(s).not.toBe(statuses[i - 1]);
      });
      const pings = all.filter(
        (e) => e.type === 'alert.raise' && e.alert.deviceId === id && e.alert.check === 'ping',
      );
      expect(pings.length).toBeGreaterThanOrEqual(4);
      expect(all.some((e) => e.type === 'alert.clear' && e.alertId.startsWith(`${id}:ping:`))).toBe(
        true,
      );
    }
  });

  it('fills disks over simulated days and raises disk alerts above 90 %', () => {
    const { world, all } = run({ scenario: 'calm', devices: 60, seed: 'disks' }, 24 * 20, HOUR);
    const start = new SiteWorld({
      siteId: 'site-01',
      devices: 60,
      scenario: 'calm',
      seed: 'disks',
      startAt: new FakeClock().now(),
    });
    const disks = (devices: readonly Device[]) =>
      new Map(
        devices.flatMap((d) => (d.metrics.disk === undefined ? [] : [[d.id, d.metrics.disk]])),
      );
    const before = disks(start.snapshot().devices);
    const after = disks(world.snapshot().devices);
    const grew = [...before].filter(([id, d]) => (after.get(id) ?? 0) > d);
    expect(before.size).toBeGreaterThan(30);
    expect(grew.length).toBeGreaterThan(before.size * 0.7);
    const diskAlerts = all.filter((e) => e.type === 'alert.raise' && e.alert.check === 'disk');
    expect(diskAlerts.length).toBeGreaterThan(0);
    expect(new Set(diskAlerts.map((e) => e.type === 'alert.raise' && e.alert.severity))).toEqual(
      new Set(['warning']),
    );
  });

  it('follows the office day of the site: CPU is higher in business hours', () => {
    // Tick hour by hour and read the mean workstation CPU at 11:00 and 03:00 Berlin time.
    const clock = new FakeClock(Date.UTC(2026, 10, 25, 0, 0)); // a Wednesday, 01:00 in Berlin
    const w = new SiteWorld({
      siteId: 's',
      devices: 60,
      scenario: 'calm',
      seed: 'day',
      startAt: clock.now(),
      timeZone: 'Europe/Berlin',
    });
    const meanCpu = () => {
      const ws = w.snapshot().devices.filter((d) => d.kind === 'workstation');
      return ws.reduce((n, d) => n + (d.metrics.cpu ?? 0), 0) / ws.length;
    };
    const samples: Record<number, number> = {};
    for (let h = 1; h <= 24; h++) {
      clock.advance(HOUR);
      w.tick(clock.now());
      samples[(h + 1) % 24] = meanCpu();
    }
    expect((samples[11] ?? 0) - (samples[3] ?? 0)).toBeGreaterThan(15);
    expect(w.tickCount).toBe(24);
  });

  it('applyAck returns the alert.update with the ack, or null for no such open alert', () => {
    const { world, clock } = run({ scenario: 'storm', stormAtTick: 1 }, 2);
    const alert = world.snapshot().alerts[0];
    if (!alert) throw new Error('storm raised no alert');
    const ack = { ackId: 'ack-1', technician: 'Dana', comment: 'on it', at: clock.now() };
    const event: UnsequencedEvent | null = world.applyAck(alert.id, ack);
    expect(event).toEqual({ type: 'alert.update', alert: { ...alert, ack, updatedAt: ack.at } });
    expect(world.alert(alert.id)?.ack).toEqual(ack);
    expect(world.applyAck('no-such-alert', ack)).toBeNull();
  });

  it('restores from a model and keeps alert ids unique across the restart', () => {
    const { world, journal, clock } = run({ scenario: 'flapping' }, 30);
    const seen = (journal.since(journal.stream, 0) ?? []).flatMap((e) =>
      e.type === 'alert.raise' ? [e.alert.id] : [],
    );
    const restored = SiteWorld.restore(journal.model, {
      siteId: 'site-01',
      scenario: 'flapping',
      seed: 'resumed',
      now: clock.now(),
      timeZone: 'Europe/Berlin',
      seenAlertIds: seen,
    });
    expect(restored.snapshot().devices.map((d) => d.id)).toEqual(
      world.snapshot().devices.map((d) => d.id),
    );
    const later: SiteEvent[] = [];
    for (let i = 0; i < 60; i++) {
      clock.advance(1000);
      later.push(...journal.append(restored.tick(clock.now())));
    }
    const newIds = later.flatMap((e) => (e.type === 'alert.raise' ? [e.alert.id] : []));
    expect(newIds.length).toBeGreaterThan(0);
    expect(newIds.filter((id) => seen.includes(id))).toEqual([]);
    for (const e of later) SiteEventSchema.parse(e);
  });
});
