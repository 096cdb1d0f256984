import type { AppInfo } from '../../../shared/bridge/fleet-view.js';
import type { BusinessCalendar } from '../../../shared/sla/business-calendar.js';
import { ALWAYS_OPEN, BusinessTime, type TimeBasis } from '../../../shared/sla/business-time.js';

/** The time basis of each customer's clocks, from the calendars the hub sent (one per info). */
const bases = new WeakMap<NonNullable<AppInfo['sla']>, Map<string, TimeBasis>>();

/** A customer's business time (its calendar, else the default's), or all time for a 24×7 clock. */
export function basisFor(sla: AppInfo['sla'], customer: string, allHours: boolean): TimeBasis {
  if (allHours || !sla) return ALWAYS_OPEN;
  let byCustomer = bases.get(sla);
  if (!byCustomer) bases.set(sla, (byCustomer = new Map<string, TimeBasis>()));
  const known = byCustomer.get(customer);
  if (known) return known;
  const calendar: BusinessCalendar | null =
    sla.calendars.find((c) => c.customer === customer)?.calendar ?? sla.defaultCalendar;
  const basis = calendar ? new BusinessTime(calendar) : ALWAYS_OPEN;
  byCustomer.set(customer, basis);
  return basis;
}
