import { useMemo, useSyncExternalStore } from 'react';

/**
 * `#/` the wall, `#/site/<siteId>` one site, `#/alerts` every open alert, `#/sla` the SLA
 * clocks, `#/history` the incident history. No router library: five routes need none.
 * `#/?sla=off` is the wall without its SLA panel (a screen that shows the SLA board beside it);
 * `#/?customer=Acme` (repeatable; `&site=<id>` too) is the wall of part of the fleet.
 */
/**
 * The part of the fleet a wall shows: some customers' sites, or some sites (`#/?customer=Acme`,
 * repeated for more; `&site=<id>`); null: all. A screen of a NOC wall may be one customer's.
 */
export interface WallScope {
  readonly customers: readonly string[] | null;
  readonly sites: readonly string[] | null;
}

export const WHOLE_FLEET: WallScope = { customers: null, sites: null };

export type Route =
  | { readonly view: 'wall'; readonly slaPanel: boolean; readonly scope: WallScope }
  | { readonly view: 'site'; readonly siteId: string }
  | { readonly view: 'alerts' }
  | { readonly view: 'history' }
  | { readonly view: 'sla' };

const SITE_PREFIX = '#/site/';
export const HISTORY_HREF = '#/history';
export const ALERTS_HREF = '#/alerts';
export const SLA_HREF = '#/sla';

export function parseHash(hash: string): Route {
  if (hash === HISTORY_HREF) return { view: 'history' };
  if (hash === ALERTS_HREF) return { view: 'alerts' };
  if (hash === SLA_HREF) return { view: 'sla' };
  if (hash.startsWith(SITE_PREFIX) && hash.length > SITE_PREFIX.length) {
    try {
      return { view: 'site', siteId: decodeURIComponent(hash.slice(SITE_PREFIX.length)) };
    } catch {
      // A mangled link falls back to the wall rather than breaking the board.
    }
  }
  const query = hash.startsWith(WALL_HREF + '?') ? hash.slice(WALL_HREF.length + 1) : '';
  const params = new URLSearchParams(query);
  const list = (name: string) => {
    const values = params.getAll(name).filter((value) => value !== '');
    return values.length === 0 ? null : values;
  };
  return {
    view: 'wall',
    slaPanel: params.get('sla') !== 'off',
    scope: { customers: list('customer'), sites: list('site') },
  };
}

/** The wall, with or without its SLA panel, of the whole fleet or part of it. */
export function wallHref(slaPanel: boolean, scope: WallScope = WHOLE_FLEET): string {
  const params = new URLSearchParams();
  if (!slaPanel) params.set('sla', 'off');
  for (const customer of scope.customers ?? []) params.append('customer', customer);
  for (const site of scope.sites ?? []) params.append('site', site);
  const query = params.toString();
  return query === '' ? WALL_HREF : `${WALL_HREF}?${query}`;
}

/** Whether a site is on a wall of this scope. */
export function inScope(scope: WallScope, siteId: string, customer: string | undefined): boolean {
  if (scope.sites !== null && !scope.sites.includes(siteId)) return false;
  return scope.customers === null || (customer !== undefined && scope.customers.includes(customer));
}

export const WALL_WITHOUT_SLA_HREF = '#/?sla=off';

export const WALL_HREF = '#/';

export function siteHref(siteId: string): string {
  return `${SITE_PREFIX}${encodeURIComponent(siteId)}`;
}

export function navigate(href: string): void {
  window.location.hash = href;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => {
    window.removeEventListener('hashchange', listener);
  };
}

const currentHash = () => window.location.hash;

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return useMemo(() => parseHash(hash), [hash]);
}
