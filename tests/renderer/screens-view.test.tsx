// @vitest-environment happy-dom
import { act, cleanup, fireEvent, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScreenEntry } from '../../shared/bridge/screens.js';
import { DisplayLayout } from '../../shared/displays/display-layout.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { delta, smallFleet, T0 } from './fleet-fixtures.js';
import { emit, renderApp } from './render-helpers.js';
import { settle } from './settle.js';

/**
 * The screens view: each screen, what it shows, where its layout comes from, the address a TV
 * opens; and for a technician, the form that changes a screen, adds one or takes one off.
 */

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
const entry = (layout: DisplayLayout, over: Partial<ScreenEntry> = {}): ScreenEntry => ({
  layout,
  state: 'config',
  changedBy: null,
  changedAt: null,
  revision: 7,
  ...over,
});
const ENTRIES = SCREENS.map((layout) => entry(layout));
const TECHNICIAN = { ...DEMO_INFO, technician: 'Ana' };

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
    const changed =
      SCREENS[0] &&
      entry({ ...SCREENS[0], zoom: 1.5 }, { state: 'changed', changedBy: 'Bo', changedAt: T0 });
    bridge.handle('displays.list', () => ({ ok: true, value: [ENTRIES[1], changed] }));
    const { container } = await renderApp(bridge);
    const origin = `${window.location.origin}${window.location.pathname}`;
    expect(rows(container)).toEqual([
      ['1', 'Alerts', '—', 'none', '—', 'the config file', `${origin}?display=1`],
      [
        '2 · Wall right',
        'Wall of Customer a (2 min) → Site b (30 s)',
        '22:00–07:00: SLA board',
        'high and worse, 1 min',
        '150 %',
        expect.stringMatching(/^changed by Bo, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        `${origin}?display=2`,
      ],
    ]);
    // A viewer looks, and cannot change.
    expect(container.querySelectorAll('[data-testid="screen-edit"]')).toHaveLength(0);
    expect(container.querySelector('[data-testid="screen-add"]')).toBeNull();
  });

  it("in the desktop app, no addresses (it opens its screens itself), and its windows' health", async () => {
    const bridge = new FakeBridge(smallFleet(), { ...DEMO_INFO, host: 'electron' });
    bridge.handle('displays.list', () => ({ ok: true, value: ENTRIES }));
    bridge.handle('app.windows', () => ({
      ok: true,
      value: [
        {
          screen: 1,
          crashes: 1,
          reloads: 1,
          crashPages: 0,
          hangs: 0,
          lastCrashReason: 'oom',
          plannedReloads: 2,
          memoryMb: 480,
        },
      ],
    }));
    const { container, getByTestId } = await renderApp(bridge);
    expect(container.querySelectorAll('[data-testid="screen-link"]')).toHaveLength(0);
    // The app's health: how each of its windows has fared.
    expect(
      [...container.querySelectorAll('[data-testid="window-health-row"] > *')].map(
        (cell) => cell.textContent,
      ),
    ).toEqual(['Screen 1', '1 crash, 0 hangs, 1 reload after a crash', 'oom', '2', '480 MB']);
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

  it("lets a technician change a screen's playlist and zoom: the layout sent, the list asked again", async () => {
    const bridge = new FakeBridge(smallFleet(), TECHNICIAN);
    bridge.handle('displays.list', () => ({ ok: true, value: ENTRIES }));
    const sent: unknown[] = [];
    bridge.handle('displays.set', (args) => {
      sent.push(args);
      const { layout } = args as { layout: DisplayLayout };
      return {
        ok: true,
        value: entry(layout, { state: 'changed', changedBy: 'Ana', changedAt: T0 }),
      };
    });
    const view = await renderApp(bridge);
    const row = () => view.container.querySelector<HTMLElement>('[data-display="1"]');
    fireEvent.click(within(row() as HTMLElement).getByTestId('screen-edit'));
    const form = within(view.getByTestId('screen-editor'));
    fireEvent.change(form.getByTestId('screen-name'), { target: { value: 'Wall left' } });
    fireEvent.click(form.getByTestId('screen-add-view'));
    const kinds = form.getAllByTestId('screen-view-kind');
    fireEvent.change(kinds[1] as HTMLElement, { target: { value: 'site' } });
    fireEvent.change(form.getByTestId('screen-view-site'), { target: { value: 'b' } });
    const dwells = form.getAllByTestId('screen-view-dwell');
    fireEvent.change(dwells[1] as HTMLElement, { target: { value: '45' } });
    fireEvent.change(form.getByTestId('screen-zoom'), { target: { value: '1.5' } });
    const listed = bridge.callCount('displays.list');
    fireEvent.click(form.getByTestId('screen-save'));
    await act(settle);
    expect(sent).toEqual([
      {
        layout: {
          display: 1,
          name: 'Wall left',
          playlist: [
            { show: { view: 'alerts' }, dwellSeconds: 60 },
            { show: { view: 'site', siteId: 'b' }, dwellSeconds: 45 },
          ],
          alarms: null,
          schedules: [],
          zoom: 1.5,
        },
        // The entry as the form saw it: the hub refuses the change if it moved since.
        basedOn: { revision: 7 },
      },
    ]);
    expect(view.queryByTestId('screen-editor')).toBeNull();
    expect(view.getByTestId('screens-message').textContent).toBe(
      'Screen 1 saved: it shows its new layout now.',
    );
    expect(bridge.callCount('displays.list')).toBe(listed + 1);
  });

  it('says what is wrong before sending, and shows the hub’s refusal', async () => {
    const bridge = new FakeBridge(smallFleet(), TECHNICIAN);
    bridge.handle('displays.list', () => ({ ok: true, value: ENTRIES }));
    const bases: unknown[] = [];
    bridge.handle('displays.set', (args) => {
      const { layout, basedOn } = args as { layout: DisplayLayout; basedOn: unknown };
      bases.push(basedOn);
      return layout.display === 2
        ? {
            ok: false,
            error: {
              code: 'refused',
              message:
                'displays.set: screen 2 is on the list already: edit it there, or choose another number',
            },
          }
        : { ok: false, error: { code: 'failed', message: 'displays.set: the store is damaged' } };
    });
    const view = await renderApp(bridge);
    fireEvent.click(view.getByTestId('screen-add'));
    const form = within(view.getByTestId('screen-editor'));
    // The lowest free number is offered.
    expect(form.getByTestId<HTMLInputElement>('screen-number').value).toBe('3');
    // A site view with no site chosen (the browser checks the number fields itself).
    fireEvent.change(form.getByTestId('screen-view-kind'), { target: { value: 'site' } });
    fireEvent.click(form.getByTestId('screen-save'));
    await act(settle);
    expect(form.getByTestId('screen-problem').textContent).toMatch(
      /^playlist\[0\]\.show\.siteId: /,
    );
    expect(bridge.callCount('displays.set')).toBe(0);
    fireEvent.change(form.getByTestId('screen-view-site'), { target: { value: 'a' } });
    fireEvent.change(form.getByTestId('screen-number'), { target: { value: '2' } });
    fireEvent.click(form.getByTestId('screen-save'));
    await act(settle);
    expect(form.getByTestId('screen-problem').textContent).toBe(
      'displays.set: screen 2 is on the list already: edit it there, or choose another number',
    );
    // A new screen: the hub refuses a number that is taken.
    expect(bases).toEqual(['new']);
    fireEvent.change(form.getByTestId('screen-number'), { target: { value: '4' } });
    fireEvent.click(form.getByTestId('screen-save'));
    await act(settle);
    expect(form.getByTestId('screen-problem').textContent).toBe(
      'displays.set: the store is damaged',
    );
    // Still open, with what was typed: nothing is lost to a refusal.
    expect(form.getByTestId<HTMLInputElement>('screen-number').value).toBe('4');
    // A cleared number field is said plainly.
    fireEvent.change(form.getByTestId('screen-view-dwell'), { target: { value: '' } });
    expect(form.getByTestId<HTMLInputElement>('screen-view-dwell').value).toBe('');
    fireEvent.submit(view.getByTestId('screen-editor'));
    await act(settle);
    expect(form.getByTestId('screen-problem').textContent).toBe(
      'playlist[0].dwellSeconds: a number is needed',
    );
  });

  it('takes a screen off the wall and puts it back; asks again when the hub says screens changed', async () => {
    const bridge = new FakeBridge(smallFleet(), TECHNICIAN);
    let list = ENTRIES;
    bridge.handle('displays.list', () => ({ ok: true, value: list }));
    let answer: () => void = () => undefined;
    bridge.handle('displays.remove', () => {
      list = [
        entry(SCREENS[1] as DisplayLayout),
        entry(SCREENS[0] as DisplayLayout, {
          state: 'removed',
          changedBy: 'Ana',
          changedAt: T0,
          revision: 8,
        }),
      ];
      // Answered when the test says: meanwhile the buttons wait.
      return new Promise((resolve) => {
        answer = () => {
          resolve({ ok: true, value: list[1] });
        };
      });
    });
    bridge.handle('displays.reset', () => {
      list = ENTRIES;
      return { ok: true, value: list[1] };
    });
    const view = await renderApp(bridge);
    const row = (n: number) =>
      within(view.container.querySelector<HTMLElement>(`[data-display="${n}"]`) as HTMLElement);
    fireEvent.click(row(2).getByTestId('screen-remove'));
    await act(settle);
    expect(row(1).getByTestId<HTMLButtonElement>('screen-remove').disabled).toBe(true);
    expect(row(2).getByTestId<HTMLButtonElement>('screen-edit').disabled).toBe(true);
    answer();
    await act(settle);
    expect(bridge.calls.filter((c) => c.name === 'displays.remove').map((c) => c.args)).toEqual([
      { display: 2, basedOn: { revision: 7 } },
    ]);
    expect(row(1).getByTestId<HTMLButtonElement>('screen-remove').disabled).toBe(false);
    expect(row(2).getByRole('rowheader').textContent).toBe('2 · Wall right (not shown)');
    expect(row(2).queryByTestId('screen-link')).toBeNull();
    fireEvent.click(row(2).getByTestId('screen-restore'));
    await act(settle);
    expect(bridge.calls.find((c) => c.name === 'displays.reset')?.args).toEqual({
      display: 2,
      basedOn: { revision: 8 },
    });
    expect(row(2).getByTestId('screen-source').textContent).toBe('the config file');
    // Another technician changes a screen: the hub's delta says so, and the list is asked again.
    const before = bridge.callCount('displays.list');
    emit(bridge, 'fleet.delta', delta(10, { screens: { version: 4, identifyUntil: null } }));
    await act(settle);
    expect(bridge.callCount('displays.list')).toBe(before + 1);
  });
});
