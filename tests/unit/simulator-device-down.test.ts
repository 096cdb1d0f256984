import { afterEach, describe, expect, it } from 'vitest';
import type { SiteEvent, UnsequencedEvent } from '../../shared/protocol/events.js';
import { SiteEvent as SiteEventSchema } from '../../shared/protocol/events.js';
import { siteModelToPlain } from '../../shared/site-model/site-model.js';
import { Journal } from '../../simulator/journal.js';
import { SiteWorld } from '../../simulator/world.js';
import type { SiteWorldOptions } from '../../simulator/world.js';
import { FakeClock } from '../support/fake-clock.js';
import { events, until } from '../support/sim-client.js';
import { SimSiteHarness } from '../support/sim-site-harness.js';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function world(over: Partial<SiteWorldOptions> = {}) {
  const clock = new FakeClock();
  const w = new SiteWorld({
    siteId: 'site-01',
    devices: 40,
    scenario: 'calm',
    seed: 'device-down',
    startAt: clock.now(),
    failureRate: 0,
    ...over,
  });
  const journal = new Journal({ siteId: 'site-01', clock });
  journal.append(w.initialEvents());
  return { w, journal, clock };
}

const upserts = (list: readonly UnsequencedEvent[]) =>
  new Map(
    list.flatMap((e) => (e.type === 'device.upsert' ? [[e.device.id, e.device.status]] : [])),
  );

describe('SiteWorld.setDeviceDown', () => {
  it('takes a leaf down at once: its upsert and its ping alert, nothing else moves', () => {
    const { w, clock } = world();
    clock.advance(1000);
    const down = w.setDeviceDown('ws-001', true, clock.now());
    expect(upserts(down)).toEqual(new Map([['ws-001', 'down']]));
    const raised = down.flatMap((e) => (e.type === 'alert.raise' ? [e.alert] : []));
    const name = w.device('ws-001')?.name ?? '?';
    expect(raised).toMatchObject([
      { deviceId: 'ws-001', check: 'ping', severity: 'high', title: `${name} is down` },
    ]);
    // No metric drift outside a tick: the intervention is exactly the failure.
    expect(down.some((e) => e.type === 'metric.sample')).toBe(false);
    expect(w.device('ws-001')?.status).toBe('down');
  });

  it('a switch down turns its hosts unknown; back up, every ping alert clears', () => {
    const { w, journal, clock } = world();
    const hosts = w
      .snapshot()
      .devices.filter((d) => d.parentId === 'sw-02')
      .map((d) => d.id);
    expect(hosts.length).toBeGreaterThan(5);
    clock.advance(1000);
    const down = journal.append(w.setDeviceDown('sw-02', true, clock.now()));
    const statuses = upserts(down);
    expect(statuses.get('sw-02')).toBe('down');
    for (const id of hosts) expect(statuses.get(id)).toBe('unknown');
    expect(statuses.size).toBe(hosts.length + 1);
    const pings = down.filter((e) => e.type === 'alert.raise' && e.alert.check === 'ping');
    expect(pings).toHaveLength(hosts.length + 1);

    clock.advance(1000);
    const up = journal.append(w.setDeviceDown('sw-02', false, clock.now()));
    for (const [id, status] of upserts(up)) {
      expect([id, status]).toEqual([id, expect.stringMatching(/^(up|warning)$/)]);
    }
    expect(upserts(up).size).toBe(hosts.length + 1);
    expect(w.snapshot().alerts.filter((a) => a.check === 'ping')).toEqual([]);
    for (const event of journal.since(journal.stream, 0) ?? []) SiteEventSchema.parse(event);
    // The journal's model (what a dashboard rebuilds) agrees with the world.
    const mine = w.snapshot();
    expect(siteModelToPlain(journal.model)).toEqual({
      devices: [...mine.devices].sort(byId),
      alerts: [...mine.alerts].sort(byId),
    });
  });

  it('a device held down stays down through ticks, even a flapper the plan would recover', () => {
    const { w, clock } = world({ scenario: 'flapping', flappers: 2 });
    const [flapper] = w.flapping;
    if (!flapper) throw new Error('no flapper');
    w.setDeviceDown(flapper, true, clock.now());
    for (let i = 0; i < 30; i++) {
      clock.advance(1000);
      w.tick(clock.now());
      expect(w.device(flapper)?.status).toBe('down');
    }
    clock.advance(1000);
    w.setDeviceDown(flapper, false, clock.now());
    expect(w.device(flapper)?.status).not.toBe('down');
  });

  it('leaves a normal run exactly as it was (same seed, same events)', () => {
    const a = world({ scenario: 'flapping' });
    const b = world({ scenario: 'flapping' });
    const run = (x: ReturnType<typeof world>) =>
      Array.from({ length: 50 }, () => {
        x.clock.advance(1000);
        return x.w.tick(x.clock.now());
      }).flat();
    expect(run(b)).toEqual(run(a));
  });

  it('refuses an unknown device', () => {
    const { w, clock } = world();
    expect(() => w.setDeviceDown('nope', true, clock.now())).toThrow('site-01: no device "nope"');
  });
});

describe('SimSite.setDeviceDown', () => {
  const sim = new SimSiteHarness();
  afterEach(() => sim.dispose());

  it('numbers, journals and sends the failure and the recovery to live sockets', async () => {
    const { site, url } = await sim.startSite({
      scenario: 'calm',
      seed: 'device-down',
      failureRate: 0,
    });
    const c = await sim.synced(url, { stream: null, after: null });
    const before = site.journal.lastSeq;

    site.setDeviceDown('srv-001', true);
    await until('the failure to arrive', () => events(c.rec).length > 0);
    const sent: SiteEvent[] = events(c.rec);
    expect(sent.map((e) => e.seq)).toEqual(sent.map((_, i) => before + 1 + i));
    expect(site.journal.lastSeq).toBe(before + sent.length);
    expect(sent).toContainEqual(
      expect.objectContaining({
        type: 'device.upsert',
        device: expect.objectContaining({ id: 'srv-001', status: 'down' }) as unknown,
      }),
    );
    expect(site.groundTruth().alerts.map((a) => a.id)).toContain('srv-001:ping:1');

    site.setDeviceDown('srv-001', false);
    await until('the recovery to arrive', () =>
      events(c.rec).some((e) => e.type === 'alert.clear' && e.alertId === 'srv-001:ping:1'),
    );
    expect(site.world.device('srv-001')?.status).not.toBe('down');
    expect(() => {
      site.setDeviceDown('nope', true);
    }).toThrow('no device "nope"');
  });
});
