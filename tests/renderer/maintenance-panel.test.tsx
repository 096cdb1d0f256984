// @vitest-environment happy-dom
import { act, cleanup, fireEvent, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScheduledWindow } from '../../shared/maintenance/maintenance-window.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { content, delta, site, snapshot, T0 } from './fleet-fixtures.js';
import { emit, renderApp } from './render-helpers.js';
import { settle } from './settle.js';

/** The site view's maintenance panel: what is planned, and a technician's form to plan more. */

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const PLANNED: ScheduledWindow = {
  window: {
    id: 'm-1',
    siteId: 's1',
    deviceIds: [],
    reason: 'Core switch firmware',
    timeZone: 'Europe/Berlin',
    start: '2026-12-06T02:00',
    durationMinutes: 120,
    rrule: 'FREQ=WEEKLY',
  },
  source: 'technician',
  createdBy: 'Sam Ortiz',
  createdAt: T0,
  next: { start: T0 + 3_600_000, end: T0 + 3 * 3_600_000 },
};

async function open(technician: string | null) {
  window.location.hash = '#/site/s1';
  const bridge = new FakeBridge(snapshot(5, [site('s1')], [content('s1', [])]), {
    ...DEMO_INFO,
    technician,
  });
  const calls: unknown[] = [];
  const lists: unknown[] = [];
  bridge.handle('maintenance.list', (args) => {
    lists.push(args);
    return { ok: true, value: { windows: [PLANNED] } };
  });
  bridge.handle('maintenance.create', (args) => {
    calls.push(args);
    return { ok: true, value: PLANNED };
  });
  const view = await renderApp(bridge);
  await act(settle);
  return {
    bridge,
    view,
    calls,
    lists,
    panel: () => within(view.getByTestId('maintenance-panel')),
  };
}

describe('the maintenance panel', () => {
  it('lists what is planned, who set it; a viewer gets no form and no cancel button', async () => {
    const { panel } = await open(null);
    const item = panel().getByTestId('maintenance-window');
    expect(item.textContent).toContain('Core switch firmware');
    expect(item.textContent).toContain('repeats (FREQ=WEEKLY) · set by Sam Ortiz');
    expect(panel().queryByTestId('maintenance-form')).toBeNull();
    expect(panel().queryByTestId('maintenance-cancel')).toBeNull();
  });

  it('a technician plans a window in the site’s time zone', async () => {
    const { panel, calls } = await open('Dana Whitfield');
    fireEvent.change(panel().getByTestId('maintenance-reason'), {
      target: { value: 'UPS battery swap' },
    });
    fireEvent.change(panel().getByTestId('maintenance-start'), {
      target: { value: '2026-12-06T02:00' },
    });
    fireEvent.change(panel().getByLabelText('For how long'), { target: { value: '240' } });
    fireEvent.change(panel().getByLabelText('Repeats'), { target: { value: '2' } });
    fireEvent.submit(panel().getByTestId('maintenance-form'));
    await act(settle);
    expect(calls).toEqual([
      {
        siteId: 's1',
        reason: 'UPS battery swap',
        timeZone: 'Europe/Berlin',
        start: '2026-12-06T02:00',
        durationMinutes: 240,
        rrule: 'FREQ=WEEKLY',
      },
    ]);
    expect(panel().getByTestId('maintenance-message').textContent).toBe('Scheduled.');
    expect(panel().getByTestId('maintenance-cancel')).toBeTruthy();
  });

  it('asks the hub again when a window starts or ends, not on every update of the site', async () => {
    const { bridge, lists } = await open(null);
    expect(lists).toEqual([{ siteId: 's1' }]);
    for (let v = 5; v < 10; v++) {
      const updated = { ...site('s1'), health: { ...site('s1').health, lastEventAt: T0 + v } };
      emit(bridge, 'fleet.delta', delta(v, { sites: [updated] }));
    }
    await act(settle);
    expect(lists).toHaveLength(1);
    const window = { windowId: 'm-1', reason: 'x', deviceIds: [], until: T0 + 60_000 };
    emit(bridge, 'fleet.delta', delta(10, { sites: [{ ...site('s1'), maintenance: [window] }] }));
    await act(settle);
    expect(lists).toHaveLength(2);
  });

  it('waits for the site’s time zone before a technician can plan', async () => {
    window.location.hash = '#/site/s1';
    const bridge = new FakeBridge(
      snapshot(5, [{ ...site('s1'), timeZone: null }], [content('s1', [])]),
      { ...DEMO_INFO, technician: 'Dana Whitfield' },
    );
    bridge.handle('maintenance.list', () => ({ ok: true, value: { windows: [] } }));
    const view = await renderApp(bridge);
    await act(settle);
    expect(view.queryByTestId('maintenance-form')).toBeNull();
    expect(view.getByTestId('maintenance-no-zone')).toBeTruthy();
  });
});
