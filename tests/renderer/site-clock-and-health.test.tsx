// @vitest-environment happy-dom
import { act, cleanup, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { alert, content, delta, device, site, snapshot, T0 } from './fleet-fixtures.js';
import { emit, renderApp, spokenText, tile } from './render-helpers.js';

const HOUR = 3_600_000;
const YEAR_10000 = Date.UTC(10_000, 0, 1);
const { staleAfterMs } = DEMO_INFO.thresholds;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  window.location.hash = '';
});

afterEach(() => {
  cleanup();
  window.location.hash = '';
  vi.useRealTimers();
});

/** One site, s1: a device whose clock runs 3 h ahead, a sane one, and an alert from year 10,000. */
function aheadFleet(): FleetSnapshot {
  return snapshot(
    10,
    [site('s1', 'live', { futureTimestamps: 4, clockAheadSince: T0 })],
    [
      content(
        's1',
        [
          device('fast', {
            name: 'fast-clock',
            updatedAt: T0 + 3 * HOUR,
            security: {
              edr: 'protected',
              antivirus: 'protected',
              pendingCriticalPatches: 0,
              lastBackupAt: T0 + 365 * 24 * HOUR,
            },
          }),
          device('sane', { name: 'sane-clock', updatedAt: T0 - 12_000 }),
        ],
        [
          alert('future', {
            title: 'From the future',
            raisedAt: YEAR_10000,
            updatedAt: YEAR_10000,
          }),
          alert('now', { title: 'Recent', severity: 'average', raisedAt: T0 - 5 * 60_000 }),
        ],
      ),
    ],
  );
}

async function open(fleet: FleetSnapshot, hash = '#/site/s1', bridge = new FakeBridge(fleet)) {
  window.location.hash = hash;
  const view = await renderApp(bridge);
  return { bridge, ...view };
}

function row(container: HTMLElement, deviceId: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(
    `[data-testid="device-row"][data-device-id="${deviceId}"]`,
  );
  if (!found) throw new Error(`no row for ${deviceId}`);
  return found;
}

function alertItem(container: HTMLElement, alertId: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(
    `[data-testid="alert"][data-alert-id="${alertId}"]`,
  );
  if (!found) throw new Error(`no alert ${alertId}`);
  return found;
}

describe('times from a site whose clock runs ahead', () => {
  it('flags a device updated 3 h in the future instead of calling it "0 s" old', async () => {
    const { container } = await open(aheadFleet());
    const updated = row(container, 'fast').querySelector<HTMLElement>('.device-row__updated');
    expect(spokenText(updated)).toBe('site clock ahead by 3 h');
    expect(updated?.querySelector('[data-ahead="true"]')).not.toBeNull();
    expect(row(container, 'fast').textContent).not.toMatch(/\b0 s\b|-\d/);
    // A sane clock shows a plain age.
    const sane = row(container, 'sane').querySelector('.device-row__updated');
    expect(spokenText(sane)).toBe('12 s');
    expect(sane?.querySelector('[data-ahead]')).toBeNull();
  });

  it('flags a backup dated next year as a finding, saying the site clock is ahead', async () => {
    const { container } = await open(aheadFleet());
    const findings = [...row(container, 'fast').querySelectorAll('[data-warn="true"]')];
    expect(findings.map((cell) => spokenText(cell))).toEqual([
      'site clock ahead by 1 y needs attention',
    ]);
  });

  it('flags an alert raised in the year 10,000, and keeps the plain age of the others', async () => {
    const { container } = await open(aheadFleet());
    const future = alertItem(container, 'future').querySelector<HTMLElement>('.alert__age');
    expect(future?.dataset.ahead).toBe('true');
    expect(spokenText(future)).toMatch(/^site clock ahead by \d{4} y$/);
    expect(alertItem(container, 'future').textContent).not.toMatch(/\b0 s\b/);
    expect(spokenText(alertItem(container, 'now').querySelector('.alert__age'))).toBe('5 min');
  });

  it('stops flagging a time once the hub clock has caught up with it', async () => {
    const { container } = await open(aheadFleet());
    act(() => {
      vi.advanceTimersByTime(3 * HOUR - 4 * 60_000);
    });
    // 4 min ahead: within the 5 min skew, "just now" (not flagged, not "0 s").
    expect(spokenText(row(container, 'fast').querySelector('.device-row__updated'))).toBe(
      'just now',
    );
    act(() => {
      vi.advanceTimersByTime(5 * 60_000);
    });
    expect(spokenText(row(container, 'fast').querySelector('.device-row__updated'))).toBe('1 min');
  });

  it('judges by the skew the hub was configured with (app.info)', async () => {
    const fleet = aheadFleet();
    const bridge = new FakeBridge(fleet, { ...DEMO_INFO, clockSkewMs: 4 * HOUR });
    const { container } = await open(fleet, '#/site/s1', bridge);
    expect(spokenText(row(container, 'fast').querySelector('.device-row__updated'))).toBe(
      'just now',
    );
    // The year 10,000 is beyond any skew.
    expect(alertItem(container, 'future').querySelector('[data-ahead="true"]')).not.toBeNull();
  });

  it('marks a site whose health counted future times: "clock ahead" on its tile and view', async () => {
    const { container } = await open(aheadFleet(), '');
    const flag = within(tile(container, 's1')).getByTestId('site-clock-ahead');
    expect(spokenText(flag)).toBe('CLOCK AHEAD');
    // Its state word is still there.
    expect(spokenText(within(tile(container, 's1')).getByTestId('site-state'))).toBe('LIVE');
    cleanup();
    const { getByTestId: inView } = await open(aheadFleet());
    expect(spokenText(inView('site-clock-ahead'))).toBe(
      "CLOCK AHEAD 4 times more than 5 min ahead of the hub's clock",
    );
  });

  it('drops the flag once the hub says the site is within the skew again (the count stays)', async () => {
    const fixed = snapshot(
      10,
      [site('s1', 'live', { futureTimestamps: 4, clockAheadSince: null })],
      [content('s1', [device('d')])],
    );
    const { container } = await open(fixed, '');
    expect(within(tile(container, 's1')).queryByTestId('site-clock-ahead')).toBeNull();
  });

  it('shows no clock flag for a site with no future times', async () => {
    const { container, queryByTestId } = await open(
      snapshot(10, [site('s1')], [content('s1', [device('d')])]),
      '',
    );
    expect(within(tile(container, 's1')).queryByTestId('site-clock-ahead')).toBeNull();
    expect(queryByTestId('site-degraded')).toBeNull();
  });
});

