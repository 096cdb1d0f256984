import { describe, expect, it } from 'vitest';
import { wallUnit } from '../../renderer/src/layout/wall-metrics.js';
import {
  draftOf,
  freeNumber,
  layoutOf,
  moveView,
  newDraft,
} from '../../renderer/src/screens/layout-draft.js';
import { DisplayLayout } from '../../shared/displays/display-layout.js';

/** The screen editor's draft: to and from a layout, what it says is wrong, and the zoomed unit. */

const CONFIGURED = DisplayLayout.parse({
  display: 4,
  name: 'Night',
  playlist: [
    { show: { view: 'wall', slaPanel: false, customers: ['Acme'], sites: ['hq'] } },
    { show: { view: 'site', siteId: 'hq' }, dwellSeconds: 30 },
  ],
  alarms: { minSeverity: 'disaster', holdSeconds: 90 },
  timeZone: 'Europe/London',
  schedules: [{ from: '22:00', to: '06:00', playlist: [{ show: { view: 'sla' } }] }],
  zoom: 1.25,
});

describe('a screen layout draft', () => {
  it('gives back the layout it was made of: what the form does not edit is carried through', () => {
    expect(layoutOf(draftOf(CONFIGURED))).toEqual({ ok: true, layout: CONFIGURED });
  });

  it('says which field is wrong, a cleared number plainly', () => {
    const draft = newDraft(3);
    const cleared = { ...draft, playlist: [{ ...draft.playlist[0], dwellSeconds: Number.NaN }] };
    expect(layoutOf(cleared as typeof draft)).toEqual({
      ok: false,
      problem: 'playlist[0].dwellSeconds: a number is needed',
    });
    expect(layoutOf({ ...draft, zoom: 5 })).toEqual({
      ok: false,
      problem: 'zoom: Too big: expected number to be <=3',
    });
  });

  it('moves views within the list and offers the lowest free number', () => {
    const { playlist } = draftOf(CONFIGURED);
    expect(moveView(playlist, 1, -1).map((v) => v.view)).toEqual(['site', 'wall']);
    expect(moveView(playlist, 1, 1)).toBe(playlist);
    expect(freeNumber([1, 2, 4])).toBe(3);
    expect(freeNumber(Array.from({ length: 64 }, (_, i) => i + 1))).toBeNull();
  });

  it("plans the wall with the screen's zoom, as the CSS draws it", () => {
    expect(wallUnit(1920, 1080)).toBe(20);
    expect(wallUnit(1920, 1080, 1.5)).toBe(30);
    // The floor holds at any zoom.
    expect(wallUnit(640, 360, 0.5)).toBe(12);
  });
});
