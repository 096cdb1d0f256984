// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { monthBounds } from '../../renderer/src/components/history/SlaCompliance.js';
import type { CustomerCompliance } from '../../shared/sla/compliance.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeBridge } from './fake-bridge.js';
import { site, snapshot, T0 } from './fleet-fixtures.js';
import { settle } from './settle.js';

/** SLA compliance in the history view: fetched for the viewer's month when opened, shown per customer. */

const MIN = 60_000;
const ACME: CustomerCompliance = {
  customer: 'Acme',
  incidents: 3,
  responded: 3,
  resolved: 2,
  planned: 0,
  mttaBusinessMs: 25 * MIN,
  mttaWallMs: 40 * MIN,
  mttrBusinessMs: 180 * MIN,
  mttrWallMs: 300 * MIN,
  respondedWithinTarget: 2 / 3,
  resolvedWithinTarget: 0.5,
  plannedWithinTarget: null,
  breachCount: 1,
  breaches: [
    {
      incidentId: 'c',
      siteId: 's1',
      title: 'FS01 down',
      priority: 'P2',
      clock: 'response',
      at: T0,
    },
  ],
};

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('SLA compliance in the history view', () => {
  it('asks for the viewer’s month when opened and shows each customer’s figures', async () => {
    window.location.hash = '#/history';
    const bridge = new FakeBridge(snapshot(1, [site('s1')], []));
    bridge.handle('history.alerts', () => ({
      ok: true,
      value: { rows: [], total: 0, totalCapped: false, cursor: null },
    }));
    const BOLT = {
      ...ACME,
      customer: 'Bolt',
      planned: 2,
      plannedWithinTarget: 0.5,
      breachCount: 0,
      breaches: [],
    };
    bridge.handle('sla.compliance', () => ({ ok: true, value: { rows: [ACME, BOLT] } }));
    const view = render(<App bridge={bridge} clock={new FakeClock(T0)} deltaBatchMs={0} />);
    await act(settle);
    const details = view.getByTestId('sla-compliance') as HTMLDetailsElement;
    expect(bridge.calls.some((c) => c.name === 'sla.compliance')).toBe(false);
    details.open = true;
    fireEvent(details, new Event('toggle'));
    await act(settle);
    const asked = bridge.calls.find((c) => c.name === 'sla.compliance');
    const month = new Date(T0);
    const expected = monthBounds(
      `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, '0')}`,
    );
    expect(asked?.args).toEqual(expected);
    const cells = [
      ...(view.getAllByTestId('sla-compliance-row')[0]?.querySelectorAll('td') ?? []),
    ].map((td) => td.textContent);
    expect(cells).toEqual([
      'Acme',
      '3',
      '25 min / 40 min',
      '180 min / 300 min',
      '67 %',
      '50 %',
      // A customer's plans (Bolt's): a column, blank where none were made.
      '—',
      '1',
    ]);
    const bolt = [
      ...(view.getAllByTestId('sla-compliance-row')[1]?.querySelectorAll('td') ?? []),
    ].map((td) => td.textContent);
    expect(bolt.slice(-2)).toEqual(['50 %', '0']);
  });

  it('lists a customer’s breaches and shows a resolved incident’s timeline from the store', async () => {
    window.location.hash = '#/history';
    const bridge = new FakeBridge(snapshot(1, [site('s1')], []));
    bridge.handle('history.alerts', () => ({
      ok: true,
      value: { rows: [], total: 0, totalCapped: false, cursor: null },
    }));
    bridge.handle('sla.compliance', () => ({ ok: true, value: { rows: [ACME] } }));
    bridge.handle('sla.timeline', () => ({
      ok: true,
      value: {
        lines: [
          { at: T0 - 20 * MIN, what: 'opened', actor: 'hub', detail: 'P2' },
          // A site's words, with a direction override: shown cleaned.
          { at: T0, what: 'breach', actor: 'hub', detail: 'FS01\u202Egnp.exe' },
          { at: T0 + 90 * MIN, what: 'resolved', actor: 'Ola Ops', detail: '' },
        ],
        truncated: false,
      },
    }));
    const view = render(<App bridge={bridge} clock={new FakeClock(T0)} deltaBatchMs={0} />);
    await act(settle);
    const details = view.getByTestId('sla-compliance') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    await act(settle);
    // The customer's breaches: built only when opened.
    const list = view.getByTestId('sla-breaches') as HTMLDetailsElement;
    expect(list.textContent).toBe('Acme: 1 breach');
    expect(view.queryByTestId('sla-breach-row')).toBeNull();
    list.open = true;
    fireEvent(list, new Event('toggle'));
    await act(settle);
    const breach = view.getByTestId('sla-breach-row');
    expect(breach.dataset.incidentId).toBe('c');
    const cells = [...breach.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells.slice(1, 5)).toEqual(['Site s1', 'FS01 down', 'P2', 'Response']);
    expect(view.queryByTestId('sla-timeline')).toBeNull();
    const button = view.getByTestId('sla-breach-timeline');
    expect(button.getAttribute('aria-label')).toMatch(/^Timeline of FS01 down, response breached /);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    await act(settle);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe(view.getByTestId('sla-timeline').id);
    expect(bridge.calls.find((c) => c.name === 'sla.timeline')?.args).toEqual({ incidentId: 'c' });
    const lines = view.getAllByTestId('sla-timeline-line').map((li) => li.textContent);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('breach');
    expect(lines[1]).not.toContain('\u202E');
    expect(lines[2]).toContain('resolved · Ola Ops');
    // Closed again by the same button.
    fireEvent.click(view.getByTestId('sla-breach-timeline'));
    expect(view.queryByTestId('sla-timeline')).toBeNull();
  });

  it('takes a month as the viewer’s local month, from its first instant to the next month’s', () => {
    expect(monthBounds('2026-12')).toEqual({
      from: new Date(2026, 11, 1).getTime(),
      to: new Date(2027, 0, 1).getTime(),
    });
    expect(monthBounds('2026-13')).toBeNull();
    expect(monthBounds('nonsense')).toBeNull();
  });
});
