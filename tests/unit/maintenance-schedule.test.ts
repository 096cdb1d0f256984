import { describe, expect, it } from 'vitest';
import { MaintenanceSchedule } from '../../electron/hub/alerts/maintenance-schedule.js';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { MaintenanceWindow } from '../../shared/maintenance/maintenance-window.js';
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
    const window = MaintenanceWindow.parse({
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
    const later = MaintenanceWindow.parse({
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
});
