import { useState } from 'react';
import {
  browserNoticeDisplay,
  noticesWanted,
  setNoticesWanted,
  type NoticePermission,
} from '../../notify/browser-notices.js';
import { useFleet } from '../../store/store-context.js';

/**
 * The header's notifications switch, in a browser tab only (the Electron app notifies natively;
 * words, not a bell emoji, which a wall PC without an emoji font draws as a box): turns this
 * browser's notices on or off. Turning them on asks the browser's permission the first time;
 * a browser that refused is said so, with where to change it.
 */
export function NoticeBell() {
  const browser = useFleet((s) => s.info?.host === 'browser');
  const [display] = useState(() => browserNoticeDisplay(window));
  const [permission, setPermission] = useState<NoticePermission>(() => display.permission());
  const [wanted, setWanted] = useState(() => noticesWanted(() => window.localStorage));
  if (!browser || permission === 'unsupported') return null;
  if (permission === 'denied') {
    return (
      <span
        className="header__bell"
        data-testid="notice-bell"
        data-state="denied"
        title="This browser blocks notifications from the board: allow them in the site settings"
      >
        Notifications blocked
      </span>
    );
  }
  const on = wanted && permission === 'granted';
  const toggle = async () => {
    if (on) {
      setNoticesWanted(() => window.localStorage, false);
      setWanted(false);
      return;
    }
    const answer = permission === 'granted' ? permission : await display.request();
    setPermission(answer);
    if (answer === 'granted') {
      setNoticesWanted(() => window.localStorage, true);
      setWanted(true);
    }
  };
  return (
    <button
      type="button"
      className="header__bell"
      data-testid="notice-bell"
      data-state={on ? 'on' : 'off'}
      aria-pressed={on}
      title={
        on ? 'Notifications on in this browser: click to stop' : 'Get notifications in this browser'
      }
      onClick={() => void toggle()}
    >
      {on ? 'Notifications on' : 'Notify me'}
    </button>
  );
}
