// @vitest-environment happy-dom
import { act, cleanup, fireEvent } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notice, NoticeTarget } from '../../shared/notify/notice.js';
import { NOTICES_KEY } from '../../renderer/src/notify/browser-notices.js';
import { noticeHref } from '../../renderer/src/notify/notice-href.js';
import { parseHash, WHOLE_FLEET } from '../../renderer/src/routing/hash-route.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { alert, content, delta, device, site, smallFleet, snapshot, T0 } from './fleet-fixtures.js';
import { emit, hashChanged, renderApp } from './render-helpers.js';
import { settle } from './settle.js';

/**
 * Notices in the page: a click goes where the notice is about; a browser tab shows the hub's
 * notices with the Notification API only once its technician turned them on (permission asked
 * on the bell's click, once); the Electron app never does (its main process notifies), and
 * follows `notice.open` from the shell.
 */

interface Shown {
  readonly title: string;
  readonly options: NotificationOptions | undefined;
  onclick: (() => void) | null;
}

let shown: Shown[] = [];
let permission: NotificationPermission = 'default';
let asked = 0;

class FakeNotification {
  static get permission() {
    return permission;
  }
  static requestPermission() {
    asked++;
    permission = 'granted';
    return Promise.resolve(permission);
  }
  onclick: (() => void) | null = null;
  constructor(title: string, options?: NotificationOptions) {
    const record: Shown = { title, options, onclick: null };
    shown.push(record);
    // The page sets onclick after construction: pass it on to the record.
    Object.defineProperty(this, 'onclick', {
      set: (value: (() => void) | null) => {
        record.onclick = value;
      },
    });
  }
}

function notice(id: string, target: NoticeTarget = { view: 'alerts' }): Notice {
  return {
    id,
    severity: 'disaster',
    title: `27 new alerts at Office ${id}`,
    body: 'Root cause: Core switch down.',
    count: 27,
    target,
    sound: true,
    at: T0,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  window.location.hash = '';
  window.localStorage.clear();
  shown = [];
  permission = 'default';
  asked = 0;
  vi.stubGlobal('Notification', FakeNotification);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('notices in the page', () => {
  it('routes a click to the site, the SLA board or every alert', () => {
    expect(parseHash(noticeHref({ view: 'site', siteId: 'hq 1', alertId: 'a' }))).toEqual({
      view: 'site',
      siteId: 'hq 1',
      alertId: 'a',
    });
    expect(parseHash(noticeHref({ view: 'site', siteId: 'hq', alertId: null }))).toEqual({
      view: 'site',
      siteId: 'hq',
      alertId: null,
    });
    // A notice's click shows the whole fleet's board and list, wherever the window was.
    expect(parseHash(noticeHref({ view: 'sla', siteId: 'hq', incidentId: 'i' }))).toEqual({
      view: 'sla',
      incidentId: 'i',
      scope: WHOLE_FLEET,
    });
    expect(parseHash(noticeHref({ view: 'sla', siteId: null, incidentId: null }))).toEqual({
      view: 'sla',
      incidentId: null,
      scope: WHOLE_FLEET,
    });
    expect(parseHash(noticeHref({ view: 'alerts' }))).toEqual({
      view: 'alerts',
      scope: WHOLE_FLEET,
    });
  });

  it('shows nothing until the technician turns the bell on; then each notice once, and a click goes to it', async () => {
    const bridge = new FakeBridge(smallFleet());
    const view = await renderApp(bridge);
    emit(bridge, 'fleet.delta', delta(1, { notices: [notice('n1')] }));
    expect(shown).toEqual([]);

    const bell = view.getByTestId('notice-bell');
    expect(bell.textContent).toBe('Notify me');
    await act(async () => {
      fireEvent.click(bell);
      await Promise.resolve();
    });
    expect(asked).toBe(1);
    expect(view.getByTestId('notice-bell').dataset.state).toBe('on');
    expect(window.localStorage.getItem(NOTICES_KEY)).toBe('on');

    emit(
      bridge,
      'fleet.delta',
      delta(2, { notices: [notice('n2', { view: 'site', siteId: 'a', alertId: null })] }),
    );
    expect(shown.map((s) => [s.title, s.options?.body, s.options?.tag, s.options?.silent])).toEqual(
      [['27 new alerts at Office n2', 'Root cause: Core switch down.', 'n2', false]],
    );
    act(() => shown[0]?.onclick?.());
    expect(window.location.hash).toBe('#/site/a');
    hashChanged();
    expect(view.getByTestId('site-view').dataset.siteId).toBe('a');

    // Off again: nothing more is shown, and the choice is remembered.
    fireEvent.click(view.getByTestId('notice-bell'));
    emit(bridge, 'fleet.delta', delta(3, { notices: [notice('n3')] }));
    expect(shown).toHaveLength(1);
    expect(window.localStorage.getItem(NOTICES_KEY)).toBe('off');
  });

  it('says so when the browser blocks notifications', async () => {
    permission = 'denied';
    const view = await renderApp(new FakeBridge(smallFleet()));
    expect(view.getByTestId('notice-bell').textContent).toBe('Notifications blocked');
  });

  it("in the Electron app: no bell, no page notices, and the shell's notice.open is followed", async () => {
    permission = 'granted';
    window.localStorage.setItem(NOTICES_KEY, 'on');
    const bridge = new FakeBridge(smallFleet(), { ...DEMO_INFO, host: 'electron' });
    const view = await renderApp(bridge);
    expect(view.queryByTestId('notice-bell')).toBeNull();
    emit(bridge, 'fleet.delta', delta(1, { notices: [notice('n1')] }));
    expect(shown).toEqual([]);
    emit(bridge, 'notice.open', { view: 'sla', siteId: 'a', incidentId: 'i1' });
    await settle();
    expect(window.location.hash).toBe('#/sla?incident=i1');
    // A payload off the contract is not followed.
    emit(bridge, 'notice.open', { view: 'site' });
    await settle();
    expect(window.location.hash).toBe('#/sla?incident=i1');
  });

  it('opens a notice about one alert on its site with that alert in view, its root unfolded', async () => {
    const fleet = snapshot(
      10,
      [site('a')],
      [
        content(
          'a',
          [device('sw', { status: 'down', kind: 'switch' }), device('pc', { parentId: 'sw' })],
          [alert('sw-down', { deviceId: 'sw' }), alert('pc-ping', { deviceId: 'pc' })],
        ),
      ],
    );
    const view = await renderApp(new FakeBridge(fleet));
    window.location.hash = noticeHref({ view: 'site', siteId: 'a', alertId: 'pc-ping' });
    hashChanged();
    expect(view.getByTestId('alert-root-toggle').getAttribute('aria-expanded')).toBe('true');
    const focused = () =>
      view
        .getAllByTestId('alert')
        .filter((row) => row.dataset.focused === 'true')
        .map((row) => row.dataset.alertId);
    expect(focused()).toEqual(['pc-ping']);
    // Folded again by hand; a later click on the same site opens it again.
    fireEvent.click(view.getByTestId('alert-root-toggle'));
    expect(view.getByTestId('alert-root-toggle').getAttribute('aria-expanded')).toBe('false');
    window.location.hash = noticeHref({ view: 'site', siteId: 'a', alertId: 'sw-down' });
    hashChanged();
    window.location.hash = noticeHref({ view: 'site', siteId: 'a', alertId: 'pc-ping' });
    hashChanged();
    expect(view.getByTestId('alert-root-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(focused()).toEqual(['pc-ping']);
  });
});
