// @vitest-environment happy-dom
import { cleanup, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBridge } from './fake-bridge.js';
import { content, delta, site, snapshot, T0 } from './fleet-fixtures.js';
import { emit, renderApp, spokenText } from './render-helpers.js';

/** What is in maintenance, and until when: on the wall's tile and in the site view. */

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const pad = (n: number) => String(n).padStart(2, '0');
const UNTIL = T0 + 90 * 60_000;
const at = new Date(UNTIL);
const localTime = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
const localDateTime = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${localTime}:${pad(at.getSeconds())}`;
const RUNNING = { windowId: 'w1', reason: 'Core switch firmware', deviceIds: [], until: UNTIL };

describe('maintenance on the board', () => {
  it('the site view says what is in maintenance, until when and why', async () => {
    window.location.hash = '#/site/s1';
    const bridge = new FakeBridge(snapshot(5, [site('s1')], [content('s1', [])]));
    const view = await renderApp(bridge);
    expect(view.queryByTestId('site-maintenance')).toBeNull();
    emit(bridge, 'fleet.delta', delta(5, { sites: [{ ...site('s1'), maintenance: [RUNNING] }] }));
    expect(spokenText(view.getByTestId('site-maintenance'))).toBe(
      `MAINTENANCE until ${localDateTime} — Core switch firmware (the whole site; their alerts are suppressed)`,
    );
  });

  it('the wall tile says until when', async () => {
    const running = { ...site('s1'), maintenance: [RUNNING] };
    const bridge = new FakeBridge(snapshot(5, [running], [content('s1', [])]));
    const view = await renderApp(bridge);
    const tile = view.getByTestId('site-tile');
    expect(spokenText(within(tile).getByTestId('site-maintenance'))).toBe(
      `MAINTENANCE until ${localTime}`,
    );
  });
});
