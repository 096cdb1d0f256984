// @vitest-environment happy-dom
import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { diskFullId, forecastId } from '../../shared/alerts/hub-alerts.js';
import { FakeBridge } from './fake-bridge.js';
import { alert, content, device, site, snapshot } from './fleet-fixtures.js';
import { renderApp, spokenText } from './render-helpers.js';

/** The site view shows the hub's predicted-full warnings beside the disk or memory concerned. */

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('a disk or memory predicted full', () => {
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
    const forecasts = view.getAllByTestId('metric-forecast');
    expect(forecasts.map((f) => spokenText(f))).toEqual(['⚠ full in 37 h']);
    expect(forecasts[0]?.closest('[data-device-id]')?.getAttribute('data-device-id')).toBe('fs1');
  });

  it('says when memory runs out, under the memory’s value', async () => {
    window.location.hash = '#/site/s1';
    const app = device('app1', { name: 'APP01', metrics: { memory: 70, disk: 40 } });
    const warning = alert(forecastId('memory', 'app1'), {
      deviceId: 'app1',
      check: 'hub:memory-full',
      severity: 'warning',
      title: 'Memory on APP01 predicted full in 2.5 days',
    });
    const bridge = new FakeBridge(snapshot(5, [site('s1')], [content('s1', [app], [warning])]));
    const view = await renderApp(bridge);
    const forecasts = view.getAllByTestId('metric-forecast');
    expect(forecasts.map((f) => spokenText(f))).toEqual(['⚠ full in 2.5 days']);
    expect(forecasts[0]?.closest('td')?.getAttribute('data-metric')).toBe('memory');
  });
});
