import { z } from 'zod';
import { CLOCKS, type Incident } from './incident.js';

/**
 * SLA compliance of a period (docs/sla.md): per customer, from the incidents opened in it. Pure;
 * the hub reads the incidents from the store, the board shows the result and exports it.
 *
 * - MTTA: mean time to the first acknowledgement by a person, in business time (what the
 *   response clock counted) and in wall time; over the incidents responded to.
 * - MTTR: mean time to resolution, the same two ways; over the incidents resolved.
 * - Within target: the share responded to (resolved) within the target, over those responded to
 *   (resolved); "within" includes the target itself. The same for plans, over the incidents
 *   whose priority had a plan target and whose plan was recorded.
 * - Breaches: every breach recorded on the period's incidents (counted; the first 10,000 listed).
 */

export const CustomerCompliance = z.strictObject({
  customer: z.string().min(1).max(200),
  incidents: z.int().nonnegative(),
  responded: z.int().nonnegative(),
  resolved: z.int().nonnegative(),
  /** Incidents whose plan was recorded (of those with a plan target). */
  planned: z.int().nonnegative(),
  /** Milliseconds; null when nothing was responded to (resolved). */
  mttaBusinessMs: z.number().nonnegative().nullable(),
  mttaWallMs: z.number().nonnegative().nullable(),
  mttrBusinessMs: z.number().nonnegative().nullable(),
  mttrWallMs: z.number().nonnegative().nullable(),
  /** 0 to 1; null when nothing was responded to (resolved). */
  respondedWithinTarget: z.number().min(0).max(1).nullable(),
  resolvedWithinTarget: z.number().min(0).max(1).nullable(),
  /** 0 to 1; null when no plan was recorded. */
  plannedWithinTarget: z.number().min(0).max(1).nullable(),
  /** Every breach recorded on the period's incidents. */
  breachCount: z.int().nonnegative(),
  /** The first MAX_BREACHES_LISTED of them, by when (a report of a bad month stays sendable). */
  breaches: z
    .array(
      z.strictObject({
        incidentId: z.string().min(1).max(128),
        siteId: z.string().min(1).max(128),
        title: z.string().max(500),
        priority: z.string().max(8),
        clock: z.enum(CLOCKS),
        at: z.number().nonnegative(),
      }),
    )
    .max(10_000),
});
export const MAX_BREACHES_LISTED = 10_000;
export type CustomerCompliance = z.infer<typeof CustomerCompliance>;

const mean = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
const share = (hits: number, of: number) => (of === 0 ? null : hits / of);

/** Compliance per customer (sorted by name) of the incidents given (those opened in the period). */
export function compliance(incidents: readonly Incident[]): CustomerCompliance[] {
  const byCustomer = new Map<string, Incident[]>();
  for (const incident of incidents) {
    const list = byCustomer.get(incident.customer) ?? [];
    list.push(incident);
    byCustomer.set(incident.customer, list);
  }
  return [...byCustomer.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([customer, list]) => {
      const responded = list.filter((i) => i.respondedBy !== null && i.response.stoppedAt !== null);
      const resolved = list.filter((i) => i.resolvedAt !== null);
      const plans = list.flatMap((i) =>
        i.plannedBy !== null && i.plan !== null && i.plan.stoppedAt !== null ? [i.plan] : [],
      );
      return {
        customer,
        incidents: list.length,
        responded: responded.length,
        resolved: resolved.length,
        planned: plans.length,
        mttaBusinessMs: mean(responded.map((i) => i.response.accruedMs)),
        mttaWallMs: mean(responded.map((i) => (i.response.stoppedAt ?? i.openedAt) - i.openedAt)),
        mttrBusinessMs: mean(resolved.map((i) => i.resolution.accruedMs)),
        mttrWallMs: mean(resolved.map((i) => (i.resolvedAt ?? i.openedAt) - i.openedAt)),
        respondedWithinTarget: share(
          responded.filter((i) => i.response.accruedMs <= i.response.targetMs).length,
          responded.length,
        ),
        resolvedWithinTarget: share(
          resolved.filter((i) => i.resolution.accruedMs <= i.resolution.targetMs).length,
          resolved.length,
        ),
        plannedWithinTarget: share(
          plans.filter((plan) => plan.accruedMs <= plan.targetMs).length,
          plans.length,
        ),
        breachCount: list.reduce((sum, i) => sum + i.breaches.length, 0),
        breaches: list
          .flatMap((i) =>
            i.breaches.map((b) => ({
              incidentId: i.id,
              siteId: i.siteId,
              title: i.title,
              priority: i.priority,
              clock: b.clock,
              at: b.at,
            })),
          )
          .sort((a, b) => a.at - b.at)
          .slice(0, MAX_BREACHES_LISTED),
      };
    });
}

/** The report as CSV (RFC 4180, CRLF; a cell a spreadsheet could run gets a leading '). */
export function complianceCsv(rows: readonly CustomerCompliance[]): string {
  const minutes = (ms: number | null) => (ms === null ? '' : (ms / 60_000).toFixed(1));
  const percent = (v: number | null) => (v === null ? '' : (v * 100).toFixed(1));
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const header = [
    'customer',
    'incidents',
    'responded',
    'resolved',
    'mtta_business_min',
    'mtta_wall_min',
    'mttr_business_min',
    'mttr_wall_min',
    'responded_within_target_pct',
    'resolved_within_target_pct',
    'planned',
    'planned_within_target_pct',
    'breaches',
  ];
  const lines = rows.map((r) =>
    [
      cell(r.customer),
      String(r.incidents),
      String(r.responded),
      String(r.resolved),
      minutes(r.mttaBusinessMs),
      minutes(r.mttaWallMs),
      minutes(r.mttrBusinessMs),
      minutes(r.mttrWallMs),
      percent(r.respondedWithinTarget),
      percent(r.resolvedWithinTarget),
      String(r.planned),
      percent(r.plannedWithinTarget),
      String(r.breachCount),
    ].join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
