import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { FleetState } from '../../hub/fleet/fleet-state.js';
import type { NoticeMute } from './notice-mute.js';
import { trayBitmap } from './tray-icon.js';
import { summarize, trayText, type TraySummary } from './tray-summary.js';

/** Electron's Tray (and the app's badge), the parts used: an adapter, so a fake tests it. */
export interface TrayLike {
  setImage(bitmap: Buffer, size: number): void;
  setToolTip(text: string): void;
  setMenu(items: readonly TrayMenuItem[]): void;
  destroy(): void;
}

export interface TrayMenuItem {
  readonly label: string;
  readonly click?: () => void;
  readonly enabled?: boolean;
}

export interface TrayActions {
  /** Brings the board forward. */
  show(): void;
  quit(): void;
  /** The badge on the app's icon (macOS dock, Linux Unity); 0 clears it. */
  badge(count: number): void;
  /** "14:05" for a mute's end, in the desktop's time zone. */
  timeOfDay(at: number): string;
  /** Shows each display's number on it for a few seconds (docs/displays.md). */
  identify?: () => void;
}

/** The tray follows the fleet at most this often: a busy fleet changes many times a second. */
export const TRAY_REFRESH_MS = 1000;
export const TRAY_ICON_SIZE = 32;
const HOUR = 3_600_000;

/**
 * The tray icon: the worst unhandled alert's colour (hollow while muted), a tooltip with the
 * counts, the badge with the urgent count, and a menu to show the board, mute notifications
 * for an hour or for the night (until 08:00), or quit (docs/notifications.md).
 */
export class TrayController {
  private timer: TimerHandle | null = null;
  /** Refreshes when a mute ends, so the icon is solid again without waiting for a change. */
  private muteTimer: TimerHandle | null = null;
  private readonly unsubscribe: () => void;
  private last: TraySummary | null = null;
  private disposed = false;
  /** Whether the menu last built was the muted one; null before the first. */
  private menuMuted: boolean | null = null;
  /** The icon last drawn (worst severity, muted). */
  private look = '';

  constructor(
    private readonly fleet: Pick<FleetState, 'subscribe' | 'sites' | 'actionOf'>,
    private readonly clock: Clock,
    private readonly tray: TrayLike,
    private readonly actions: TrayActions,
    private readonly mute: NoticeMute,
  ) {
    this.unsubscribe = fleet.subscribe(() => {
      this.timer ??= clock.setTimeout(() => {
        this.timer = null;
        this.refresh();
      }, TRAY_REFRESH_MS);
    });
    this.refresh();
  }

  /** Reads the fleet and the mute, and updates icon, tooltip, badge and menu. */
  refresh(): void {
    if (this.disposed) return;
    const summary = summarize(this.fleet.sites(), (siteId, alertId) => {
      return this.fleet.actionOf(siteId, alertId)?.kind === 'ack';
    });
    this.last = summary;
    const until = this.mute.mutedUntil;
    const muted =
      until === null ? null : `notifications muted until ${this.actions.timeOfDay(until)}`;
    const look = `${summary.worst ?? 'ok'}:${until !== null}`;
    if (look !== this.look) {
      this.look = look;
      this.tray.setImage(trayBitmap(summary.worst, TRAY_ICON_SIZE, until !== null), TRAY_ICON_SIZE);
    }
    this.tray.setToolTip(trayText(summary, muted));
    this.actions.badge(summary.urgent);
    // Rebuilt only when its items change (muted or not): a menu rebuilt every second closes
    // under the technician's pointer on some desktops.
    if (this.menuMuted !== (until !== null)) {
      this.menuMuted = until !== null;
      this.tray.setMenu(this.menu(until));
    }
    if (this.muteTimer !== null) this.clock.clearTimeout(this.muteTimer);
    this.muteTimer =
      until === null
        ? null
        : this.clock.setTimeout(
            () => {
              this.muteTimer = null;
              this.refresh();
            },
            Math.max(0, until - this.clock.now()),
          );
  }

  get summary(): TraySummary | null {
    return this.last;
  }

  /** Its refresh and mute timers: 0 after dispose. */
  get openResources(): number {
    return (this.timer === null ? 0 : 1) + (this.muteTimer === null ? 0 : 1);
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    if (this.muteTimer !== null) this.clock.clearTimeout(this.muteTimer);
    this.timer = null;
    this.muteTimer = null;
    this.tray.destroy();
    this.actions.badge(0);
  }

  private menu(until: number | null): TrayMenuItem[] {
    // The mute's end is worked out when clicked, not when the menu was built (maybe hours ago).
    const muteFor = (end: (now: number) => number) => () => {
      this.mute.set(end(this.clock.now()));
      this.refresh();
    };
    return [
      {
        label: 'Show the board',
        click: () => {
          this.actions.show();
        },
      },
      until === null
        ? { label: 'Mute notifications for an hour', click: muteFor((now) => now + HOUR) }
        : {
            label: 'Unmute notifications',
            click: () => {
              this.mute.set(null);
              this.refresh();
            },
          },
      {
        label: 'Mute notifications until 08:00',
        click: muteFor(nextEight),
        enabled: until === null,
      },
      ...(this.actions.identify
        ? [{ label: 'Identify screens', click: this.actions.identify }]
        : []),
      {
        label: 'Quit',
        click: () => {
          this.actions.quit();
        },
      },
    ];
  }
}

/** The next 08:00 on the desktop's own clock. */
function nextEight(now: number): number {
  const at = new Date(now);
  at.setHours(8, 0, 0, 0);
  if (at.getTime() <= now) at.setDate(at.getDate() + 1);
  return at.getTime();
}
