import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MemoryScreenLayoutStore,
  SqliteScreenLayoutStore,
  type ScreenLayoutStore,
} from '../../electron/hub/screens/screen-layout-store.js';
import { ScreenLayouts, ScreenRefused } from '../../electron/hub/screens/screen-layouts.js';
import { openHubStore } from '../../electron/hub/store/hub-store.js';
import { IDENTIFY_SHOW_MS } from '../../shared/bridge/screens.js';
import { DisplayLayout, DisplaysConfig } from '../../shared/displays/display-layout.js';
import { FakeClock } from '../support/fake-clock.js';

/**
 * The wall's screens as technicians change them: the config's layouts with theirs laid over,
 * checked against the configured sites, refused when based on a screen that changed since,
 * kept in the store across a restart, each change raising the version windows follow.
 */

const CONFIG = DisplaysConfig.parse([
  { display: 1, name: 'Left', playlist: [{ show: { view: 'wall' } }] },
  { display: 2, playlist: [{ show: { view: 'sla' } }] },
]);
const SITES = [
  { id: 'hq', customer: 'Acme' },
  { id: 'depot', customer: 'Bolt' },
];
const layout = (display: number, over: object = {}) =>
  DisplayLayout.parse({ display, playlist: [{ show: { view: 'alerts' } }], ...over });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'noc-screens-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Screen N as a technician sees it now (its revision): what a change is based on. */
function seen(screens: ScreenLayouts, display: number) {
  const entry = screens.list().find((e) => e.layout.display === display);
  if (!entry) throw new Error(`screen ${display} is not listed`);
  return { revision: entry.revision };
}

function rig(
  store: ScreenLayoutStore = new MemoryScreenLayoutStore(),
  config: DisplaysConfig = CONFIG,
) {
  const clock = new FakeClock(1000);
  const lines: string[] = [];
  const screens = new ScreenLayouts(config, SITES, store, clock, (line) => lines.push(line));
  const versions: number[] = [];
  const stop = screens.onChange((state) => versions.push(state.version));
  return { screens, clock, versions, stop, lines };
}

