import { reprioritise } from '../../shared/sla/reprioritise.js';
import { describe, expect, it } from 'vitest';
import { at, local } from '../support/berlin-time.js';
import { BusinessTime } from '../../shared/sla/business-time.js';
import { compliance, complianceCsv } from '../../shared/sla/compliance.js';
import { ContractTerms, SlaConfig } from '../../shared/sla/contract.js';
import { dueWarnings } from '../../shared/sla/incident-warnings.js';
import {
  dueAt,
  Incident,
  openIncident,
  pauseIncident,
  recordPlan,
  reopenIncident,
  resolveIncident,
  resumeIncident,
} from '../../shared/sla/incident.js';
import { describeIssues } from '../../shared/protocol/errors.js';

/**
 * The plan target (docs/sla.md): a clock from the incident's opening until a technician records
 * the plan to resolve it, in the contract's business time, warned and breached like the others.
 */

const OFFICE = [{ start: '09:00', end: '17:00' }];
const TERMS = ContractTerms.parse({
  calendar: {
    timeZone: 'Europe/Berlin',
    hours: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE },
  },
  priorities: { disaster: 'P1', high: 'P2', average: 'P3' },
  targets: {
    P2: { responseMinutes: 30, planMinutes: 120, resolutionMinutes: 480 },
    P3: { responseMinutes: 120, resolutionMinutes: 960 },
  },
  pauses: { customer: ['plan', 'resolution'], vendor: ['resolution'] },
});
const BUSINESS = new BusinessTime(TERMS.calendar);

function open(priority: 'P2' | 'P3', raised: string) {
  const targets = TERMS.targets[priority];
  if (!targets) throw new Error('no targets');
  return openIncident({
    id: 'i1',
    siteId: 'hq',
    customer: 'Acme',
    alertId: 'a1',
    deviceId: 'fs1',
    check: 'ping',
    title: 'FS01 is down',
    priority,
    targets,
    at: at(raised),
  });
}

