import { useMemo, useSyncExternalStore } from 'react';

/**
 * `#/` the wall, `#/site/<siteId>` one site (`?alert=<id>`: that alert in view), `#/alerts`
 * every open alert, `#/sla` the SLA clocks (`?incident=<id>`: that incident in view),
 * `#/history` the incident history. No router library: five routes need none.
 * `#/?sla=off` is the wall without its SLA panel (a screen that shows the SLA board beside it);
 * `#/?customer=Acme` (repeatable; `&site=<id>` too) is the wall of part of the fleet, and the
 * same parameters on `#/alerts` and `#/sla` are those views of part of the fleet.
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
  /** One site; `alertId`: the alert to bring into view (a notice's click). */
  | { readonly view: 'site'; readonly siteId: string; readonly alertId: string | null }
  /** Every open alert, or those of part of the fleet (`#/alerts?customer=Acme`). */
  | { readonly view: 'alerts'; readonly scope: WallScope }
  | { readonly view: 'history' }
  /** The screens of the wall (config `displays`) and how to open each. */
  | { readonly view: 'screens' }
  /**
   * The SLA board, of the whole fleet or part of it (`#/sla?customer=Acme`); `incidentId`: the
   * incident to bring into view (a notice's click).
   */
  | { readonly view: 'sla'; readonly incidentId: string | null; readonly scope: WallScope };

const SITE_PREFIX = '#/site/';
export const HISTORY_HREF = '#/history';
export const ALERTS_HREF = '#/alerts';
export const SLA_HREF = '#/sla';
export const SCREENS_HREF = '#/screens';

/** The `customer` and `site` parameters (each repeatable; empty ones ignored). */
function scopeOf(params: URLSearchParams): WallScope {
  const list = (name: string) => {
    const values = params.getAll(name).filter((value) => value !== '');
    return values.length === 0 ? null : values;
  };
  return { customers: list('customer'), sites: list('site') };
}

function scopeParams(params: URLSearchParams, scope: WallScope): void {
  for (const customer of scope.customers ?? []) params.append('customer', customer);
  for (const site of scope.sites ?? []) params.append('site', site);
}

export function parseHash(hash: string): Route {
  if (hash === HISTORY_HREF) return { view: 'history' };
  if (hash === SCREENS_HREF) return { view: 'screens' };
  if (hash === ALERTS_HREF || hash.startsWith(`${ALERTS_HREF}?`)) {
    return { view: 'alerts', scope: scopeOf(new URLSearchParams(hash.slice(ALERTS_HREF.length))) };
  }
  if (hash === SLA_HREF || hash.startsWith(`${SLA_HREF}?`)) {
    const params = new URLSearchParams(hash.slice(SLA_HREF.length));
    const incidentId = params.get('incident');
    return {
      view: 'sla',
      incidentId: incidentId === '' ? null : incidentId,
      scope: scopeOf(params),
    };
  }
  if (hash.startsWith(SITE_PREFIX) && hash.length > SITE_PREFIX.length) {
    // siteHref encodes the id, so a literal "?" starts the query.
    const [path = '', siteQuery = ''] = hash.slice(SITE_PREFIX.length).split(/\?(.*)/s);
    try {
      const siteId = decodeURIComponent(path);
      const alertId = new URLSearchParams(siteQuery).get('alert');
      if (siteId !== '') return { view: 'site', siteId, alertId: alertId === '' ? null : alertId };
    } catch {
      // A mangled link falls back to the wall rather than breaking the board.
    }
  }
  const query = hash.startsWith(WALL_HREF + '?') ? hash.slice(WALL_HREF.length + 1) : '';
  const params = new URLSearchParams(query);
  return { view: 'wall', slaPanel: params.get('sla') !== 'off', scope: scopeOf(params) };
}

/** The wall, with or without its SLA panel, of the whole fleet or part of it. */
export function wallHref(slaPanel: boolean, scope: WallScope = WHOLE_FLEET): string {
  const params = new URLSearchParams();
  if (!slaPanel) params.set('sla', 'off');
  scopeParams(params, scope);
  const query = params.toString();
  return query === '' ? WALL_HREF : `${WALL_HREF}?${query}`;
}

/** The alert list, of the whole fleet or part of it. */
export function alertsHref(scope: WallScope = WHOLE_FLEET): string {
  const params = new URLSearchParams();
  scopeParams(params, scope);
  const query = params.toString();
  return query === '' ? ALERTS_HREF : `${ALERTS_HREF}?${query}`;
}

/** Whether a site is on a wall of this scope. */
export function inScope(scope: WallScope, siteId: string, customer: string | undefined): boolean {
  if (scope.sites !== null && !scope.sites.includes(siteId)) return false;
  return scope.customers === null || (customer !== undefined && scope.customers.includes(customer));
}

export const WALL_WITHOUT_SLA_HREF = '#/?sla=off';

export const WALL_HREF = '#/';

/** The SLA board, with an incident to bring into view, of the whole fleet or part of it. */
export function slaHref(incidentId: string | null = null, scope: WallScope = WHOLE_FLEET): string {
  const params = new URLSearchParams();
  if (incidentId !== null) params.set('incident', incidentId);
  scopeParams(params, scope);
  const query = params.toString();
  return query === '' ? SLA_HREF : `${SLA_HREF}?${query}`;
}

export function siteHref(siteId: string, alertId: string | null = null): string {
  const site = `${SITE_PREFIX}${encodeURIComponent(siteId)}`;
  return alertId === null ? site : `${site}?${new URLSearchParams({ alert: alertId }).toString()}`;
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