describe('the screens of the wall', () => {
  it("starts as the config says, and lays a technician's layout over a screen's", () => {
    const { screens, versions } = rig();
    expect(screens.list().map((e) => [e.layout.display, e.state])).toEqual([
      [1, 'config'],
      [2, 'config'],
    ]);
    // Counted from the run's start (the clock's 1000 ms here), so a restart does not repeat them.
    expect(screens.version).toBe(1000);
    const entry = screens.set(layout(2, { zoom: 1.5 }), 'Ana', seen(screens, 2));
    expect(entry).toMatchObject({ state: 'changed', changedBy: 'Ana', changedAt: 1000 });
    expect(screens.layout(2)?.playlist[0]?.show).toEqual({ view: 'alerts' });
    expect(screens.layout(2)?.zoom).toBe(1.5);
    expect(versions).toEqual([1001]);
  });

  it('adds a screen the config does not list, and a reset of it drops it', () => {
    const { screens, versions } = rig();
    expect(screens.set(layout(5), 'Ana', 'new').state).toBe('added');
    expect(screens.layouts().map((l) => l.display)).toEqual([1, 2, 5]);
    expect(screens.reset(5, seen(screens, 5))).toBeNull();
    expect(screens.layout(5)).toBeNull();
    expect(versions).toEqual([1001, 1002]);
  });

  it("takes a config screen off the wall (kept, to put back), and a reset puts the config's back", () => {
    const { screens, versions } = rig();
    const removed = screens.remove(1, 'Bo', seen(screens, 1));
    expect(removed).toMatchObject({ state: 'removed', changedBy: 'Bo' });
    expect(removed?.layout.name).toBe('Left');
    expect(screens.layout(1)).toBeNull();
    expect(screens.layouts().map((l) => l.display)).toEqual([2]);
    expect(screens.list().map((e) => e.state)).toEqual(['removed', 'config']);
    // A second click: no error, no change.
    expect(screens.remove(1, 'Bo', seen(screens, 1))?.state).toBe('removed');
    expect(screens.reset(1, seen(screens, 1))).toMatchObject({ state: 'config', changedBy: null });
    expect(screens.reset(1, seen(screens, 1))).toMatchObject({ state: 'config' });
    expect(screens.layout(1)?.name).toBe('Left');
    expect(versions).toEqual([1001, 1002]);
  });

  it('refuses, with the reason, what cannot be done', () => {
    const { screens, versions } = rig();
    expect(() => screens.remove(9, 'Ana', { revision: 0 })).toThrow(
      new ScreenRefused('screen 9 is not on the list (any more): look again'),
    );
    const nowhere = layout(2, { playlist: [{ show: { view: 'site', siteId: 'nope' } }] });
    expect(() => screens.set(nowhere, 'Ana', seen(screens, 2))).toThrow(
      new ScreenRefused('playlist[0].show.siteId: no site "nope" in sites'),
    );
    const nobody = layout(2, { playlist: [{ show: { view: 'wall', customers: ['Zeta'] } }] });
    expect(() => screens.set(nobody, 'Ana', seen(screens, 2))).toThrow(
      new ScreenRefused('playlist[0].show.customers: no site has the customer "Zeta"'),
    );
    expect(() => screens.set(layout(2), 'Ana', 'new')).toThrow(
      new ScreenRefused('screen 2 is on the list already: edit it there, or choose another number'),
    );
    expect(versions).toEqual([]);
  });

  it("refuses a change based on a screen that changed since: no one overwrites another's unknowingly", () => {
    const { screens, clock } = rig();
    // Ana opens screen 2's form; Bo saves first.
    const anasLook = seen(screens, 2);
    screens.set(layout(2, { name: 'Bo’s' }), 'Bo', seen(screens, 2));
    clock.advance(1000);
    expect(() => screens.set(layout(2, { name: 'Ana’s' }), 'Ana', anasLook)).toThrow(
      new ScreenRefused('screen 2 was changed by Bo since you looked: look again, then change it'),
    );
    expect(screens.layout(2)?.name).toBe('Bo’s');
    // Nor may she take it off or reset it from her old look.
    expect(() => screens.remove(2, 'Ana', anasLook)).toThrow(/^screen 2 was changed by Bo/);
    expect(() => screens.reset(2, anasLook)).toThrow(/^screen 2 was changed by Bo/);
    // Looked again: based on Bo's change, it goes through.
    const again = seen(screens, 2);
    screens.set(layout(2, { name: 'Ana’s' }), 'Ana', again);
    expect(screens.layout(2)?.name).toBe('Ana’s');
    screens.reset(2, seen(screens, 2));
    expect(() => screens.set(layout(2), 'Ana', again)).toThrow(
      /^screen 2 was reset to the config’s, or the hub restarted, since you looked/,
    );
  });

  it("refuses a change based on an earlier run's look: the config may have changed", () => {
    const store = new MemoryScreenLayoutStore();
    const { screens, clock } = rig(store);
    const look = seen(screens, 2);
    clock.advance(60_000);
    // The same store, a later start (the config file may have been edited): new revisions.
    const later = new ScreenLayouts(CONFIG, SITES, store, clock);
    expect(seen(later, 2)).not.toEqual(look);
    expect(() => later.set(layout(2), 'Ana', look)).toThrow(ScreenRefused);
  });

  it('does not show as made a change the store refused', () => {
    const failing: ScreenLayoutStore = {
      load: () => [],
      save: () => {
        throw new Error('disk full');
      },
      remove: () => undefined,
    };
    const { screens, versions } = rig(failing);
    expect(() => screens.set(layout(2), 'Ana', seen(screens, 2))).toThrow('disk full');
    expect(screens.list()[1]?.state).toBe('config');
    expect(versions).toEqual([]);
  });

  it('asks every screen to show its number for 8 s, without a new layout version', () => {
    const { screens, clock } = rig();
    const states: unknown[] = [];
    screens.onChange((state) => states.push(state));
    clock.advance(500);
    expect(screens.identify()).toBe(1500 + IDENTIFY_SHOW_MS);
    expect(states).toEqual([{ version: 1000, identifyUntil: 1500 + IDENTIFY_SHOW_MS }]);
    screens.set(layout(2), 'Ana', seen(screens, 2));
    expect(screens.state).toEqual({ version: 1001, identifyUntil: 1500 + IDENTIFY_SHOW_MS });
  });

  it('frees its listener', () => {
    const { screens, stop } = rig();
    expect(screens.listenerCount).toBe(1);
    stop();
    expect(screens.listenerCount).toBe(0);
  });

  it('keeps what technicians set in the store: the same wall after a restart', async () => {
    const file = join(dir, 'noc.sqlite');
    const first = await openHubStore(file, [], () => 1000);
    const a = rig(first.screenLayouts);
    a.screens.set(layout(2, { name: 'Right' }), 'Ana', seen(a.screens, 2));
    a.screens.set(layout(7), 'Ana', 'new');
    a.screens.remove(1, 'Bo', seen(a.screens, 1));
    await first.store.close();

    const second = await openHubStore(file, [], () => 2000);
    const b = rig(second.screenLayouts);
    expect(b.screens.list().map((e) => [e.layout.display, e.state, e.changedBy])).toEqual([
      [1, 'removed', 'Bo'],
      [2, 'changed', 'Ana'],
      [7, 'added', 'Ana'],
    ]);
    expect(b.screens.layout(2)?.name).toBe('Right');
    b.screens.reset(7, seen(b.screens, 7));
    await second.store.close();
    const third = await openHubStore(file, [], () => 3000);
    expect(third.screenLayouts.load().map((s) => s.screen)).toEqual([1, 2]);
    await third.store.close();
  });

  it('forgets a screen taken off that the config no longer lists; does not use a layout naming a site gone', async () => {
    const file = join(dir, 'noc.sqlite');
    const first = await openHubStore(file, [], () => 1000);
    const a = rig(first.screenLayouts);
    a.screens.remove(1, 'Bo', seen(a.screens, 1));
    a.screens.set(
      layout(2, { playlist: [{ show: { view: 'site', siteId: 'depot' } }] }),
      'Ana',
      seen(a.screens, 2),
    );
    await first.store.close();

    const second = await openHubStore(file, [], () => 2000);
    // The config no longer lists screen 1, and the depot is gone from its sites.
    const store = second.screenLayouts;
    const lines: string[] = [];
    const screens = new ScreenLayouts(
      CONFIG.slice(1),
      [SITES[0] as (typeof SITES)[0]],
      store,
      new FakeClock(0),
      (l) => lines.push(l),
    );
    expect(lines).toEqual([
      'screens: what was set for screen 1 by Bo (taken off) is forgotten: the config no longer lists that screen',
      'screens: what was set for screen 2 by Ana is not used: playlist[0].show.siteId: no site "depot" in sites',
    ]);
    expect(screens.list().map((e) => [e.layout.display, e.state])).toEqual([[2, 'config']]);
    // The layout naming the depot stays in the store, for when the depot comes back.
    expect(store.load().map((s) => s.screen)).toEqual([2]);
    await second.store.close();
  });

  it('skips a stored row that no longer reads as a layout, and says so; setting the screen again replaces it', async () => {
    const file = join(dir, 'noc.sqlite');
    const first = await openHubStore(file, [], () => 1000);
    const a = rig(first.screenLayouts);
    a.screens.set(layout(2), 'Ana', seen(a.screens, 2));
    await first.store.close();
    const db = new DatabaseSync(file);
    db.prepare('UPDATE screen_layouts SET doc = \'{"display":2,"playlist":[]}\'').run();
    db.close();
    const second = await openHubStore(file, [], () => 2000);
    const lines: string[] = [];
    const store = new SqliteScreenLayoutStore(second.store.raw, (line) => lines.push(line));
    const screens = new ScreenLayouts(CONFIG, SITES, store, new FakeClock(0));
    expect(lines).toEqual([
      "screens: the stored layout of screen 2 is unreadable; the config's is used",
    ]);
    expect(screens.list()[1]?.state).toBe('config');
    screens.set(layout(2, { name: 'Again' }), 'Bo', seen(screens, 2));
    lines.length = 0;
    expect(store.load().map((set) => [set.screen, set.layout?.name, set.changedBy])).toEqual([
      [2, 'Again', 'Bo'],
    ]);
    expect(lines).toEqual([]);
    await second.store.close();
  });
});
