import type { Notice } from '../../../shared/notify/notice.js';
import { navigate } from '../routing/hash-route.js';
import { noticeHref } from './notice-href.js';

/**
 * Notices in a browser tab (`serve`), with the page's own Notification API: the hub has already
 * applied the rules and coalesced them (docs/notifications.md), so each notice is shown as is.
 * Only where the technician asked for them on this browser (the header's bell), and never in the
 * Electron app, whose main process shows them natively.
 */

export type NoticePermission = 'default' | 'granted' | 'denied' | 'unsupported';

/** What the page needs of the browser: an adapter, so the logic is tested without one. */
export interface NoticeDisplay {
  permission(): NoticePermission;
  /** Asks the browser (it shows its prompt once; later calls answer at once). */
  request(): Promise<NoticePermission>;
  show(notice: Notice, onClick: () => void): void;
  /** Brings the tab forward (a click on a notice). */
  focus(): void;
}

/** Remembered per browser: whether this technician wants notices here. */
export const NOTICES_KEY = 'noc.notices';

export function browserNoticeDisplay(win: Window): NoticeDisplay {
  // Absent in some browsers (and insecure origins), whatever the DOM types say.
  const api = (win as { Notification?: typeof Notification }).Notification ?? null;
  return {
    permission: () => api?.permission ?? 'unsupported',
    request: async () => (api === null ? 'unsupported' : await api.requestPermission()),
    show: (notice, onClick) => {
      if (api === null) return;
      const shown = new api(notice.title, {
        body: notice.body,
        // The same notice (a tab that reconnected and was sent it again) replaces itself.
        tag: notice.id,
        silent: !notice.sound,
      });
      shown.onclick = onClick;
    },
    focus: () => {
      win.focus();
    },
  };
}

/** Whether this browser was asked to show notices (storage that cannot be read: no). */
export function noticesWanted(storage: () => Pick<Storage, 'getItem'>): boolean {
  try {
    return storage().getItem(NOTICES_KEY) === 'on';
  } catch {
    return false;
  }
}

/** Remembers the choice; false when the browser will not store it (it then lasts the page). */
export function setNoticesWanted(storage: () => Pick<Storage, 'setItem'>, on: boolean): boolean {
  try {
    storage().setItem(NOTICES_KEY, on ? 'on' : 'off');
    return true;
  } catch {
    return false;
  }
}

/** Shows the notices a delta carried, when wanted here and allowed by the browser. */
export function showNotices(
  notices: readonly Notice[],
  display: NoticeDisplay,
  wanted: boolean,
  go: (href: string) => void = navigate,
): number {
  if (!wanted || display.permission() !== 'granted') return 0;
  for (const notice of notices) {
    display.show(notice, () => {
      display.focus();
      go(noticeHref(notice.target));
    });
  }
  return notices.length;
}
