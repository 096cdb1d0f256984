// @vitest-environment happy-dom
import { cleanup, fireEvent, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBridge } from './fake-bridge.js';
import { alert, content, delta, device, site, snapshot } from './fleet-fixtures.js';
import { emit, renderApp, spokenText } from './render-helpers.js';

/** The site view's alert list, folded by root cause: one line per cause, expandable. */

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const DEVICES = [
  device('core', { name: 'Core switch', kind: 'switch', status: 'down' }),
  ...Array.from({ length: 5 }, (_, i) =>
    device(`pc${i}`, { name: `PC ${i}`, kind: 'workstation', status: 'unknown', parentId: 'core' }),
  ),
  device('nas', { name: 'NAS', status: 'up' }),
];
const ALERTS = [
  alert('core-ping', { deviceId: 'core', title: 'Core switch is down', severity: 'high' }),
  ...Array.from({ length: 5 }, (_, i) =>
    alert(`pc${i}-ping`, { deviceId: `pc${i}`, title: `PC ${i} is unreachable`, severity: 'high' }),
  ),
  alert('nas-disk', { deviceId: 'nas', title: 'Disk almost full on NAS', severity: 'warning' }),
];

async function openSite() {
  window.location.hash = '#/site/s1';
  const bridge = new FakeBridge(snapshot(5, [site('s1')], [content('s1', DEVICES, ALERTS)]));
  const view = await renderApp(bridge);
  const list = () => within(view.getByTestId('alert-list'));
  return { bridge, list };
}

describe('folded alerts in the site view', () => {
  it('shows a down core switch once, its own alert as the headline, the rest folded until expanded', async () => {
    const { list } = await openSite();
    const roots = list().getAllByTestId('alert-root');
    expect(roots).toHaveLength(1);
    const root = within(roots[0] as HTMLElement);
    expect(spokenText(root.getByTestId('alert-root-toggle'))).toBe(
      '▸ Core switch down — 5 alerts folded',
    );
    // Visible: the headline and the unrelated NAS alert; the five PCs are folded away.
    const shown = () =>
      list()
        .getAllByTestId('alert')
        .map((el) => el.getAttribute('data-alert-id'));
    expect(shown()).toEqual(['core-ping', 'nas-disk']);
    fireEvent.click(root.getByTestId('alert-root-toggle'));
    expect(root.getByTestId('alert-root-toggle').getAttribute('aria-expanded')).toBe('true');
    // Expanded: the five beneath the headline, inside the root; the NAS after it.
    expect(shown()).toEqual([
      'core-ping',
      'pc0-ping',
      'pc1-ping',
      'pc2-ping',
      'pc3-ping',
      'pc4-ping',
      'nas-disk',
    ]);
  });

  it('unfolds when the switch recovers and the alerts beneath remain', async () => {
    const { bridge, list } = await openSite();
    const recovered = { ...DEVICES[0], status: 'up' as const } as (typeof DEVICES)[number];
    emit(bridge, 'fleet.delta', delta(5, { devices: [{ siteId: 's1', device: recovered }] }));
    expect(list().queryAllByTestId('alert-root')).toHaveLength(0);
    expect(list().getAllByTestId('alert')).toHaveLength(ALERTS.length);
  });
});
