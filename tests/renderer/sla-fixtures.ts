import type { AppInfo } from '../../shared/bridge/fleet-view.js';
import { BusinessCalendar } from '../../shared/sla/business-calendar.js';
import { ContractTerms } from '../../shared/sla/contract.js';
import { openIncident, type Incident } from '../../shared/sla/incident.js';
import { DEMO_INFO } from './fake-bridge.js';

/** SLA fixtures for the board's tests: Acme's office-hours calendar (UTC), P1 24×7 and P2. */

export const MIN = 60_000;
const OFFICE = [{ start: '09:00', end: '17:00' }];
export const CALENDAR = BusinessCalendar.parse({
  timeZone: 'UTC',
  hours: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE },
});
export const TERMS = ContractTerms.parse({
  calendar: CALENDAR,
  priorities: { disaster: 'P1', high: 'P2' },
  targets: {
    P1: { responseMinutes: 15, resolutionMinutes: 240, allHours: true },
    P2: { responseMinutes: 30, resolutionMinutes: 480 },
  },
});
export const INFO: AppInfo = {
  ...DEMO_INFO,
  sla: { calendars: [{ customer: 'Acme', calendar: CALENDAR }], defaultCalendar: null },
};

export function incident(
  id: string,
  priority: 'P1' | 'P2',
  openedAt: number,
  title: string,
): Incident {
  const targets = TERMS.targets[priority];
  if (!targets) throw new Error('no targets');
  return openIncident({
    id,
    siteId: 's1',
    customer: 'Acme',
    alertId: `a-${id}`,
    deviceId: null,
    check: 'ping',
    title,
    priority,
    targets,
    at: openedAt,
  });
}