describe('the plan clock', () => {
  it('runs only where the priority has a plan target, due in business time', () => {
    // Friday 16:30 + 2 business hours: Monday 10:30.
    const p2 = open('P2', '2026-03-06T16:30');
    expect(local(dueAt(p2, 'plan', BUSINESS))).toBe('2026-03-09T10:30');
    expect(open('P3', '2026-03-06T16:30').plan).toBeNull();
    expect(dueAt(open('P3', '2026-03-06T16:30'), 'plan', BUSINESS)).toBeNull();
  });

  it('stops when a technician records the plan; a later plan leaves it as the first left it', () => {
    const planned = recordPlan(
      open('P2', '2026-03-09T09:00'),
      'Ana',
      at('2026-03-09T10:00'),
      BUSINESS,
    );
    expect(planned.plannedBy).toBe('Ana');
    expect(planned.plan).toMatchObject({ accruedMs: 3_600_000, stoppedAt: at('2026-03-09T10:00') });
    expect(recordPlan(planned, 'Bo', at('2026-03-09T11:00'), BUSINESS)).toBe(planned);
    // The other clocks run on.
    expect(planned.resolution.stoppedAt).toBeNull();
  });

  it('pauses where the contract says (waiting on the customer here, not on a vendor) and stops at resolve', () => {
    const opened = open('P2', '2026-03-09T09:00');
    const pause = { by: 'Ana', comment: '', vendor: null, reference: null };
    const customer = pauseIncident(
      opened,
      { ...pause, reason: 'customer', at: at('2026-03-09T09:30') },
      TERMS,
      BUSINESS,
    );
    expect(customer.plan?.runningSince).toBeNull();
    expect(customer.plan?.accruedMs).toBe(1_800_000);
    const resumed = resumeIncident(customer, at('2026-03-09T13:30'));
    // 90 business minutes left from 13:30.
    expect(local(dueAt(resumed, 'plan', BUSINESS))).toBe('2026-03-09T15:00');
    const vendor = pauseIncident(
      opened,
      { ...pause, reason: 'vendor', at: at('2026-03-09T09:30') },
      TERMS,
      BUSINESS,
    );
    expect(vendor.plan?.runningSince).toBe(at('2026-03-09T09:00'));
    const resolved = resolveIncident(opened, at('2026-03-09T10:00'), BUSINESS);
    expect(resolved.plan?.stoppedAt).toBe(at('2026-03-09T10:00'));
    expect(resolved.plannedBy).toBeNull();
  });

  it('is warned at 50, 75 and 90 % and breached, like the others', () => {
    const opened = open('P2', '2026-03-09T09:00');
    const { incident, warnings } = dueWarnings(
      opened,
      at('2026-03-09T11:30'),
      TERMS.warnAt,
      BUSINESS,
    );
    const plan = warnings.filter((w) => w.clock === 'plan').map((w) => [w.share, local(w.at)]);
    expect(plan).toEqual([
      [0.5, '2026-03-09T10:00'],
      [0.75, '2026-03-09T10:30'],
      [0.9, '2026-03-09T10:48'],
      [1, '2026-03-09T11:00'],
    ]);
    expect(incident.breaches.map((b) => b.clock)).toContain('plan');
  });

  it('follows a change of priority: a plan target added counts from the change, one dropped goes', () => {
    const p3 = open('P3', '2026-03-09T09:00');
    const targets = TERMS.targets.P2;
    if (!targets) throw new Error('no P2');
    const raised = reprioritise(p3, 'P2', targets, at('2026-03-09T10:00'), BUSINESS, TERMS.warnAt);
    expect(local(dueAt(raised, 'plan', BUSINESS))).toBe('2026-03-09T12:00');
    const p3Targets = TERMS.targets.P3;
    if (!p3Targets) throw new Error('no P3');
    expect(
      reprioritise(raised, 'P3', p3Targets, at('2026-03-09T11:00'), BUSINESS, TERMS.warnAt).plan,
    ).toBeNull();
  });

  it('starts a plan target added during a pause paused, when the pause stops the plan clock', () => {
    const targets = TERMS.targets.P2;
    if (!targets) throw new Error('no P2');
    const pause = {
      by: 'Ana',
      comment: '',
      vendor: null,
      reference: null,
      reason: 'customer' as const,
    };
    const paused = pauseIncident(
      open('P3', '2026-03-09T09:00'),
      { ...pause, at: at('2026-03-09T09:10') },
      TERMS,
      BUSINESS,
    );
    const raised = reprioritise(
      paused,
      'P2',
      targets,
      at('2026-03-09T09:20'),
      BUSINESS,
      TERMS.warnAt,
      TERMS.pauses.customer,
    );
    expect(raised.plan).toMatchObject({ runningSince: null, accruedMs: 0 });
    // Nothing is raised while the pause lasts, however long.
    expect(
      dueWarnings(raised, at('2026-03-09T16:00'), TERMS.warnAt, BUSINESS).warnings.filter(
        (w) => w.clock === 'plan',
      ),
    ).toEqual([]);
    // Resumed: the full two business hours from then.
    expect(local(dueAt(resumeIncident(raised, at('2026-03-10T09:00')), 'plan', BUSINESS))).toBe(
      '2026-03-10T11:00',
    );
  });

  it('owes a plan not given again when the incident reopens; one given stays given', () => {
    const opened = open('P2', '2026-03-09T09:00');
    const resolved = resolveIncident(opened, at('2026-03-09T09:30'), BUSINESS);
    const reopened = reopenIncident(resolved, 'a2', at('2026-03-09T10:00'));
    expect(reopened.plan).toMatchObject({ stoppedAt: null, accruedMs: 1_800_000 });
    expect(local(dueAt(reopened, 'plan', BUSINESS))).toBe('2026-03-09T11:30');
    const given = recordPlan(opened, 'Ana', at('2026-03-09T09:20'), BUSINESS);
    const back = reopenIncident(
      resolveIncident(given, at('2026-03-09T09:30'), BUSINESS),
      'a2',
      at('2026-03-09T10:00'),
    );
    expect(back.plan?.stoppedAt).toBe(at('2026-03-09T09:20'));
    expect(back.plannedBy).toBe('Ana');
  });

  it('keeps a plan given through a priority without a plan target, and who gave it', () => {
    const p3 = TERMS.targets.P3;
    const p2 = TERMS.targets.P2;
    if (!p3 || !p2) throw new Error('no targets');
    const given = recordPlan(
      open('P2', '2026-03-09T09:00'),
      'Ana',
      at('2026-03-09T09:30'),
      BUSINESS,
    );
    const lowered = reprioritise(given, 'P3', p3, at('2026-03-09T10:00'), BUSINESS, TERMS.warnAt);
    expect(lowered.plan?.stoppedAt).toBe(at('2026-03-09T09:30'));
    expect(lowered.plannedBy).toBe('Ana');
    const raised = reprioritise(lowered, 'P2', p2, at('2026-03-09T11:00'), BUSINESS, TERMS.warnAt);
    expect(raised.plannedBy).toBe('Ana');
    expect(raised.plan?.stoppedAt).toBe(at('2026-03-09T09:30'));
    const [row] = compliance([resolveIncident(raised, at('2026-03-09T15:00'), BUSINESS)]);
    expect(row).toMatchObject({ planned: 1, plannedWithinTarget: 1 });
  });

  it('reads incidents stored before there was a plan clock: none', () => {
    const stored: Record<string, unknown> = { ...open('P3', '2026-03-09T09:00') };
    delete stored.plan;
    delete stored.plannedBy;
    stored.warned = { response: [], resolution: [] };
    const read = Incident.parse(stored);
    expect(read.plan).toBeNull();
    expect(read.plannedBy).toBeNull();
    expect(read.warned.plan).toEqual([]);
  });

  it('is refused longer than the resolution target, naming the field', () => {
    const contract = {
      customer: 'Acme',
      ...TERMS,
      targets: { P2: { responseMinutes: 30, planMinutes: 600, resolutionMinutes: 480 } },
    };
    const parsed = SlaConfig.safeParse({ contracts: [contract] });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(describeIssues(parsed.error)).toBe(
        'contracts[0].targets.P2.planMinutes: a plan is due before the resolution: at most resolutionMinutes',
      );
    }
  });

  it('counts in compliance: plans made, and the share within target', () => {
    const early = recordPlan(
      open('P2', '2026-03-09T09:00'),
      'Ana',
      at('2026-03-09T10:00'),
      BUSINESS,
    );
    const late = recordPlan(
      { ...open('P2', '2026-03-09T09:00'), id: 'i2' },
      'Bo',
      at('2026-03-09T12:00'),
      BUSINESS,
    );
    const none = { ...open('P3', '2026-03-09T09:00'), id: 'i3' };
    const [row] = compliance([early, late, none]);
    expect(row).toMatchObject({ incidents: 3, planned: 2, plannedWithinTarget: 0.5 });
    expect(complianceCsv(compliance([early, late, none])).split('\r\n')[0]).toContain(
      'planned,planned_within_target_pct',
    );
  });
});
