import { z } from 'zod';
import { Id } from '../protocol/primitives.js';
import { CustomerCompliance } from '../sla/compliance.js';
import { PauseReason, Priority } from '../sla/contract.js';

/**
 * The SLA commands (technicians only; viewers are read-only): pause an incident (waiting on the
 * customer, or on a vendor with their ticket), resume it, record the plan to resolve it, resolve
 * it, change its priority with a reason. Each answers with the incident as it is now; every window follows it in the fleet's
 * deltas. docs/sla.md.
 */

const Comment = z.string().trim().max(2000);

export const SlaPauseArgs = z
  .strictObject({
    incidentId: Id,
    reason: PauseReason,
    /** Waiting on a vendor: whom (the ISP). */
    vendor: z.string().trim().max(200).nullable().default(null),
    /** ...and their ticket. */
    reference: z.string().trim().max(200).nullable().default(null),
    comment: Comment.default(''),
  })
  .refine((args) => args.reason !== 'vendor' || (args.vendor ?? '') !== '', {
    path: ['vendor'],
    error: 'say which vendor the incident waits on',
  });
export type SlaPauseArgs = z.input<typeof SlaPauseArgs>;

export const SlaResumeArgs = z.strictObject({ incidentId: Id, comment: Comment.default('') });
/** The plan to resolve it: what is wrong, what will be done, by when (stops the plan clock). */
export const SlaPlanArgs = z.strictObject({
  incidentId: Id,
  plan: z.string().trim().min(1, 'say what the plan is').max(2000),
});
export const SlaResolveArgs = z.strictObject({ incidentId: Id, comment: Comment.default('') });

export const SlaPriorityArgs = z.strictObject({
  incidentId: Id,
  priority: Priority,
  reason: z.string().trim().min(1, 'say why the priority changes').max(500),
});

const DAY_MS = 86_400_000;

/** A period (from ≤ t < to, epoch ms), at most 400 days: a month, by default, on the board. */
export const SlaComplianceArgs = z
  .strictObject({ from: z.number().nonnegative(), to: z.number().nonnegative() })
  .refine((args) => args.to > args.from, { path: ['to'], error: 'must be after from' })
  .refine((args) => args.to - args.from <= 400 * DAY_MS, {
    path: ['to'],
    error: 'a report covers at most 400 days',
  });

export const SlaComplianceResult = z.strictObject({
  rows: z.array(CustomerCompliance).max(1000),
});
export type SlaComplianceResult = z.infer<typeof SlaComplianceResult>;

/** An incident's timeline: who did what to it, when, and the hub's warnings and breaches. */
export const SlaTimelineArgs = z.strictObject({ incidentId: Id });
export const MAX_TIMELINE_LINES = 1000;
export const SlaTimelineResult = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        at: z.number().nonnegative(),
        /** opened, responded, planned, paused, resumed, priority, warning, breach, resolved, reopened. */
        what: z.string().max(40),
        /** The technician, or "hub". */
        actor: z.string().max(200),
        detail: z.string().max(2000),
      }),
    )
    .max(MAX_TIMELINE_LINES),
  /** More lines were stored than shown (the first MAX_TIMELINE_LINES are). */
  truncated: z.boolean(),
});
export type SlaTimelineResult = z.infer<typeof SlaTimelineResult>;
