import { reprioritise } from '../../shared/sla/reprioritise.js';
import { describe, expect, it } from 'vitest';
import { at, local } from '../support/berlin-time.js';
import { ALWAYS_OPEN, BusinessTime } from '../../shared/sla/business-time.js';
import { ContractTerms, priorityOf, SlaConfig } from '../../shared/sla/contract.js';
import { Device, DeviceTag } from '../../shared/protocol/device.js';
import { dueWarnings, nextWarningAt } from '../../shared/sla/incident-warnings.js';
import {
  dueAt,
  openIncident,
  pauseIncident,
  reopenIncident,
  resolveIncident,
  respond,
  resumeIncident,
  type Incident,
} from '../../shared/sla/incident.js';

/** Incidents and their clocks under a contract, by hand-worked instants (Europe/Berlin). */

const HOUR = 3_600_000;
const OFFICE = [{ start: '09:00', end: '17:00' }];
const TERMS = ContractTerms.parse({
  calendar: {
    timeZone: 'Europe/Berlin',
    hours: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE },
  },
  priorities: { disaster: 'P1', high: 'P2', average: 'P3' },
  overrides: [{ deviceKind: 'gateway', priority: 'P1' }],
  targets: {
    P1: { responseMinutes: 15, resolutionMinutes: 240, allHours: true },
    P2: { responseMinutes: 30, resolutionMinutes: 480 },
    P3: { responseMinutes: 120, resolutionMinutes: 960 },
  },
});
const BUSINESS = new BusinessTime(TERMS.calendar);

