import type { z } from 'zod';
import type { DisplaysConfig } from '../../../shared/displays/display-layout.js';

/**
 * A screen that would show a site or customer the hub does not know would show "no such site"
 * (or nothing) for good: each one named in a playlist must be configured.
 */
export function checkScreens(
  config: { displays: DisplaysConfig; sites: readonly { id: string; customer: string }[] },
  siteIds: ReadonlySet<string>,
  ctx: z.RefinementCtx,
): void {
  const customers = new Set(config.sites.map((site) => site.customer));
  config.displays.forEach((layout, index) => {
    const playlists = [
      { path: ['playlist'], entries: layout.playlist },
      ...layout.schedules.map((schedule, at) => ({
        path: ['schedules', at, 'playlist'],
        entries: schedule.playlist,
      })),
    ];
    for (const { path, entries } of playlists) {
      entries.forEach((entry, at) => {
        const where = ['displays', index, ...path, at, 'show'];
        const { show } = entry;
        const sites =
          show.view === 'site' ? [show.siteId] : show.view === 'wall' ? (show.sites ?? []) : [];
        for (const id of sites) {
          if (!siteIds.has(id)) {
            ctx.addIssue({
              code: 'custom',
              path: [...where, show.view === 'site' ? 'siteId' : 'sites'],
              message: `no site "${id}" in sites`,
            });
          }
        }
        // Both given, a wall shows the sites of those customers among those sites: none would be
        // an empty screen for good.
        if (show.view === 'wall' && show.customers !== undefined && show.sites !== undefined) {
          const wanted = new Set(show.customers);
          const any = config.sites.some(
            (site) => wanted.has(site.customer) && (show.sites ?? []).includes(site.id),
          );
          if (!any) {
            ctx.addIssue({
              code: 'custom',
              path: [...where, 'sites'],
              message: "none of these sites is one of these customers': the wall would be empty",
            });
          }
        }
        for (const customer of show.view === 'wall' ? (show.customers ?? []) : []) {
          if (!customers.has(customer)) {
            ctx.addIssue({
              code: 'custom',
              path: [...where, 'customers'],
              message: `no site has the customer "${customer}"`,
            });
          }
        }
      });
    }
  });
}
