import { describe, expect, it } from 'vitest';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { setupNativeNotices } from '../../electron/main/native-notices.js';
import { NoticeMute } from '../../electron/main/tray/notice-mute.js';
import {
  TRAY_ICON_SIZE,
  TRAY_REFRESH_MS,
  TrayController,
  type TrayLike,
  type TrayMenuItem,
} from '../../electron/main/tray/tray-controller.js';
import { trayBitmap } from '../../electron/main/tray/tray-icon.js';
import type { Notice } from '../../shared/notify/notice.js';
import type { Alert } from '../../shared/protocol/alert.js';
import { FakeClock } from '../support/fake-clock.js';
import { alert, device } from '../support/fleet-fixtures.js';

/**
 * The tray: the worst unhandled alert's colour, counts in the tooltip, the urgent count on the
 * badge, following the fleet at most once a second; its menu mutes this desktop's notices.
 */

const T0 = Date.UTC(2026, 11, 2, 12, 0);

class FakeTray implements TrayLike {
  image: Buffer | null = null;
  tip = '';
  menu: readonly TrayMenuItem[] = [];
  destroyed = false;
  setImage(bitmap: Buffer) {
    this.image = bitmap;
  }
  setToolTip(text: string) {
    this.tip = text;
  }
  setMenu(items: readonly TrayMenuItem[]) {
    this.menu = items;
  }
  destroy() {
    this.destroyed = true;
  }
  /** The icon's centre pixel as [r, g, b, a]. */
  centre(): number[] {
    const at = ((TRAY_ICON_SIZE / 2) * TRAY_ICON_SIZE + TRAY_ICON_SIZE / 2) * 4;
    const px = this.image ?? Buffer.alloc(0);
    return [px[at + 2] ?? -1, px[at + 1] ?? -1, px[at] ?? -1, px[at + 3] ?? -1];
  }
  click(label: string) {
    this.menu.find((item) => item.label === label)?.click?.();
  }
}

function rig() {
  const clock = new FakeClock(T0);
  const fleet = new FleetState(
    [
      { id: 'a', customer: 'Acme', name: 'Acme HQ' },
      { id: 'b', customer: 'Globex', name: 'Globex' },
    ],
    { clock },
  );
  fleet.replaceSite('a', {
    stream: 'x',
    seq: 1,
    at: T0,
    devices: [device('d1'), device('d2')],
    alerts: [],
  });
  const tray = new FakeTray();
  const badges: number[] = [];
  const mute = new NoticeMute(() => clock.now());
  const controller = new TrayController(
    fleet,
    clock,
    tray,
    {
      show: () => undefined,
      quit: () => undefined,
      badge: (n) => badges.push(n),
      timeOfDay: () => '13:00',
    },
    mute,
  );
  let seq = 1;
  const raise = (a: Alert) => {
    fleet.applyEvents('a', [{ seq: ++seq, at: clock.now(), type: 'alert.raise', alert: a }]);
  };
  return { clock, fleet, tray, badges, mute, controller, raise };
}

describe('tray', () => {
  it("is green with nothing unhandled, and takes the worst unhandled alert's colour within a second", () => {
    const { clock, tray, badges, raise, controller } = rig();
    expect(tray.centre()).toEqual([0x2f, 0xb3, 0x44, 255]);
    expect(tray.tip).toBe('NOC Wallboard — no unhandled alerts · 2 of 2 sites not live');
    raise({ ...alert('x1', 'd1'), severity: 'warning' });
    raise({ ...alert('x2', 'd2'), severity: 'disaster' });
    raise({
      ...alert('x3', 'd2'),
      severity: 'high',
      ack: { ackId: 'k', technician: 'Ann', comment: '', at: T0 },
    });
    expect(controller.openResources).toBe(1);
    clock.advance(TRAY_REFRESH_MS);
    expect(tray.centre()).toEqual([0xff, 0x47, 0x68, 255]);
    expect(tray.tip).toBe(
      'NOC Wallboard — 1 disaster, 1 warning unhandled · 2 of 2 sites not live',
    );
    expect(badges.at(-1)).toBe(1);
  });

  it("mutes this desktop's notices from its menu, hollow meanwhile, and is solid again when the mute ends", () => {
    const { clock, tray, mute, controller } = rig();
    const shown: string[] = [];
    const source = { listener: null as ((n: readonly Notice[]) => void) | null };
    setupNativeNotices(
      { subscribe: (l) => ((source.listener = l), () => undefined) },
      {
        isSupported: () => true,
        create: (o) => ({ on: () => undefined, show: () => shown.push(o.title) }),
      },
      () => undefined,
      () => undefined,
      mute,
    );
    const notice: Notice = {
      id: 'n',
      severity: 'high',
      title: 'hello',
      body: '',
      count: 1,
      target: { view: 'alerts' },
      sound: false,
      at: T0,
    };
    // The menu was built at start; clicked two hours later, the hour counts from the click.
    clock.advance(2 * 3_600_000);
    tray.click('Mute notifications for an hour');
    expect(tray.tip).toContain('notifications muted until 13:00');
    expect(mute.mutedUntil).toBe(T0 + 3 * 3_600_000);
    // Hollow: the centre is clear.
    expect(tray.centre()[3]).toBe(0);
    source.listener?.([notice]);
    expect(shown).toEqual([]);
    expect(mute.skipped).toBe(1);
    expect(tray.menu.map((item) => item.label)).toContain('Unmute notifications');
    clock.advance(3_600_000);
    expect(tray.centre()[3]).toBe(255);
    source.listener?.([notice]);
    expect(shown).toEqual(['hello']);
    controller.dispose();
  });

  it('draws a round disc, clear in the corners', () => {
    const bitmap = trayBitmap('high', 16, false);
    expect(bitmap.length).toBe(16 * 16 * 4);
    expect(bitmap[3]).toBe(0);
    expect(bitmap[(8 * 16 + 8) * 4 + 3]).toBe(255);
  });

  it('frees its timers, destroys the tray and clears the badge on dispose', () => {
    const { clock, tray, badges, raise, controller } = rig();
    raise(alert('x1', 'd1'));
    tray.click('Mute notifications until 08:00');
    expect(controller.openResources).toBe(2);
    controller.dispose();
    expect(controller.openResources).toBe(0);
    expect(clock.pendingCount).toBe(0);
    expect(tray.destroyed).toBe(true);
    expect(badges.at(-1)).toBe(0);
  });
});
