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
 * kept in the store across a restart, each change raising the version windows follow.
 */

const CONFIG = DisplaysConfig.parse([
  { display: 1, name: 'Left', playlist: [{ show: { view: 'wall' } }] },
  { display: 2, playlist: [{ show: { view: 'sla' } }] },
]);
const layout = (display: number, over: object = {}) =>
  DisplayLayout.parse({ display, playlist: [{ show: { view: 'alerts' } }], ...over });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'noc-screens-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function rig(store: ScreenLayoutStore = new MemoryScreenLayoutStore()) {
  const clock = new FakeClock(1000);
  const screens = new ScreenLayouts(CONFIG, store, clock, () => undefined);
  const versions: number[] = [];
  const stop = screens.onChange((state) => versions.push(state.version));
  return { screens, clock, versions, stop };
}

describe('the screens of the wall', () => {
  it("starts as the config says, and lays a technician's layout over a screen's", () => {
    const { screens, versions } = rig();
    expect(screens.list().map((e) => [e.layout.display, e.state])).toEqual([
      [1, 'config'],
      [2, 'config'],
    ]);
    expect(screens.version).toBe(0);
    const entry = screens.set(layout(2, { zoom: 1.5 }), 'Ana');
    expect(entry).toMatchObject({ state: 'changed', changedBy: 'Ana', changedAt: 1000 });
    expect(screens.layout(2)?.playlist[0]?.show).toEqual({ view: 'alerts' });
    expect(screens.layout(2)?.zoom).toBe(1.5);
    expect(versions).toEqual([1]);
  });

  it('adds a screen the config does not list, and a reset of it drops it', () => {
    const { screens, versions } = rig();
    expect(screens.set(layout(5), 'Ana').state).toBe('added');
    expect(screens.layouts().map((l) => l.display)).toEqual([1, 2, 5]);
    expect(screens.reset(5)).toBeNull();
    expect(screens.layout(5)).toBeNull();
    expect(versions).toEqual([1, 2]);
  });

  it("takes a config screen off the wall (kept, to put back), and a reset puts the config's back", () => {
    const { screens } = rig();
    const removed = screens.remove(1, 'Bo');
    expect(removed).toMatchObject({ state: 'removed', changedBy: 'Bo' });
    expect(removed?.layout.name).toBe('Left');
    expect(screens.layout(1)).toBeNull();
    expect(screens.layouts().map((l) => l.display)).toEqual([2]);
    expect(screens.list().map((e) => e.state)).toEqual(['removed', 'config']);
    expect(screens.reset(1)).toMatchObject({ state: 'config', changedBy: null });
    expect(screens.layout(1)?.name).toBe('Left');
  });

  it('refuses, with the reason, what cannot be done', () => {
    const { screens, versions } = rig();
    expect(() => screens.remove(9, 'Ana')).toThrow(
      new ScreenRefused('screen 9 is not on the wall'),
    );
    expect(() => screens.reset(1)).toThrow(
      new ScreenRefused("screen 1 shows the config's layout already"),
    );
    screens.remove(1, 'Ana');
    expect(() => screens.remove(1, 'Ana')).toThrow(ScreenRefused);
    expect(versions).toEqual([1]);
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
    expect(() => screens.set(layout(2), 'Ana')).toThrow('disk full');
    expect(screens.list()[1]?.state).toBe('config');
    expect(versions).toEqual([]);
  });

  it('asks every screen to show its number for 8 s, without a new layout version', () => {
    const { screens, clock } = rig();
    const states: unknown[] = [];
    screens.onChange((state) => states.push(state));
    clock.advance(500);
    expect(screens.identify()).toBe(1500 + IDENTIFY_SHOW_MS);
    expect(states).toEqual([{ version: 0, identifyUntil: 1500 + IDENTIFY_SHOW_MS }]);
    screens.set(layout(2), 'Ana');
    expect(screens.state).toEqual({ version: 1, identifyUntil: 1500 + IDENTIFY_SHOW_MS });
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
    a.screens.set(layout(2, { name: 'Right' }), 'Ana');
    a.screens.set(layout(7), 'Ana');
    a.screens.remove(1, 'Bo');
    await first.store.close();

    const second = await openHubStore(file, [], () => 2000);
    const b = rig(second.screenLayouts);
    expect(b.screens.list().map((e) => [e.layout.display, e.state, e.changedBy])).toEqual([
      [1, 'removed', 'Bo'],
      [2, 'changed', 'Ana'],
      [7, 'added', 'Ana'],
    ]);
    expect(b.screens.layout(2)?.name).toBe('Right');
    b.screens.reset(7);
    await second.store.close();
    const third = await openHubStore(file, [], () => 3000);
    expect(third.screenLayouts.load().map((s) => s.screen)).toEqual([1, 2]);
    await third.store.close();
  });

  it('skips a stored row that no longer reads as a layout, and says so: the config shows', async () => {
    const file = join(dir, 'noc.sqlite');
    const first = await openHubStore(file, [], () => 1000);
    rig(first.screenLayouts).screens.set(layout(2), 'Ana');
    await first.store.close();
    const db = new DatabaseSync(file);
    db.prepare('UPDATE screen_layouts SET doc = \'{"display":2,"playlist":[]}\'').run();
    db.close();
    const second = await openHubStore(file, [], () => 2000);
    const lines: string[] = [];
    const store = new SqliteScreenLayoutStore(second.store.raw, (line) => lines.push(line));
    const screens = new ScreenLayouts(CONFIG, store, new FakeClock(0));
    expect(lines).toEqual([
      "screens: the stored layout of screen 2 is unreadable; the config's is used",
    ]);
    expect(screens.list()[1]?.state).toBe('config');
    await second.store.close();
  });
});