describe('health the hub reports beyond the state', () => {
  const REASON = 'over its device budget: 50,000 devices held, 12,400 more dropped';

  it('shows a degraded site with its reason on the tile and in the site view, state word kept', async () => {
    const fleet = snapshot(
      10,
      [site('s1', 'live', { degraded: REASON }), site('s2')],
      [content('s1', [device('d1')]), content('s2', [device('d2')])],
    );
    const { container } = await open(fleet, '');
    const onTile = within(tile(container, 's1'));
    expect(spokenText(onTile.getByTestId('site-degraded'))).toBe(`DEGRADED ${REASON}`);
    expect(spokenText(onTile.getByTestId('site-state'))).toBe('LIVE');
    expect(within(tile(container, 's2')).queryByTestId('site-degraded')).toBeNull();
    cleanup();

    const { getByTestId } = await open(fleet);
    const header = within(getByTestId('site-view'));
    expect(spokenText(header.getByTestId('site-degraded'))).toBe(`DEGRADED ${REASON}`);
    expect(spokenText(header.getByTestId('site-state'))).toBe('LIVE');
  });

  it('takes a site out of degraded when the hub says so', async () => {
    const fleet = snapshot(10, [site('s1', 'live', { degraded: REASON })], [content('s1', [])]);
    const { bridge, container } = await open(fleet, '');
    expect(within(tile(container, 's1')).queryByTestId('site-degraded')).not.toBeNull();
    emit(bridge, 'fleet.delta', delta(10, { sites: [site('s1')] }));
    expect(within(tile(container, 's1')).queryByTestId('site-degraded')).toBeNull();
  });

  it('shows the applied data age and, when the site talks but is not applied, its last message', async () => {
    const fleet = snapshot(
      10,
      [
        site('s1', 'stale', {
          reason: 'site sends data but never answered resync since 08:58 UTC',
          lastEventAt: T0 - 2 * 60_000,
          lastMessageAt: T0 - 3_000,
        }),
      ],
      [content('s1', [device('d1')])],
    );
    const { getByTestId } = await open(fleet);
    expect(spokenText(getByTestId('site-age'))).toBe('2 min');
    expect(spokenText(getByTestId('site-message-age'))).toBe('last message 3 s ago');
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(spokenText(getByTestId('site-message-age'))).toBe('last message 5 s ago');
  });

  it('says "last message just now" (not "just now ago") for a message stamped ahead within the skew, and flags one beyond it', async () => {
    const talking = (lastMessageAt: number) =>
      snapshot(
        10,
        [site('s1', 'stale', { lastEventAt: T0 - 2 * 60_000, lastMessageAt })],
        [content('s1', [device('d1')])],
      );
    const { getByTestId } = await open(talking(T0 + 60_000));
    expect(spokenText(getByTestId('site-message-age'))).toBe('last message just now');
    cleanup();
    const ahead = await open(talking(T0 + 3 * HOUR));
    expect(spokenText(ahead.getByTestId('site-message-age'))).toBe(
      'last message site clock ahead by 3 h',
    );
  });

  it('shows only the data age while messages and applied data are within the stale threshold', async () => {
    const fleet = snapshot(
      10,
      [site('s1', 'live', { lastEventAt: T0 - staleAfterMs, lastMessageAt: T0 })],
      [content('s1', [device('d1')])],
    );
    const { getByTestId, queryByTestId } = await open(fleet);
    expect(spokenText(getByTestId('site-age'))).toBe('10 s');
    expect(queryByTestId('site-message-age')).toBeNull();
  });
});
