// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoticeBus } from '../../renderer/src/notify/notice-bus.js';
import {
  displayParam,
  LAYOUT_REFRESH_MS,
  LAYOUT_RETRY_MS,
  startRotation,
  type RotationStatus,
} from '../../renderer/src/rotation/run-rotation.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeBridge } from './fake-bridge.js';
import { smallFleet, T0 } from './fleet-fixtures.js';
import { settle } from './settle.js';
import { disaster, LAYOUT } from './screen-fixtures.js';

/**
 * A screen that runs a playlist (`?display=N`): its layout asked of the hub, views in turn on
 * the page's clock, a notice preempting them, and every timer and listener freed when it stops.
 * The screen inside the app (zoom, corner badge, identify overlay): screen-in-app.test.tsx.
 */

function rig(answer: unknown) {
  const bridge = new FakeBridge(smallFleet());
  bridge.handle('displays.layout', () => answer);
  const clock = new FakeClock(T0);
  const bus = new NoticeBus();
  const went: string[] = [];
  const statuses: RotationStatus[] = [];
  const screenListeners = new Set<() => void>();
  const stop = startRotation({
    bridge,
    display: 2,
    clock,
    go: (href) => went.push(href),
    current: () => went.at(-1) ?? '',
    onStatus: (status) => statuses.push(status),
    notices: (listener) => bus.subscribe(listener),
    screensChanged: (listener) => {
      screenListeners.add(listener);
      return () => screenListeners.delete(listener);
    },
  });
  const screensChanged = () => {
    for (const listener of screenListeners) listener();
  };
  return { bridge, clock, bus, went, statuses, stop, screenListeners, screensChanged };
}

beforeEach(() => {
  window.location.hash = '';
});

afterEach(() => {
  window.history.replaceState(null, '', '/');
  vi.useRealTimers();
});

