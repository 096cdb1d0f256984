import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN } from '../../shared/sla/business-time.js';
import { compliance, complianceCsv } from '../../shared/sla/compliance.js';
import {
  openIncident,
  resolveIncident,
  respond,
  type Incident,
} from '../../shared/sla/incident.js';

/** Compliance by hand: three incidents of Acme, one of =Evil Corp, times in minutes. */

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 1, 9, 0);

function incident(
  id: string,
  customer: string,
  responseMin: number | null,
  resolveMin: number | null,
): Incident {
  let i = openIncident({
    id,
    siteId: 'hq',
    customer,
    alertId: `a-${id}`,
    deviceId: null,
    check: 'ping',
    title: `Incident ${id}`,
    priority: 'P2',
    targets: { responseMinutes: 30, resolutionMinutes: 240, allHours: true },
    at: T0,
  });
  if (responseMin !== null) i = respond(i, 'Dana', T0 + responseMin * MIN, ALWAYS_OPEN);
  if (resolveMin !== null) i = resolveIncident(i, T0 + resolveMin * MIN, ALWAYS_OPEN);
  return i;
}

describe('SLA compliance', () => {
  it('gives MTTA, MTTR, the shares within target and the breaches per customer', () => {
    const late = {
      ...incident('c', 'Acme', 45, 300),
      breaches: [
        { clock: 'response' as const, at: T0 + 30 * MIN },
        { clock: 'resolution' as const, at: T0 + 240 * MIN },
      ],
    };
    const rows = compliance([
      incident('a', 'Acme', 10, 60),
      incident('b', 'Acme', 20, null),
      late,
      incident('d', '=Evil Corp', null, null),
    ]);
    expect(rows.map((r) => r.customer)).toEqual(['=Evil Corp', 'Acme']);
    const acme = rows[1];
    expect(acme).toMatchObject({
      incidents: 3,
      responded: 3,
      resolved: 2,
      // (10 + 20 + 45) / 3 and (60 + 300) / 2, 24×7: business time is wall time.
      mttaBusinessMs: 25 * MIN,
      mttaWallMs: 25 * MIN,
      mttrBusinessMs: 180 * MIN,
      mttrWallMs: 180 * MIN,
      respondedWithinTarget: 2 / 3,
      resolvedWithinTarget: 1 / 2,
    });
    expect(acme?.breaches.map((b) => [b.incidentId, b.clock])).toEqual([
      ['c', 'response'],
      ['c', 'resolution'],
    ]);
    expect(rows[0]).toMatchObject({
      incidents: 1,
      responded: 0,
      mttaBusinessMs: null,
      respondedWithinTarget: null,
    });
  });

  it('exports CSV a spreadsheet cannot run', () => {
    const csv = complianceCsv(
      compliance([incident('a', 'Acme', 10, 60), incident('d', '=Evil Corp', null, null)]),
    );
    expect(csv.split('\r\n')).toEqual([
      'customer,incidents,responded,resolved,mtta_business_min,mtta_wall_min,mttr_business_min,mttr_wall_min,responded_within_target_pct,resolved_within_target_pct,planned,planned_within_target_pct,breaches',
      "'=Evil Corp,1,0,0,,,,,,,0,,0",
      'Acme,1,1,1,10.0,10.0,60.0,60.0,100.0,100.0,0,,0',
      '',
    ]);
  });
});
