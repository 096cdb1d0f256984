import { describe, expect, it } from 'vitest';
import { DisplayLayout } from '../../shared/displays/display-layout.js';
import type { Notice } from '../../shared/notify/notice.js';
import { Rotation } from '../../renderer/src/rotation/rotation.js';

/** A screen's playlist and alarm preemption, with time passed in (a fake clock). */

const T0 = 1_000_000;
const S = 1000;

const layout = DisplayLayout.parse({
  display: 1,
  playlist: [
    { show: { view: 'wall' }, dwellSeconds: 60 },
    { show: { view: 'sla' }, dwellSeconds: 30 },
    { show: { view: 'alerts' }, dwellSeconds: 20 },
  ],
  alarms: { minSeverity: 'high', holdSeconds: 45 },
});

const notice = (severity: Notice['severity'], target: Notice['target']): Notice => ({
  id: 'n',
  severity,
  title: `${severity} at hq`,
  body: '',
  count: 1,
  target,
  sound: false,
  at: T0,
});

const views = (rotation: Rotation, times: number[]) =>
  times.map((t) => rotation.at(T0 + t * S).show.view);

describe('Rotation', () => {
  it('shows each view for its dwell time, in turn, round and round', () => {
    const rotation = new Rotation(layout, T0);
    expect(views(rotation, [0, 59, 60, 89, 90, 109, 110, 230])).toEqual([
      'wall',
      'wall',
      'sla',
      'sla',
      'alerts',
      'alerts',
      'wall',
      'wall',
    ]);
    // 230 s is 10 s into the third round's wall.
    expect(rotation.at(T0 + 230 * S)).toMatchObject({
      until: T0 + 280 * S,
      next: { view: 'sla' },
      alarm: null,
    });
  });

  it('lets an alarm take over for its hold, then resumes the entry it left with its time left', () => {
    const rotation = new Rotation(layout, T0);
    // 40 s into the wall's 60: an alarm about a site.
    expect(
      rotation.raise(
        notice('disaster', { view: 'site', siteId: 'hq', alertId: null }),
        T0 + 40 * S,
      ),
    ).toBe(true);
    expect(rotation.at(T0 + 41 * S)).toEqual({
      show: { view: 'site', siteId: 'hq' },
      until: T0 + 85 * S,
      alarm: 'disaster at hq',
      since: T0 + 40 * S,
      next: { view: 'wall', slaPanel: true },
    });
    expect(rotation.at(T0 + 84 * S).show.view).toBe('site');
    // Back to the wall for the 20 s it had left, then the SLA board.
    expect(rotation.at(T0 + 85 * S)).toMatchObject({
      show: { view: 'wall' },
      until: T0 + 105 * S,
      alarm: null,
    });
    expect(rotation.at(T0 + 105 * S).show.view).toBe('sla');
  });

  it('takes the newest alarm and starts its hold again; ignores what is below the rule', () => {
    const rotation = new Rotation(layout, T0);
    expect(rotation.raise(notice('average', { view: 'alerts' }), T0)).toBe(false);
    expect(rotation.at(T0).show.view).toBe('wall');
    rotation.raise(notice('high', { view: 'alerts' }), T0 + 10 * S);
    rotation.raise(notice('disaster', { view: 'sla', siteId: 'hq', incidentId: 'i' }), T0 + 30 * S);
    // The newer alarm's hold starts again, from when it came.
    expect(rotation.at(T0 + 50 * S)).toMatchObject({
      show: { view: 'sla' },
      since: T0 + 30 * S,
      until: T0 + 75 * S,
    });
    // The wall had 50 s left when the first alarm came.
    expect(rotation.at(T0 + 75 * S)).toMatchObject({ show: { view: 'wall' }, until: T0 + 125 * S });
  });

  it('keeps a one-view layout for good, and a layout without alarms is never preempted', () => {
    const still = new Rotation(
      DisplayLayout.parse({ display: 2, playlist: [{ show: { view: 'sla' } }] }),
      T0,
    );
    expect(still.at(T0 + 1e9)).toEqual({
      show: { view: 'sla' },
      until: null,
      alarm: null,
      since: null,
      next: null,
    });
    expect(still.raise(notice('disaster', { view: 'alerts' }), T0)).toBe(false);
    expect(still.nextChangeAt(T0)).toBeNull();
  });

  it('catches up after a long sleep (a machine that slept) without replaying each turn', () => {
    const rotation = new Rotation(layout, T0);
    // 110 s per round: ten billion rounds (35,000 years) later plus 65 s, the SLA board. Stepped
    // through turn by turn, this would not finish within the test's time.
    expect(rotation.at(T0 + (110 * 10_000_000_000 + 65) * S).show.view).toBe('sla');
  });

  it('does not freeze on a clock set back, and keeps a worse alarm over a lesser one', () => {
    const rotation = new Rotation(layout, T0);
    // The clock goes back an hour: the wall's end is at most its dwell from now.
    expect(rotation.at(T0 - 3_600_000).until).toBe(T0 - 3_600_000 + 60 * S);
    rotation.raise(notice('disaster', { view: 'sla', siteId: 'hq', incidentId: 'i' }), T0);
    expect(rotation.raise(notice('high', { view: 'alerts' }), T0 + S)).toBe(false);
    expect(rotation.at(T0 + 2 * S).show.view).toBe('sla');
  });

  it("runs a schedule's playlist during its hours (past midnight, on its days), the layout's otherwise", () => {
    const night = DisplayLayout.parse({
      display: 1,
      timeZone: 'Europe/London',
      playlist: [
        { show: { view: 'wall' }, dwellSeconds: 60 },
        { show: { view: 'sla' }, dwellSeconds: 60 },
      ],
      schedules: [
        { from: '22:00', to: '07:00', days: ['fri'], playlist: [{ show: { view: 'alerts' } }] },
      ],
    });
    // Friday 4 December 2026, 21:59 in London (GMT): the layout's playlist.
    const friday = Date.UTC(2026, 11, 4, 21, 59);
    const rotation = new Rotation(night, friday);
    expect(rotation.at(friday).show.view).toBe('wall');
    // With schedules, it looks again within a minute.
    expect(rotation.nextChangeAt(friday)).toBe(friday + 60_000);
    expect(rotation.at(friday + 60_000)).toMatchObject({
      show: { view: 'alerts' },
      until: null,
      next: null,
    });
    // Saturday 06:59: still Friday night's span; 07:00: the layout's playlist from its start.
    expect(rotation.at(Date.UTC(2026, 11, 5, 6, 59)).show.view).toBe('alerts');
    expect(rotation.at(Date.UTC(2026, 11, 5, 7, 0)).show.view).toBe('wall');
    // Saturday 22:00 is not a Friday span.
    expect(rotation.at(Date.UTC(2026, 11, 5, 22, 30)).show.view).not.toBe('alerts');
  });

  it('refuses schedules without the time zone their hours are in', () => {
    const parsed = DisplayLayout.safeParse({
      display: 1,
      playlist: [{ show: { view: 'wall' } }],
      schedules: [{ from: '22:00', to: '07:00', playlist: [{ show: { view: 'sla' } }] }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['timeZone']);
  });
});