describe('a screen playlist', () => {
  it('reads ?display=N, and says what is wrong with a bad one', () => {
    expect(displayParam('?display=3')).toBe(3);
    expect(displayParam('')).toBeNull();
    expect(displayParam('?display=0')).toBe('"?display=0" is not a screen number (1–64)');
    expect(displayParam('?display=two')).toBe('"?display=two" is not a screen number (1–64)');
  });

  it('shows its views in turn, lets an alarm preempt them, and frees its timer and listener', async () => {
    const { bridge, clock, bus, went, statuses, stop } = rig({ ok: true, value: LAYOUT });
    await settle();
    expect(bridge.calls.find((call) => call.name === 'displays.layout')?.args).toEqual({
      display: 2,
    });
    expect(went).toEqual(['#/']);
    clock.advance(60_000);
    expect(went).toEqual(['#/', '#/sla']);
    clock.advance(10_000);
    bus.emit([disaster]);
    expect(went.at(-1)).toBe('#/site/a');
    expect(statuses.at(-1)?.showing?.alarm).toBe('27 new alerts at Office 1');
    // The hold ends: back to the SLA board for the 20 s it had left, then the wall.
    clock.advance(20_000);
    expect(went.at(-1)).toBe('#/sla');
    clock.advance(20_000);
    expect(went.at(-1)).toBe('#/');
    // The next turn, and the layout's refresh.
    expect(clock.pendingCount).toBe(2);
    expect(bus.size).toBe(1);
    // A hand moves the screen elsewhere: left alone until the next turn, then put back.
    went.push('#/alerts');
    clock.advance(30_000);
    expect(went.at(-1)).toBe('#/alerts');
    clock.advance(30_000);
    expect(went.at(-1)).toBe('#/sla');
    stop();
    expect(clock.pendingCount).toBe(0);
    expect(bus.size).toBe(0);
  });

  it('says when the hub has no layout for the screen, and asks again when the hub could not answer', async () => {
    const none = rig({ ok: true, value: null });
    await settle();
    expect(none.statuses.at(-1)?.problem).toBe(
      "No layout for screen 2: the screens view or the config's displays sets one",
    );
    expect(none.went).toEqual([]);
    none.stop();
    const failing = rig({ ok: false, error: { code: 'failed', message: 'hub starting' } });
    await settle();
    expect(failing.statuses.at(-1)?.problem).toBe('hub starting');
    failing.bridge.handle('displays.layout', () => ({ ok: true, value: LAYOUT }));
    failing.clock.advance(LAYOUT_RETRY_MS);
    await settle();
    expect(failing.went).toEqual(['#/']);
    failing.stop();
    expect(failing.clock.pendingCount).toBe(0);
  });

  it('asks for its layout again every few minutes: a new config changes the screen, a failed ask does not', async () => {
    const { bridge, clock, went, statuses, stop } = rig({ ok: true, value: LAYOUT });
    await settle();
    expect(went).toEqual(['#/']);
    // The hub is away at the refresh: the screen runs on.
    bridge.handle('displays.layout', () => ({
      ok: false,
      error: { code: 'failed', message: 'gone' },
    }));
    clock.advance(LAYOUT_REFRESH_MS);
    await settle();
    expect(statuses.at(-1)?.problem).toBeNull();
    // Back, with a new config for this screen: its playlist is the new one.
    bridge.handle('displays.layout', () => ({
      ok: true,
      value: {
        ...LAYOUT,
        name: 'Wall right, new',
        playlist: [{ show: { view: 'alerts' }, dwellSeconds: 60 }],
      },
    }));
    clock.advance(LAYOUT_REFRESH_MS);
    await settle();
    expect(went.at(-1)).toBe('#/alerts');
    expect(statuses.at(-1)?.name).toBe('Wall right, new');
    // Taken out of the config: said so, and no view timer left.
    bridge.handle('displays.layout', () => ({ ok: true, value: null }));
    clock.advance(LAYOUT_REFRESH_MS);
    await settle();
    expect(statuses.at(-1)?.problem).toBe(
      "No layout for screen 2: the screens view or the config's displays sets one",
    );
    stop();
    expect(clock.pendingCount).toBe(0);
  });

  it('asks again at once when the hub says the screens changed (a technician set this one), and frees that listener', async () => {
    const { bridge, clock, went, statuses, stop, screenListeners, screensChanged } = rig({
      ok: true,
      value: LAYOUT,
    });
    await settle();
    expect(went).toEqual(['#/']);
    expect(statuses.at(-1)?.zoom).toBe(1);
    bridge.handle('displays.layout', () => ({
      ok: true,
      value: { ...LAYOUT, playlist: [{ show: { view: 'sla' }, dwellSeconds: 60 }], zoom: 1.5 },
    }));
    screensChanged();
    await settle();
    // Well before the five-minute refresh: the new playlist, and its zoom for the page.
    expect(went.at(-1)).toBe('#/sla');
    expect(statuses.at(-1)?.zoom).toBe(1.5);
    expect(screenListeners.size).toBe(1);
    stop();
    expect(screenListeners.size).toBe(0);
    expect(clock.pendingCount).toBe(0);
  });

  it('asks one at a time: a change said meanwhile asks once more after; a failed ask keeps the playlist running', async () => {
    const answers: ((value: unknown) => void)[] = [];
    const { bridge, clock, went, statuses, stop, screensChanged } = rig(null);
    bridge.handle(
      'displays.layout',
      () =>
        new Promise((resolve) => {
          answers.push(resolve);
        }),
    );
    // The rig's first ask went to the first handler (a bad answer): ask again through this one.
    await settle();
    clock.advance(LAYOUT_RETRY_MS);
    await settle();
    const asked = () => bridge.callCount('displays.layout');
    const before = asked();
    screensChanged();
    screensChanged();
    expect(asked()).toBe(before);
    answers.shift()?.({ ok: true, value: LAYOUT });
    await settle();
    expect(went).toEqual(['#/']);
    // Once more, for the changes said while it was on its way.
    expect(asked()).toBe(before + 1);
    answers.shift()?.({ ok: false, error: { code: 'failed', message: 'no answer in 15 s' } });
    await settle();
    expect(statuses.at(-1)?.problem).toBeNull();
    // Asked again soon; the same layout back changes nothing, and the turns go on.
    clock.advance(LAYOUT_RETRY_MS);
    expect(asked()).toBe(before + 2);
    answers.shift()?.({ ok: true, value: LAYOUT });
    await settle();
    clock.advance(60_000 - LAYOUT_RETRY_MS);
    expect(went).toEqual(['#/', '#/sla']);
    stop();
    expect(clock.pendingCount).toBe(0);
  });
});
