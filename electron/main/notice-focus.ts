import type { NoticeTarget } from '../../shared/notify/notice.js';
import { sendEvent, type SenderLike } from './bridge-ipc.js';

/** The part of a BrowserWindow a notice's click needs. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  readonly webContents: SenderLike;
}

/**
 * A click on a native notice (or the tray's "Show the board", with no target): the board window
 * comes forward (restored if minimised) and is told what to show (`notice.open`, followed by
 * renderer/src/notify/notice-open.ts).
 */
export function focusOn(window: FocusableWindow, target: NoticeTarget | null): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  if (target !== null) sendEvent(window.webContents, 'notice.open', target);
}
