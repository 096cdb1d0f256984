// @vitest-environment happy-dom
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DisplayLayout } from '../../shared/displays/display-layout.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { smallFleet, T0 } from './fleet-fixtures.js';
import { renderApp } from './render-helpers.js';

/** The screens view: each configured screen, what it shows, and the address a TV opens. */

const SCREENS = [
  DisplayLayout.parse({
    display: 2,
    name: 'Wall right',
    playlist: [
      { show: { view: 'wall', customers: ['Customer a'] }, dwellSeconds: 120 },
      { show: { view: 'site', siteId: 'b' }, dwellSeconds: 30 },
    ],
    alarms: { minSeverity: 'high', holdSeconds: 60 },
    timeZone: 'UTC',
    schedules: [{ from: '22:00', to: '07:00', playlist: [{ show: { view: 'sla' } }] }],
  }),
  DisplayLayout.parse({ display: 1, playlist: [{ show: { view: 'alerts' } }] }),
];

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  window.location.hash = '#/screens';
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const rows = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('[data-testid="screen-row"]')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => cell.textContent),
  );

describe('the screens view', () => {
  it('lists each screen, what it shows in turn, at times, and on alarms, with the address a TV opens', async () => {
    const bridge = new FakeBridge(smallFleet());
    bridge.handle('displays.list', () => ({ ok: true, value: [SCREENS[1], SCREENS[0]] }));
    const { container } = await renderApp(bridge);
    const origin = `${window.location.origin}${window.location.pathname}`;
    expect(rows(container)).toEqual([
      ['1', 'Alerts', '—', 'none', `${origin}?display=1`],
      [
        '2 · Wall right',
        'Wall of Customer a (2 min) → Site b (30 s)',
        '22:00–07:00: SLA board',
        'high and worse, 1 min',
        `${origin}?display=2`,
      ],
    ]);
  });

  it('in the desktop app, no addresses: it opens its screens itself', async () => {
    const bridge = new FakeBridge(smallFleet(), { ...DEMO_INFO, host: 'electron' });
    bridge.handle('displays.list', () => ({ ok: true, value: SCREENS }));
    const { container, getByTestId } = await renderApp(bridge);
    expect(container.querySelectorAll('[data-testid="screen-link"]')).toHaveLength(0);
    expect(getByTestId('screens-view').textContent).toContain('Identify screens');
  });

  it('says when no screen is configured, and when the hub does not answer', async () => {
    const none = new FakeBridge(smallFleet());
    none.handle('displays.list', () => ({ ok: true, value: [] }));
    const empty = await renderApp(none);
    expect(empty.getByTestId('screens-none').textContent).toContain('displays');
    cleanup();
    const failing = new FakeBridge(smallFleet());
    failing.handle('displays.list', () => ({
      ok: false,
      error: { code: 'failed', message: 'hub starting' },
    }));
    const failed = await renderApp(failing);
    expect(failed.getByRole('alert').textContent).toBe('The hub did not say: hub starting');
  });
});
