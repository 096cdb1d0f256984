import { describe, expect, expectTypeOf, it } from 'vitest';
import { MaintenanceSchedule } from '../../electron/hub/alerts/maintenance-schedule.js';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { CheckedMaintenanceWindow } from '../../electron/hub/alerts/maintenance-recurrence.js';
import type { MaintenanceWindow } from '../../shared/maintenance/maintenance-window.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteMaintenanceStore } from '../../electron/hub/alerts/maintenance-store.js';
import { openStore } from '../../electron/hub/store/open-store.js';
import { FakeClock } from '../support/fake-clock.js';

/** The hub puts what is in maintenance on each site's summary, at each start and end. */

describe('MaintenanceSchedule', () => {
  it('shows a window from its start to its end, weekly, with one timer', () => {
    // Monday 30 November 2026, 09:00 UTC = 10:00 in Berlin.
    const clock = new FakeClock(Date.UTC(2026, 10, 30, 9, 0));
    const fleet = new FleetState(
      [
        { id: 'hq', customer: 'Acme' },
        { id: 'br', customer: 'Acme' },
      ],
      { clock },
    );
    const window = CheckedMaintenanceWindow.parse({
      id: 'patching',
      siteId: 'hq',
      deviceIds: ['srv1'],
      reason: 'Monthly patching',
      timeZone: 'Europe/Berlin',
      start: '2026-11-30T11:00',
      durationMinutes: 90,
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
    });
    const schedule = new MaintenanceSchedule([window], fleet, clock);
    const running = () => fleet.site('hq')?.maintenance;
    schedule.start();
    expect(running()).toEqual([]);
    expect(schedule.openResources).toBe(1);
    clock.advance(3_600_000); // 11:00 Berlin
    const until = Date.UTC(2026, 10, 30, 11, 30);
    expect(running()).toEqual([
      { windowId: 'patching', reason: 'Monthly patching', deviceIds: ['srv1'], until },
    ]);
    expect(fleet.site('br')?.maintenance).toEqual([]);
    clock.advance(90 * 60_000);
    expect(running()).toEqual([]);
    // A week later, again.
    clock.advance(7 * 86_400_000 - 90 * 60_000);
    expect(running()?.[0]?.until).toBe(until + 7 * 86_400_000);
    schedule.dispose();
    expect(schedule.openResources).toBe(0);
  });

  it('starts a window far beyond its look-ahead when the day comes (it keeps waking)', () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 30, 9, 0));
    const fleet = new FleetState([{ id: 'hq', customer: 'Acme' }], { clock });
    const later = CheckedMaintenanceWindow.parse({
      id: 'move',
      siteId: 'hq',
      deviceIds: [],
      reason: 'Office move',
      timeZone: 'UTC',
      start: '2027-06-01T08:00',
      durationMinutes: 600,
    });
    const schedule = new MaintenanceSchedule([later], fleet, clock);
    schedule.start();
    clock.advance(Date.UTC(2027, 5, 1, 8, 0) - clock.now());
    expect(fleet.site('hq')?.maintenance.map((m) => m.windowId)).toEqual(['move']);
    schedule.dispose();
  });

  it('a technician’s window: in force at once, kept in the store across a restart, cancelled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'noc-maint-'));
    const file = join(dir, 'noc.sqlite');
    try {
      const clock = new FakeClock(Date.UTC(2026, 10, 30, 9, 0));
      const fleet = () => new FleetState([{ id: 'hq', customer: 'Acme' }], { clock });
      let store = await openStore(file);
      const first = fleet();
      const schedule = new MaintenanceSchedule(
        [],
        first,
        clock,
        new SqliteMaintenanceStore(store.raw),
        () => 'm-1',
      );
      schedule.start();
      const set = schedule.add(
        {
          siteId: 'hq',
          deviceIds: [],
          reason: 'ISP swaps the router',
          timeZone: 'Europe/Berlin',
          start: '2026-11-30T09:30', // 08:30 UTC: running now
          durationMinutes: 120,
        },
        'Dana',
      );
      expect(set).toMatchObject({
        source: 'technician',
        createdBy: 'Dana',
        next: { start: Date.UTC(2026, 10, 30, 8, 30) },
      });
      expect(first.site('hq')?.maintenance.map((m) => m.windowId)).toEqual(['m-1']);
      schedule.dispose();
      await store.close();

      // A restart: the window comes back from the store, still running.
      store = await openStore(file);
      const second = fleet();
      const again = new MaintenanceSchedule(
        [],
        second,
        clock,
        new SqliteMaintenanceStore(store.raw),
      );
      again.start();
      expect(second.site('hq')?.maintenance.map((m) => m.windowId)).toEqual(['m-1']);
      again.cancel('m-1');
      expect(second.site('hq')?.maintenance).toEqual([]);
      expect(again.list('hq')).toEqual([]);
      again.dispose();
      await store.close();
      store = await openStore(file);
      expect(new SqliteMaintenanceStore(store.raw).load()).toEqual([]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses, saying why: an unknown site, a bad rule, a config window to cancel, an unknown one', () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 30, 9, 0));
    const fleet = new FleetState([{ id: 'hq', customer: 'Acme' }], { clock });
    const configured = CheckedMaintenanceWindow.parse({
      id: 'cfg',
      siteId: 'hq',
      deviceIds: [],
      reason: 'Patching',
      timeZone: 'UTC',
      start: '2026-12-06T02:00',
      durationMinutes: 60,
    });
    const schedule = new MaintenanceSchedule([configured], fleet, clock);
    // A window only the shared schema checked (its rule never parsed) is not a checked one, which
    // is all the schedule takes (from the config schema, the store or add()): tsc fails if it is.
    expectTypeOf<MaintenanceWindow>().not.toExtend<CheckedMaintenanceWindow>();
    expectTypeOf<CheckedMaintenanceWindow>().toExtend<MaintenanceWindow>();
    expectTypeOf<ConstructorParameters<typeof MaintenanceSchedule>[0]>().toEqualTypeOf<
      readonly CheckedMaintenanceWindow[]
    >();
    schedule.start();
    const request = {
      siteId: 'hq',
      deviceIds: [],
      reason: 'x',
      timeZone: 'UTC',
      start: '2026-12-06T02:00',
      durationMinutes: 60,
    };
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refusal(() => schedule.add({ ...request, siteId: 'nowhere' }, 'Dana'))).toBe(
      'no site "nowhere"',
    );
    expect(refusal(() => schedule.add({ ...request, rrule: 'FREQ=HOURLY' }, 'Dana'))).toMatch(
      /^rrule: a maintenance recurrence repeats whole days/,
    );
    expect(refusal(() => schedule.add({ ...request, timeZone: 'Nowhere/City' }, 'Dana'))).toBe(
      'timeZone: unknown time zone "Nowhere/City"',
    );
    expect(refusal(() => schedule.add({ ...request, deviceIds: ['nope'] }, 'Dana'))).toBe(
      'deviceIds: no device "nope" at site "hq"',
    );
    expect(refusal(() => schedule.add({ ...request, start: '2001-01-01T00:00' }, 'Dana'))).toBe(
      'this window never runs: every occurrence of it is over',
    );
    // A window that starts later: in force when its time comes (the timer moves to it).
    const later = schedule.add({ ...request, start: '2026-11-30T10:00' }, 'Dana');
    clock.advance(Date.UTC(2026, 10, 30, 10, 0) - clock.now());
    expect(fleet.site('hq')?.maintenance.map((m) => m.windowId)).toEqual([later.window.id]);
    expect(
      refusal(() => {
        schedule.cancel('cfg');
      }),
    ).toBe('maintenance window "cfg" is set in the config file: remove it there');
    expect(
      refusal(() => {
        schedule.cancel('m-x');
      }),
    ).toBe('no maintenance window "m-x"');
    expect(schedule.list('hq').map((w) => [w.window.id, w.source])).toEqual([
      ['cfg', 'config'],
      [later.window.id, 'technician'],
    ]);
    schedule.dispose();
  });
});
