// @vitest-environment happy-dom
import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { diskFullId } from '../../shared/alerts/hub-alerts.js';
import { FakeBridge } from './fake-bridge.js';
import { alert, content, device, site, snapshot } from './fleet-fixtures.js';
import { renderApp, spokenText } from './render-helpers.js';

/** The site view shows the hub's predicted-full warning beside the disk it is about. */

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('a disk predicted full', () => {
  it('says when, under the disk’s value', async () => {
    window.location.hash = '#/site/s1';
    const fs = device('fs1', { name: 'FS01', metrics: { disk: 81 } });
    const warning = alert(diskFullId('fs1'), {
      deviceId: 'fs1',
      check: 'hub:disk-full',
      severity: 'warning',
      title: 'Disk on FS01 predicted full in 37 h',
    });
    const bridge = new FakeBridge(
      snapshot(5, [site('s1')], [content('s1', [fs, device('pc')], [warning])]),
    );
    const view = await renderApp(bridge);
    const forecasts = view.getAllByTestId('disk-forecast');
    expect(forecasts.map((f) => spokenText(f))).toEqual(['⚠ full in 37 h']);
    expect(forecasts[0]?.closest('[data-device-id]')?.getAttribute('data-device-id')).toBe('fs1');
  });
});
