import { z } from 'zod';
import { DeviceKind, DeviceTag } from '../protocol/device.js';
import { Id } from '../protocol/primitives.js';
import { SEVERITIES, Severity } from '../protocol/alert.js';
import { BusinessCalendar } from './business-calendar.js';
import { BusinessTime, CalendarUnreachable } from './business-time.js';

/**
 * A customer's SLA contract (config `sla.contracts`): which alerts open incidents at which
 * priority, each priority's targets, the business calendar they count in, what pauses them.
 * docs/sla.md.
 */

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** Up to a year, in minutes. */
const Minutes = z.number().positive().max(525_600);

export const PriorityTargets = z
  .strictObject({
    /** Until a person acknowledges the incident. */
    responseMinutes: Minutes,
    /**
     * Until a technician records the plan to resolve it (what is wrong, what will be done, by
     * when: Autotask's "resolution plan"); optional, without it no plan clock runs.
     */
    planMinutes: Minutes.optional(),
    /** Until it is resolved. */
    resolutionMinutes: Minutes,
    /** Counted around the clock (24×7) rather than in the calendar's business hours. */
    allHours: z.boolean().default(false),
  })
  .refine(
    (targets) =>
      targets.planMinutes === undefined || targets.planMinutes <= targets.resolutionMinutes,
    {
      path: ['planMinutes'],
      error: 'a plan is due before the resolution: at most resolutionMinutes',
    },
  );
export type PriorityTargets = z.infer<typeof PriorityTargets>;

export const PAUSE_REASONS = ['customer', 'vendor'] as const;
export const PauseReason = z.enum(PAUSE_REASONS);
export type PauseReason = z.infer<typeof PauseReason>;

const ClockName = z.enum(['response', 'plan', 'resolution']);

/** A rule that sets the priority, ahead of the severity matrix; the first that matches wins. */
export const PriorityOverride = z
  .strictObject({
    siteId: Id.optional(),
    deviceKind: DeviceKind.optional(),
    /** A tag the site gives the device (site protocol 1.2), matched without regard to case. */
    deviceTag: DeviceTag.optional(),
    severity: Severity.optional(),
    priority: Priority,
  })
  .refine((rule) => rule.siteId ?? rule.deviceKind ?? rule.deviceTag ?? rule.severity, {
    error: 'say what it matches: siteId, deviceKind, deviceTag or severity',
  });
export type PriorityOverride = z.infer<typeof PriorityOverride>;

const SeverityMatrix = z.strictObject(
  Object.fromEntries(SEVERITIES.map((severity) => [severity, Priority.optional()])) as Record<
    (typeof SEVERITIES)[number],
    z.ZodOptional<typeof Priority>
  >,
);

const TermsFields = z.strictObject({
  calendar: BusinessCalendar,
  /** Alert severity → priority; a severity left out opens no incident. */
  priorities: SeverityMatrix,
  overrides: z.array(PriorityOverride).max(100).default([]),
  /** Targets per priority; a priority without them opens no incident. */
  targets: z.strictObject({
    P1: PriorityTargets.optional(),
    P2: PriorityTargets.optional(),
    P3: PriorityTargets.optional(),
    P4: PriorityTargets.optional(),
  }),
  /** Which clocks each pause stops (default: resolution only; the response is owed anyway). */
  pauses: z
    .strictObject({
      customer: z.array(ClockName).max(3).default(['resolution']),
      vendor: z.array(ClockName).max(3).default(['resolution']),
    })
    .default({ customer: ['resolution'], vendor: ['resolution'] }),
  /** A resolved incident back within this long reopens (its resolution clock resumes). */
  reopenWithinMinutes: z.number().min(0).max(10_080).default(60),
  /** Warn at these shares of each target (and at breach). */
  warnAt: z
    .array(z.number().gt(0).lt(1))
    .max(5)
    .default([0.5, 0.75, 0.9])
    .refine((shares) => shares.every((share, i) => i === 0 || share > (shares[i - 1] ?? 0)), {
      error: 'list the shares rising, e.g. [0.5, 0.75, 0.9]',
    }),
});

/** Checks the terms as a whole (the calendar, against the targets). */
function checkTerms(terms: z.infer<typeof TermsFields>, ctx: z.RefinementCtx): void {
  // A business-hours target the calendar never reaches (holidays on every open day) would
  // leave a clock that can never be due: refused here rather than found at run time.
  // Checks run even when a field failed its own check: then the calendar may not be usable,
  // and that field's error is the one to read.
  const calendar = new BusinessTime(terms.calendar);
  for (const priority of PRIORITIES) {
    const targets = terms.targets[priority];
    if (!targets || targets.allHours) continue;
    const longest = Math.max(targets.responseMinutes, targets.resolutionMinutes);
    try {
      calendar.add(Date.now(), longest * 60_000);
    } catch (error) {
      if (!(error instanceof CalendarUnreachable)) return;
      ctx.addIssue({
        code: 'custom',
        path: ['targets', priority],
        message: `the calendar does not open for ${longest} business minutes within 20 years`,
      });
    }
  }
}

export const ContractTerms = TermsFields.superRefine(checkTerms);
export type ContractTerms = z.infer<typeof ContractTerms>;

export const Contract = TermsFields.extend({
  /** The customer, as the sites' config names it. */
  customer: z.string().min(1).max(200),
}).superRefine(checkTerms);
export type Contract = z.infer<typeof Contract>;

export const SlaConfig = z
  .strictObject({
    contracts: z.array(Contract).max(1000).default([]),
    /** For customers without a contract of their own; null: they get no SLA clocks. */
    defaultTerms: ContractTerms.nullable().default(null),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.contracts.forEach((contract, index) => {
      if (seen.has(contract.customer)) {
        ctx.addIssue({
          code: 'custom',
          path: ['contracts', index, 'customer'],
          message: `a second contract for "${contract.customer}": give each customer one`,
        });
      }
      seen.add(contract.customer);
    });
  });
export type SlaConfig = z.infer<typeof SlaConfig>;

/** What decides an alert's priority. */
export interface PriorityInput {
  readonly siteId: string;
  readonly severity: Severity;
  readonly deviceKind: DeviceKind | null;
  /** The device's tags (none for an alert of no device, or a site older than 1.2). */
  readonly deviceTags: readonly string[];
}

/** Tags are ASCII (DeviceTag): lower case is the whole of "without regard to case". */
const hasTag = (tags: readonly string[], wanted: string) => {
  const lower = wanted.toLowerCase();
  return tags.some((tag) => tag.length === lower.length && tag.toLowerCase() === lower);
};

/** The alert's priority under the terms (overrides first, then the matrix), or null: none. */
export function priorityOf(terms: ContractTerms, input: PriorityInput): Priority | null {
  for (const rule of terms.overrides) {
    if (rule.siteId !== undefined && rule.siteId !== input.siteId) continue;
    if (rule.deviceKind !== undefined && rule.deviceKind !== input.deviceKind) continue;
    if (rule.deviceTag !== undefined && !hasTag(input.deviceTags, rule.deviceTag)) continue;
    if (rule.severity !== undefined && rule.severity !== input.severity) continue;
    return rule.priority;
  }
  return terms.priorities[input.severity] ?? null;
}
