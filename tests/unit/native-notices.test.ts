import { describe, expect, it } from 'vitest';
import {
  HELD_NOTIFICATIONS,
  setupNativeNotices,
  type NativeNoticeOptions,
  type NotificationApi,
} from '../../electron/main/native-notices.js';
import { focusOn, type FocusableWindow } from '../../electron/main/notice-focus.js';
import { IPC_EVENT } from '../../shared/bridge/channels.js';
import type { Notice, NoticeTarget } from '../../shared/notify/notice.js';

/** The Electron side of notices, with a fake Notification API and a fake notice source. */

class FakeSource {
  private listener: ((notices: readonly Notice[]) => void) | null = null;
  subscribe(listener: (notices: readonly Notice[]) => void) {
    this.listener = listener;
    return () => {
      this.listener = null;
    };
  }
  send(notices: readonly Notice[]) {
    this.listener?.(notices);
  }
  get listening() {
    return this.listener !== null;
  }
}

class FakeApi implements NotificationApi {
  supported = true;
  readonly shown: { options: NativeNoticeOptions; click: () => void }[] = [];
  isSupported() {
    return this.supported;
  }
  create(options: NativeNoticeOptions) {
    const record = { options, click: (): void => undefined, visible: false };
    this.shown.push(record);
    return {
      on: (_event: 'click', listener: () => void) => {
        record.click = listener;
      },
      show: () => {
        record.visible = true;
      },
    };
  }
}

const notice = (id: string, over: Partial<Notice> = {}): Notice => ({
  id,
  severity: 'high',
  title: `title ${id}`,
  body: `body ${id}`,
  count: 1,
  target: { view: 'site', siteId: 's1', alertId: id },
  sound: false,
  at: 0,
  ...over,
});

describe('native notices', () => {
  it('shows each notice as a native notification, and a click opens its target', () => {
    const source = new FakeSource();
    const api = new FakeApi();
    const opened: NoticeTarget[] = [];
    setupNativeNotices(source, api, (target) => opened.push(target));
    source.send([
      notice('a'),
      notice('b', { severity: 'disaster', sound: true, target: { view: 'alerts' } }),
    ]);
    expect(api.shown.map((s) => s.options)).toEqual([
      { title: 'title a', body: 'body a', silent: true, urgency: 'normal' },
      { title: 'title b', body: 'body b', silent: false, urgency: 'critical' },
    ]);
    api.shown[1]?.click();
    api.shown[0]?.click();
    expect(opened).toEqual([{ view: 'alerts' }, { view: 'site', siteId: 's1', alertId: 'a' }]);
  });

  it('says once that a desktop without notifications shows none', () => {
    const source = new FakeSource();
    const api = new FakeApi();
    api.supported = false;
    const lines: string[] = [];
    setupNativeNotices(
      source,
      api,
      () => undefined,
      (line) => lines.push(line),
    );
    source.send([notice('a')]);
    source.send([notice('b')]);
    expect(api.shown).toEqual([]);
    expect(lines).toEqual(['notifications: not supported on this desktop; notices are not shown']);
  });

  it('holds a bounded number for their clicks, and lets go on dispose', () => {
    const source = new FakeSource();
    const natives = setupNativeNotices(source, new FakeApi(), () => undefined);
    for (let i = 0; i < HELD_NOTIFICATIONS + 20; i++) source.send([notice(`n${i}`)]);
    expect(natives.held()).toBe(HELD_NOTIFICATIONS);
    natives.dispose();
    expect(natives.held()).toBe(0);
    expect(source.listening).toBe(false);
  });

  it('brings the board window forward, restored, and tells it what to show', () => {
    const calls: string[] = [];
    const sent: unknown[][] = [];
    const window = (minimized: boolean, destroyed = false): FocusableWindow => ({
      isDestroyed: () => destroyed,
      isMinimized: () => minimized,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
      webContents: {
        id: 1,
        isDestroyed: () => destroyed,
        send: (...args: unknown[]) => sent.push(args),
        once: () => undefined,
        removeListener: () => undefined,
      },
    });
    focusOn(window(true), { view: 'sla', siteId: 's1', incidentId: 'i1' });
    expect(calls).toEqual(['restore', 'show', 'focus']);
    expect(sent).toEqual([
      [IPC_EVENT, 'notice.open', { view: 'sla', siteId: 's1', incidentId: 'i1' }],
    ]);
    focusOn(window(false, true), { view: 'alerts' });
    expect(sent).toHaveLength(1);
  });
});
