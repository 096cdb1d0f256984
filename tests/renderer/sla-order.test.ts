import { describe, expect, it } from 'vitest';
import {
  FIRST_WARNING,
  riskAt,
  slaCounts,
  slaEntry,
  slaOrder,
} from '../../renderer/src/sla/sla-order.js';
import { slaRow, type SlaRow } from '../../renderer/src/sla/sla-rows.js';
import { BusinessTime } from '../../shared/sla/business-time.js';
import {
  pauseIncident,
  resolveIncident,
  respond,
  type Incident,
} from '../../shared/sla/incident.js';
import { T0 } from './fleet-fixtures.js';
import { CALENDAR, incident, INFO, MIN, TERMS } from './sla-fixtures.js';

/**
 * The order and the counts work from instants found once per incident (when it is due, when it
 * passes the first warning); the rows from the arithmetic at each moment. Both must tell the same
 * story at every moment, in and out of business hours, paused or not.
 */

const business = new BusinessTime(CALENDAR);
const HOUR = 60 * MIN;

/** The risk as the arithmetic at `now` has it: the shares of the clocks themselves. */
function riskByShares(row: SlaRow): string {
  const views = [row.response, row.resolution];
  if (row.incident.breaches.length > 0 || views.some((v) => v.share > 1 && v.state !== 'stopped')) {
    return 'breached';
  }
  return views.some((v) => v.state === 'running' && v.share >= FIRST_WARNING) ? 'at-risk' : 'ok';
}

/** A spread of incidents: P1 (24×7) and P2 (office hours), answered, paused, opened at night. */
function spread(): Incident[] {
  const list: Incident[] = [];
  for (let i = 0; i < 24; i++) {
    const openedAt = T0 - 30 * HOUR + i * 97 * MIN;
    let item = incident(`i${i}`, i % 3 === 0 ? 'P1' : 'P2', openedAt, `Thing ${i}`);
    if (i % 4 === 1) item = respond(item, 'Dana', openedAt + 7 * MIN, business);
    if (i % 5 === 2) {
      item = pauseIncident(
        item,
        {
          reason: 'customer',
          vendor: null,
          reference: null,
          by: 'Dana',
          at: openedAt + 20 * MIN,
          comment: '',
        },
        TERMS,
        business,
      );
    }
    list.push(item);
  }
  return list;
}

describe('the SLA order', () => {
  it('agrees with the clock arithmetic on every risk, at every moment over three days', () => {
    const entries = spread().map((i) => slaEntry(i, INFO.sla));
    const seen = new Set<string>();
    for (let now = T0 - 24 * HOUR; now < T0 + 48 * HOUR; now += 13 * MIN) {
      for (const entry of entries) {
        expect([entry.incident.id, now, riskAt(entry, now)]).toEqual([
          entry.incident.id,
          now,
          riskByShares(slaRow(entry, now)),
        ]);
        seen.add(riskAt(entry, now));
      }
    }
    expect([...seen].sort()).toEqual(['at-risk', 'breached', 'ok']);
  });

  it('counts open, breached and at risk as the rows do; leaves resolved incidents out', () => {
    const list = spread();
    const resolved = resolveIncident(incident('gone', 'P1', T0, 'Fixed'), T0 + MIN, business);
    const map = new Map([['s1', new Map([...list, resolved].map((i) => [i.id, i]))]]);
    const order = slaOrder(map, (id) => id, INFO.sla);
    expect(order.map((e) => e.incident.id)).not.toContain('gone');
    expect(order).toHaveLength(list.length);
    const now = T0 + 5 * HOUR;
    const rows = order.map((e) => slaRow(e, now));
    expect(slaCounts(order, now)).toEqual({
      open: rows.length,
      breached: rows.filter((r) => r.risk === 'breached').length,
      atRisk: rows.filter((r) => r.risk === 'at-risk').length,
    });
    // In order: due instants never decrease down the list.
    const dues = order.map((e) => e.dueAt);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('works an incident out once: the same object gives the same entry', () => {
    const one = spread()[3];
    if (!one) throw new Error('no incident');
    expect(slaEntry(one, INFO.sla)).toBe(slaEntry(one, INFO.sla));
    expect(slaEntry({ ...one }, INFO.sla)).not.toBe(slaEntry(one, INFO.sla));
  });
});
