import type { ScreenEntry } from '../../../../shared/bridge/screens.js';
import type { ViewSpec } from '../../../../shared/displays/display-layout.js';
import { formatDateTime } from '../../history/local-time.js';

/** A playlist entry in words: "Wall of Acme", "SLA board", a site's name. */
export function viewWords(spec: ViewSpec, siteName: (id: string) => string): string {
  if (spec.view === 'site') return siteName(spec.siteId);
  const part = [...(spec.customers ?? []), ...(spec.sites ?? []).map(siteName)];
  const of = (name: string) => (part.length === 0 ? name : `${name} of ${part.join(', ')}`);
  switch (spec.view) {
    case 'wall':
      return spec.slaPanel ? of('Wall') : `${of('Wall')} (no SLA panel)`;
    case 'sla':
      return of('SLA board');
    case 'alerts':
      return of('Alerts');
  }
}

export function dwell(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/** The address a browser on a wall TV opens to run screen N (docs/displays.md). */
export function screenUrl(origin: string, pathname: string, display: number): string {
  return `${origin}${pathname}?display=${display}`;
}

/** Where a screen's layout comes from, and who changed it when. */
export function sourceWords(entry: ScreenEntry): string {
  const by = `${entry.changedBy ?? 'a technician'}, ${
    entry.changedAt === null ? '' : formatDateTime(entry.changedAt)
  }`;
  switch (entry.state) {
    case 'config':
      return 'the config file';
    case 'changed':
      return `changed by ${by}`;
    case 'added':
      return `added by ${by}`;
    case 'removed':
      return `taken off by ${by}`;
  }
}
