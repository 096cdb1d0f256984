import { z } from 'zod';
import { ClockTime, TimeZoneName, Weekday } from '../daily-span.js';
import { Id } from '../protocol/primitives.js';
import { Severity } from '../protocol/alert.js';

/**
 * What one screen of a NOC wall shows (docs/displays.md): a playlist of views, each for a
 * dwell time, and which alarms bring a view forward. The same layout drives an Electron window
 * on that display and a browser opened at `/?display=N` on `serve`, so a wall of PCs or TVs is
 * configured once, in the config's `displays` section.
 */

/** Part of the fleet a view shows: some customers' sites, some sites, or both (those of those). */
const ScopeFields = {
  customers: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
  sites: z.array(Id).min(1).max(1000).optional(),
};

/** A view of the board, as a playlist entry names it. */
export const ViewSpec = z.discriminatedUnion('view', [
  /** The wall; optionally without its SLA panel, or of some customers' or sites' only. */
  z.strictObject({
    view: z.literal('wall'),
    slaPanel: z.boolean().default(true),
    ...ScopeFields,
  }),
  /** The SLA board, of the whole fleet or part of it. */
  z.strictObject({ view: z.literal('sla'), ...ScopeFields }),
  /** The alert list, of the whole fleet or part of it. */
  z.strictObject({ view: z.literal('alerts'), ...ScopeFields }),
  z.strictObject({ view: z.literal('site'), siteId: Id }),
]);
export type ViewSpec = z.infer<typeof ViewSpec>;

export const PlaylistEntry = z.strictObject({
  show: ViewSpec,
  /** How long it stays before the next; a one-entry playlist stays for good. */
  dwellSeconds: z.number().min(5).max(86_400).default(60),
});
export type PlaylistEntry = z.infer<typeof PlaylistEntry>;

export const AlarmRule = z.strictObject({
  /** Notices at or above this severity bring their view forward (an SLA breach is a disaster). */
  minSeverity: Severity.default('high'),
  /** How long the alarm's view stays before the playlist resumes. */
  holdSeconds: z.number().min(5).max(3600).default(60),
});
export type AlarmRule = z.infer<typeof AlarmRule>;

/**
 * A display's bounds, in the operating system's desktop coordinates (Electron's DIPs): where
 * the desktop app remembers each screen was (electron/hub/store/screen-homes.ts).
 */
export const DisplayBounds = z.strictObject({
  x: z.int(),
  y: z.int(),
  width: z.int().positive(),
  height: z.int().positive(),
});
export type DisplayBounds = z.infer<typeof DisplayBounds>;

/** Another playlist for part of each day (a night shift that only needs the wall). */
export const PlaylistSchedule = z.strictObject({
  from: ClockTime,
  to: ClockTime,
  /** Only spans starting on these weekdays; absent: every day. */
  days: z.array(Weekday).min(1).max(7).optional(),
  playlist: z.array(PlaylistEntry).min(1).max(50),
});
export type PlaylistSchedule = z.infer<typeof PlaylistSchedule>;

export const DisplayLayout = z
  .strictObject({
    /** The screen's number, as the setup's identify screen shows it and `?display=N` names it. */
    display: z.int().min(1).max(64),
    /** Optional name shown in the corner indicator ("Wall left"). */
    name: z.string().trim().min(1).max(100).optional(),
    playlist: z.array(PlaylistEntry).min(1).max(50),
    /** Null: alarms never preempt this screen's playlist. */
    alarms: AlarmRule.nullable().default(null),
    /** The first that covers the time of day replaces `playlist` meanwhile. */
    schedules: z.array(PlaylistSchedule).max(20).default([]),
    /** The zone the schedules' times are in (required with schedules). */
    timeZone: TimeZoneName.optional(),
    /**
     * How much bigger everything is drawn than the screen's own fit (a wall read from across a
     * large room): 1.5 shows the same board at one and a half times the size, fewer at a time.
     */
    zoom: z.number().min(0.5).max(3).default(1),
  })
  .refine((layout) => layout.schedules.length === 0 || layout.timeZone !== undefined, {
    path: ['timeZone'],
    error: 'required with schedules: the IANA zone their times are in, e.g. "Europe/London"',
  });
export type DisplayLayout = z.infer<typeof DisplayLayout>;

export const DisplaysConfig = z
  .array(DisplayLayout)
  .max(64)
  .superRefine((layouts, context) => {
    const seen = new Set<number>();
    layouts.forEach((layout, index) => {
      if (seen.has(layout.display)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'display'],
          message: `display ${layout.display} is listed twice`,
        });
      }
      seen.add(layout.display);
    });
  });
export type DisplaysConfig = z.infer<typeof DisplaysConfig>;
