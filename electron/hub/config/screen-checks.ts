import type { z } from 'zod';
import type { DisplayLayout, DisplaysConfig } from '../../../shared/displays/display-layout.js';

/** What a screen's layout may name: the configured sites, and so their customers. */
export type KnownSites = readonly { readonly id: string; readonly customer: string }[];

export interface ScreenProblem {
  /** Within the layout: `playlist[0].show.siteId`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * What is wrong with one screen's layout against the configured sites: a screen that would show
 * a site or customer the hub does not know would show "no such site" (or nothing) for good. The
 * config's screens are checked with it (checkScreens), and so is each layout a technician sets
 * (electron/hub/screens/screen-layouts.ts).
 */
export function screenProblems(layout: DisplayLayout, sites: KnownSites): ScreenProblem[] {
  const siteIds = new Set(sites.map((site) => site.id));
  const customers = new Set(sites.map((site) => site.customer));
  const problems: ScreenProblem[] = [];
  const playlists = [
    { path: ['playlist'], entries: layout.playlist },
    ...layout.schedules.map((schedule, at) => ({
      path: ['schedules', at, 'playlist'],
      entries: schedule.playlist,
    })),
  ];
  for (const { path, entries } of playlists) {
    entries.forEach((entry, at) => {
      const where = [...path, at, 'show'];
      const { show } = entry;
      const named = show.view === 'site' ? [show.siteId] : (show.sites ?? []);
      for (const id of named) {
        if (!siteIds.has(id)) {
          problems.push({
            path: [...where, show.view === 'site' ? 'siteId' : 'sites'],
            message: `no site "${id}" in sites`,
          });
        }
      }
      // Both given, a wall shows the sites of those customers among those sites: none would be
      // an empty screen for good.
      if (show.view !== 'site' && show.customers !== undefined && show.sites !== undefined) {
        const wanted = new Set(show.customers);
        const any = sites.some(
          (site) => wanted.has(site.customer) && (show.sites ?? []).includes(site.id),
        );
        if (!any) {
          problems.push({
            path: [...where, 'sites'],
            message: "none of these sites is one of these customers': the view would be empty",
          });
        }
      }
      for (const customer of show.view === 'site' ? [] : (show.customers ?? [])) {
        if (!customers.has(customer)) {
          problems.push({
            path: [...where, 'customers'],
            message: `no site has the customer "${customer}"`,
          });
        }
      }
    });
  }
  return problems;
}

/** The config's screens, each checked against its sites (screenProblems). */
export function checkScreens(
  config: { displays: DisplaysConfig; sites: KnownSites },
  ctx: z.RefinementCtx,
): void {
  config.displays.forEach((layout, index) => {
    for (const problem of screenProblems(layout, config.sites)) {
      ctx.addIssue({
        code: 'custom',
        path: ['displays', index, ...problem.path],
        message: problem.message,
      });
    }
  });
}