function incident(priority: 'P1' | 'P2' | 'P3', raised: string): Incident {
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

describe('a contract’s priorities', () => {
  it('come from the severity matrix, overridden by the first rule that matches', () => {
    const site = { siteId: 'hq', deviceKind: 'server' as const, deviceTags: [] };
    expect(priorityOf(TERMS, { ...site, severity: 'high' })).toBe('P2');
    expect(priorityOf(TERMS, { ...site, severity: 'warning' })).toBeNull();
    expect(priorityOf(TERMS, { ...site, deviceKind: 'gateway', severity: 'warning' })).toBe('P1');
  });

  it('are overridden by a device tag the site gives (protocol 1.2), whatever its case', () => {
    const terms = ContractTerms.parse({
      ...TERMS,
      overrides: [{ deviceTag: 'VIP', priority: 'P1' }, ...TERMS.overrides],
    });
    const server = { siteId: 'hq', deviceKind: 'server' as const, severity: 'average' as const };
    expect(priorityOf(terms, { ...server, deviceTags: ['vip', 'finance'] })).toBe('P1');
    expect(priorityOf(terms, { ...server, deviceTags: ['finance'] })).toBe('P3');
    expect(priorityOf(terms, { ...server, deviceTags: [] })).toBe('P3');
    const problem = SlaConfig.safeParse({
      contracts: [
        { customer: 'Acme', ...TERMS, overrides: [{ deviceTag: 'v i p', priority: 'P1' }] },
      ],
    });
    expect(problem.success).toBe(false);
    expect(JSON.stringify(problem.error?.issues[0])).toContain('a tag is ASCII letters, digits');
    // Look-alikes are no tag: full-width letters, a Hangul filler.
    for (const tag of ['ｖｉｐ', 'v\u3164ip', 'v\u200bip']) {
      expect(DeviceTag.safeParse(tag).success).toBe(false);
    }
    expect(Device.shape.tags.safeParse(['VIP', 'vip']).success).toBe(false);
  });

  it('are checked in the config, naming the field', () => {
    const contract = { customer: 'Acme', ...TERMS };
    const problem = (input: unknown) => {
      const parsed = SlaConfig.safeParse(input);
      const issue = parsed.success ? null : parsed.error.issues[0];
      return issue ? `${issue.path.join('.')}: ${issue.message}` : null;
    };
    expect(problem({ contracts: [contract] })).toBeNull();
    expect(problem({ contracts: [contract, contract] })).toBe(
      'contracts.1.customer: a second contract for "Acme": give each customer one',
    );
    expect(problem({ contracts: [{ ...contract, warnAt: [0.9, 0.5] }] })).toBe(
      'contracts.0.warnAt: list the shares rising, e.g. [0.5, 0.75, 0.9]',
    );
    expect(problem({ contracts: [{ ...contract, overrides: [{ priority: 'P1' }] }] })).toBe(
      'contracts.0.overrides.0: say what it matches: siteId, deviceKind, deviceTag or severity',
    );
    const opensAtMidnight = {
      ...contract,
      calendar: { timeZone: 'UTC', hours: { mon: [{ start: '24:00', end: '08:00' }] } },
    };
    expect(problem({ contracts: [opensAtMidnight] })).toMatch(
      /^contracts\.0\.calendar\.hours\.mon\.0\.start: a day opens at 00:00-23:59/,
    );
    // Open one hour a week: 500,000 business minutes take 160 years, never within 20.
    const never = {
      ...contract,
      calendar: { timeZone: 'UTC', hours: { mon: [{ start: '09:00', end: '10:00' }] } },
      targets: { P2: { responseMinutes: 30, resolutionMinutes: 500_000 } },
    };
    expect(problem({ contracts: [never] })).toBe(
      'contracts.0.targets.P2: the calendar does not open for 500000 business minutes within 20 years',
    );
  });
});

describe('an incident’s clocks', () => {
  it('are due in business time, or around the clock for a 24×7 priority', () => {
    const p2 = incident('P2', '2026-12-04T16:45');
    expect(local(dueAt(p2, 'response', BUSINESS))).toBe('2026-12-07T09:15');
    // 8 business hours: 15 minutes on Friday, 7 h 45 on Monday.
    expect(local(dueAt(p2, 'resolution', BUSINESS))).toBe('2026-12-07T16:45');
    const p1 = incident('P1', '2026-12-04T16:45');
    expect(local(dueAt(p1, 'response', ALWAYS_OPEN))).toBe('2026-12-04T17:00');
    expect(local(dueAt(p1, 'resolution', ALWAYS_OPEN))).toBe('2026-12-04T20:45');
  });

  it('stop the response at the first acknowledgement by a person', () => {
    let p2 = incident('P2', '2026-12-07T10:00');
    p2 = respond(p2, 'Dana', at('2026-12-07T10:20'), BUSINESS);
    expect(p2.response).toMatchObject({ stoppedAt: at('2026-12-07T10:20'), accruedMs: HOUR / 3 });
    expect(p2.respondedBy).toBe('Dana');
    expect(respond(p2, 'Sam', at('2026-12-07T11:00'), BUSINESS)).toBe(p2);
  });

  it('pause for a vendor stops the resolution clock only (the default), with who and the ticket', () => {
    let p3 = incident('P3', '2026-12-07T10:00');
    p3 = pauseIncident(
      p3,
      {
        reason: 'vendor',
        vendor: 'Telekom',
        reference: 'TK-4411',
        by: 'Dana',
        at: at('2026-12-07T11:00'),
        comment: 'line fault, engineer booked',
      },
      TERMS,
      BUSINESS,
    );
    expect(dueAt(p3, 'resolution', BUSINESS)).toBeNull();
    expect(local(dueAt(p3, 'response', BUSINESS))).toBe('2026-12-07T12:00');
    p3 = resumeIncident(p3, at('2026-12-08T09:00'));
    // 1 h counted before the pause: 15 h left from Tuesday 09:00 → Wednesday 16:00.
    expect(local(dueAt(p3, 'resolution', BUSINESS))).toBe('2026-12-09T16:00');
  });

  it('resolve, and reopen within the window resuming the resolution clock where it stopped', () => {
    let p2 = incident('P2', '2026-12-07T10:00');
    p2 = resolveIncident(p2, at('2026-12-07T12:00'), BUSINESS);
    expect(p2.resolution).toMatchObject({ accruedMs: 2 * HOUR, runningSince: null });
    p2 = reopenIncident(p2, 'a2', at('2026-12-07T12:30'));
    expect(p2.alertId).toBe('a2');
    // 6 h left of 8 from 12:30 (the 30 minutes while resolved do not count): 4 h 30 on Monday,
    // 1 h 30 on Tuesday.
    expect(local(dueAt(p2, 'resolution', BUSINESS))).toBe('2026-12-08T10:30');
  });

  it('re-target when a technician changes the priority, keeping what was counted', () => {
    let p3 = incident('P3', '2026-12-07T10:00');
    const p2 = TERMS.targets.P2;
    if (!p2) throw new Error('no P2');
    p3 = reprioritise(p3, 'P2', p2, at('2026-12-07T11:00'), BUSINESS, TERMS.warnAt);
    expect(p3.priority).toBe('P2');
    // 1 h counted; 7 of 8 left from 11:00: 6 on Monday, 1 on Tuesday.
    expect(local(dueAt(p3, 'resolution', BUSINESS))).toBe('2026-12-08T10:00');
    // The 30-minute response was passed before the change: due at once, at the change.
    expect(local(dueAt(p3, 'response', BUSINESS))).toBe('2026-12-07T11:00');
    const { warnings } = dueWarnings(p3, at('2026-12-07T11:00:01'), TERMS.warnAt, BUSINESS);
    // Shares reached under the new target count as warned; the breach is dated at the change.
    expect(warnings.map((w) => [w.clock, w.share, local(w.at)])).toEqual([
      ['response', 1, '2026-12-07T11:00'],
    ]);
  });

  it('re-target into 24×7 counts on from the change, not back over the weekend', () => {
    // P2 (business hours) opened Friday 16:00: by Monday 09:30, 1 h 30 counted.
    let fs = incident('P2', '2026-12-04T16:00');
    const p1 = TERMS.targets.P1;
    if (!p1) throw new Error('no P1');
    fs = reprioritise(fs, 'P1', p1, at('2026-12-07T09:30'), BUSINESS, TERMS.warnAt);
    expect(fs.resolution.accruedMs).toBe(1.5 * HOUR);
    // 4 h around the clock, 1 h 30 counted: due 2 h 30 after the change.
    expect(local(dueAt(fs, 'resolution', ALWAYS_OPEN))).toBe('2026-12-07T12:00');
    const { warnings } = dueWarnings(fs, at('2026-12-07T09:31'), TERMS.warnAt, ALWAYS_OPEN);
    expect(warnings.map((w) => [w.clock, w.share, local(w.at)])).toEqual([
      ['response', 1, '2026-12-07T09:30'],
    ]);
  });
});

describe('SLA warnings', () => {
  it('are raised at 50, 75 and 90 % and at breach, each once, at the instant reached; the breach stays recorded', () => {
    let p2 = incident('P2', '2026-12-07T09:00'); // response 30 min, resolution 8 h
    const shares = TERMS.warnAt;
    expect(local(nextWarningAt(p2, shares, BUSINESS))).toBe('2026-12-07T09:15');
    let step = dueWarnings(p2, at('2026-12-07T09:28'), shares, BUSINESS);
    expect(step.warnings.map((w) => [w.clock, w.share, local(w.at)])).toEqual([
      ['response', 0.5, '2026-12-07T09:15'],
      ['response', 0.75, '2026-12-07T09:22'],
      ['response', 0.9, '2026-12-07T09:27'],
    ]);
    p2 = step.incident;
    step = dueWarnings(p2, at('2026-12-07T09:28'), shares, BUSINESS);
    expect(step.warnings).toEqual([]);
    // Noticed late (the hub was down): the breach is dated when it happened.
    step = dueWarnings(p2, at('2026-12-07T13:05'), shares, BUSINESS);
    expect(step.warnings.map((w) => [w.clock, w.share, local(w.at)])).toEqual([
      ['response', 1, '2026-12-07T09:30'],
      ['resolution', 0.5, '2026-12-07T13:00'],
    ]);
    p2 = respond(step.incident, 'Dana', at('2026-12-07T13:10'), BUSINESS);
    expect(p2.breaches).toEqual([{ clock: 'response', at: at('2026-12-07T09:30') }]);
    expect(local(nextWarningAt(p2, shares, BUSINESS))).toBe('2026-12-07T15:00');
  });
});

describe('the worked example of docs/sla.md', () => {
  it('gives the instants the doc says, step by step', () => {
    const terms = ContractTerms.parse({
      ...TERMS,
      targets: { P2: { responseMinutes: 240, resolutionMinutes: 960 } },
    });
    const cal = new BusinessTime(terms.calendar);
    const p2 = terms.targets.P2;
    if (!p2) throw new Error('no P2');
    let fs01 = openIncident({
      id: 'fs01',
      siteId: 'hq',
      customer: 'Acme Corp',
      alertId: 'a1',
      deviceId: 'fs01',
      check: 'ping',
      title: 'FS01 is down',
      priority: 'P2',
      targets: p2,
      at: at('2026-12-04T16:30'),
    });
    expect(local(dueAt(fs01, 'response', cal))).toBe('2026-12-07T12:30');
    const warned = dueWarnings(fs01, at('2026-12-07T12:10'), terms.warnAt, cal);
    expect(warned.warnings.map((w) => local(w.at))).toEqual([
      '2026-12-07T10:30',
      '2026-12-07T11:30',
      '2026-12-07T12:06',
    ]);
    fs01 = respond(fs01, 'Dana', at('2026-12-07T11:00'), cal);
    expect(fs01.response.accruedMs).toBe(2.5 * HOUR);
    fs01 = pauseIncident(
      fs01,
      {
        reason: 'vendor',
        vendor: 'Telekom',
        reference: 'TK-4411',
        by: 'Dana',
        at: at('2026-12-07T14:00'),
        comment: '',
      },
      terms,
      cal,
    );
    expect(fs01.resolution.accruedMs).toBe(5.5 * HOUR);
    fs01 = resumeIncident(fs01, at('2026-12-08T09:30'));
    expect(local(dueAt(fs01, 'resolution', cal))).toBe('2026-12-09T12:00');
    fs01 = resolveIncident(fs01, at('2026-12-08T10:00'), cal);
    expect(fs01.resolution.accruedMs).toBe(6 * HOUR);
    fs01 = reopenIncident(fs01, 'a2', at('2026-12-08T10:40'));
    expect(fs01.resolution).toMatchObject({
      accruedMs: 6 * HOUR,
      runningSince: at('2026-12-08T10:40'),
    });
  });
});
