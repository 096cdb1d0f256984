import type { Notice, NoticeTarget } from '../../shared/notify/notice.js';

/**
 * Native notifications on a technician's desktop: each notice the hub's notifier makes (rules,
 * quiet hours and coalescing are its job: electron/hub/notify/) becomes one Electron
 * `Notification`; a click brings the board forward on what it was about. Electron sits behind
 * NotificationApi so this is tested with a fake (tests/unit/native-notices.test.ts).
 *
 * Platform notes (docs/notifications.md): Windows shows them only for an app with an
 * AppUserModelID and a Start-menu shortcut (the installer makes it; main sets the id); macOS
 * needs a signed app; Linux needs a notification daemon (most desktops have one).
 */

/** The part of an Electron Notification used here. */
export interface NativeNotification {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

export interface NativeNoticeOptions {
  readonly title: string;
  readonly body: string;
  readonly silent: boolean;
  /** Linux: a critical one stays until dismissed. */
  readonly urgency: 'normal' | 'critical';
}

export interface NotificationApi {
  isSupported(): boolean;
  create(options: NativeNoticeOptions): NativeNotification;
}

export interface NoticeSource {
  subscribe(listener: (notices: readonly Notice[]) => void): () => void;
}

/**
 * Electron drops a notification's click handler when the object is garbage-collected, so the
 * latest ones are held; older ones have long been read or dismissed.
 */
export const HELD_NOTIFICATIONS = 50;

export interface NativeNotices {
  /** Stops listening and lets go of the notifications held. */
  dispose(): void;
  /** Notifications held for their clicks (at most HELD_NOTIFICATIONS). */
  held(): number;
}

export function setupNativeNotices(
  source: NoticeSource,
  api: NotificationApi,
  open: (target: NoticeTarget) => void,
  log: (line: string) => void = console.warn,
  /** Do not disturb (the tray's mute): notices made meanwhile are not shown, only counted. */
  mute: { muted(): boolean; skipped: number } | null = null,
): NativeNotices {
  let held: NativeNotification[] = [];
  let saidUnsupported = false;
  const unsubscribe = source.subscribe((notices) => {
    if (!api.isSupported()) {
      if (!saidUnsupported)
        log('notifications: not supported on this desktop; notices are not shown');
      saidUnsupported = true;
      return;
    }
    if (mute?.muted() === true) {
      mute.skipped += notices.length;
      return;
    }
    for (const notice of notices) {
      const shown = api.create({
        title: notice.title,
        body: notice.body,
        silent: !notice.sound,
        urgency: notice.severity === 'disaster' ? 'critical' : 'normal',
      });
      shown.on('click', () => {
        open(notice.target);
      });
      shown.show();
      held = [...held.slice(-(HELD_NOTIFICATIONS - 1)), shown];
    }
  });
  return {
    dispose: () => {
      unsubscribe();
      held = [];
    },
    held: () => held.length,
  };
}
