import { useMemo, useSyncExternalStore } from 'react';

/**
 * `#/` the wall, `#/site/<siteId>` one site, `#/alerts` every open alert, `#/sla` the SLA
 * clocks, `#/history` the incident history. No router library: five routes need none.
 * `#/?sla=off` is the wall without its SLA panel (a screen that shows the SLA board beside it).
 */
export type Route =
  | { readonly view: 'wall'; readonly slaPanel: boolean }
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
  return { view: 'wall', slaPanel: new URLSearchParams(query).get('sla') !== 'off' };
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
