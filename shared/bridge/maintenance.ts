import { z } from 'zod';
import { MAX_WINDOW_MINUTES, ScheduledWindow } from '../maintenance/maintenance-window.js';
import { Id } from '../protocol/primitives.js';

/**
 * The maintenance commands: list a site's windows (anyone who sees the board), set or cancel one
 * (technicians). A new window is checked in full by the hub (zone, date, recurrence), which
 * answers a bad one with the field and the reason.
 */

/** One site at a time: listing expands every window's recurrence, so it is kept small. */
export const MaintenanceListArgs = z.strictObject({ siteId: Id });

export const MaintenanceListResult = z.strictObject({
  windows: z.array(ScheduledWindow).max(1000),
});
export type MaintenanceListResult = z.infer<typeof MaintenanceListResult>;

export const CreateMaintenanceArgs = z.strictObject({
  siteId: Id,
  deviceIds: z.array(Id).max(10_000).default([]),
  reason: z.string().trim().min(1, 'say what the work is').max(500),
  timeZone: z.string().min(1).max(64),
  /** Local date and time in `timeZone`, e.g. 2026-12-06T02:00. */
  start: z.string().min(1).max(32),
  durationMinutes: z.int().min(1).max(MAX_WINDOW_MINUTES),
  rrule: z.string().min(1).max(500).optional(),
});
export type CreateMaintenanceArgs = z.input<typeof CreateMaintenanceArgs>;

export const CancelMaintenanceArgs = z.strictObject({ windowId: Id });

export const CancelMaintenanceResult = z.strictObject({ cancelled: Id });
