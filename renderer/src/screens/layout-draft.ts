import {
  DisplayLayout,
  type PlaylistSchedule,
  type ViewSpec,
} from '../../../shared/displays/display-layout.js';
import type { Severity } from '../../../shared/protocol/alert.js';
import { describeIssues } from '../../../shared/protocol/errors.js';

/**
 * A screen's layout as the screens view's form edits it: plain fields a form can hold, turned
 * back into a DisplayLayout (checked by its schema, as the hub will check it again) on save.
 * What the form does not edit (the schedules, a wall's list of sites) is carried through as is.
 */

export type ViewKind = ViewSpec['view'];

export interface ViewDraft {
  readonly view: ViewKind;
  /** The wall's SLA panel. */
  readonly slaPanel: boolean;
  /** The wall's, SLA board's or alert list's customers; empty: every customer. */
  readonly customers: readonly string[];
  /** Their sites, as the config gave them (not edited here). */
  readonly sites: readonly string[];
  /** The site view's site. */
  readonly siteId: string;
  readonly dwellSeconds: number;
}

export interface LayoutDraft {
  readonly display: number;
  readonly name: string;
  readonly playlist: readonly ViewDraft[];
  readonly alarms: boolean;
  readonly minSeverity: Severity;
  readonly holdSeconds: number;
  readonly zoom: number;
  readonly schedules: readonly PlaylistSchedule[];
  readonly timeZone: string | undefined;
}

export const NEW_VIEW: ViewDraft = {
  view: 'wall',
  slaPanel: true,
  customers: [],
  sites: [],
  siteId: '',
  dwellSeconds: 60,
};

/** A new screen: the wall, alarms of high and worse held a minute. */
export function newDraft(display: number): LayoutDraft {
  return {
    display,
    name: '',
    playlist: [NEW_VIEW],
    alarms: true,
    minSeverity: 'high',
    holdSeconds: 60,
    zoom: 1,
    schedules: [],
    timeZone: undefined,
  };
}

function viewDraft(spec: ViewSpec, dwellSeconds: number): ViewDraft {
  const base = { ...NEW_VIEW, view: spec.view, dwellSeconds };
  switch (spec.view) {
    case 'wall':
      return {
        ...base,
        slaPanel: spec.slaPanel,
        customers: spec.customers ?? [],
        sites: spec.sites ?? [],
      };
    case 'site':
      return { ...base, siteId: spec.siteId };
    case 'sla':
    case 'alerts':
      return { ...base, customers: spec.customers ?? [], sites: spec.sites ?? [] };
  }
}

export function draftOf(layout: DisplayLayout): LayoutDraft {
  return {
    display: layout.display,
    name: layout.name ?? '',
    playlist: layout.playlist.map((entry) => viewDraft(entry.show, entry.dwellSeconds)),
    alarms: layout.alarms !== null,
    minSeverity: layout.alarms?.minSeverity ?? 'high',
    holdSeconds: layout.alarms?.holdSeconds ?? 60,
    zoom: layout.zoom,
    schedules: layout.schedules,
    timeZone: layout.timeZone,
  };
}

function viewSpec(draft: ViewDraft): unknown {
  const scope = {
    ...(draft.customers.length === 0 ? {} : { customers: draft.customers }),
    ...(draft.sites.length === 0 ? {} : { sites: draft.sites }),
  };
  switch (draft.view) {
    case 'wall':
      return { view: 'wall', slaPanel: draft.slaPanel, ...scope };
    case 'site':
      return { view: 'site', siteId: draft.siteId };
    case 'sla':
    case 'alerts':
      return { view: draft.view, ...scope };
  }
}

/** The layout the draft describes, or what is wrong with it (field by field, as the hub says it). */
export function layoutOf(
  draft: LayoutDraft,
): { ok: true; layout: DisplayLayout } | { ok: false; problem: string } {
  // A cleared number field: said plainly, not as "expected number, received NaN".
  const cleared = [
    ['display', draft.display],
    ...draft.playlist.map((view, i) => [`playlist[${i}].dwellSeconds`, view.dwellSeconds] as const),
    ...(draft.alarms ? [['alarms.holdSeconds', draft.holdSeconds] as const] : []),
  ].find(([, value]) => Number.isNaN(value));
  if (cleared) return { ok: false, problem: `${String(cleared[0])}: a number is needed` };
  const name = draft.name.trim();
  const parsed = DisplayLayout.safeParse({
    display: draft.display,
    ...(name === '' ? {} : { name }),
    playlist: draft.playlist.map((entry) => ({
      show: viewSpec(entry),
      dwellSeconds: entry.dwellSeconds,
    })),
    alarms: draft.alarms
      ? { minSeverity: draft.minSeverity, holdSeconds: draft.holdSeconds }
      : null,
    schedules: draft.schedules,
    ...(draft.timeZone === undefined ? {} : { timeZone: draft.timeZone }),
    zoom: draft.zoom,
  });
  return parsed.success
    ? { ok: true, layout: parsed.data }
    : { ok: false, problem: describeIssues(parsed.error) };
}

/** A number field's value: empty while cleared (the draft holds NaN until a number is typed). */
export const shown = (value: number): number | string => (Number.isNaN(value) ? '' : value);

/** The lowest screen number not taken (1–64), or null when all are. */
export function freeNumber(taken: Iterable<number>): number | null {
  const used = new Set(taken);
  for (let n = 1; n <= 64; n++) if (!used.has(n)) return n;
  return null;
}

/** The playlist with entry `index` moved by `by` places (kept within the list). */
export function moveView(
  playlist: readonly ViewDraft[],
  index: number,
  by: -1 | 1,
): readonly ViewDraft[] {
  const to = index + by;
  if (index < 0 || index >= playlist.length || to < 0 || to >= playlist.length) return playlist;
  const next = [...playlist];
  const [moved] = next.splice(index, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}
