// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { openIncident } from '../../shared/sla/incident.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeBridge } from './fake-bridge.js';
import { content, site, snapshot, T0 } from './fleet-fixtures.js';
import { settle } from './settle.js';
import { incident, INFO, MIN } from './sla-fixtures.js';

/** What a technician does from an SLA board row: record a plan, open the incident's timeline. */

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('an SLA board row', () => {
  it('shows a plan column where an incident has a plan target, and lets a technician record the plan', async () => {
    const targets = {
      responseMinutes: 30,
      planMinutes: 120,
      resolutionMinutes: 480,
      allHours: true,
    };
    const planned = openIncident({
      id: 'planned',
      siteId: 's1',
      customer: 'Acme',
      alertId: 'a-planned',
      deviceId: null,
      check: 'ping',
      title: 'Core switch down',
      priority: 'P2',
      targets,
      at: T0 - 30 * MIN,
    });
    const plain = incident('plain', 'P1', T0 - 5 * MIN, 'Gateway down');
    window.location.hash = '#/sla';
    const fleet = snapshot(
      5,
      [site('s1')],
      [{ ...content('s1', [], []), incidents: [planned, plain] }],
    );
    const bridge = new FakeBridge(fleet, { ...INFO, technician: 'Dana' });
    const sent: unknown[] = [];
    bridge.handle('sla.plan', (args) => {
      sent.push(args);
      return { ok: true, value: planned };
    });
    const view = render(<App bridge={bridge} clock={new FakeClock(T0)} deltaBatchMs={0} />);
    await act(settle);
    const cell = (id: string) =>
      view.container.querySelector(`[data-id="${id}"] [data-testid="sla-plan"]`)?.textContent;
    expect(cell('planned')).toBe('1:30:00');
    expect(cell('plain')).toBe('—');
    expect(
      view.container.querySelector('[data-id="plain"] [data-testid="sla-plan-button"]'),
    ).toBeNull();
    const row = view.container.querySelector<HTMLElement>('[data-id="planned"]');
    if (!row) throw new Error('no row');
    fireEvent.click(within(row).getByTestId('sla-plan-button'));
    fireEvent.change(within(row).getByTestId('sla-plan-text'), {
      target: { value: 'Swap the switch from stock by 14:00' },
    });
    fireEvent.submit(within(row).getByTestId('sla-plan-form'));
    await act(settle);
    expect(sent).toEqual([{ incidentId: 'planned', plan: 'Swap the switch from stock by 14:00' }]);
    expect(within(row).queryByTestId('sla-plan-form')).toBeNull();
  });

  it("shows an incident's timeline under its row when asked, to viewers too", async () => {
    const soon = incident('soon', 'P1', T0 - 5 * MIN, 'Gateway down');
    window.location.hash = '#/sla';
    const fleet = snapshot(5, [site('s1')], [{ ...content('s1', [], []), incidents: [soon] }]);
    const bridge = new FakeBridge(fleet, INFO);
    bridge.handle('sla.timeline', () => ({
      ok: true,
      value: {
        lines: [
          { at: T0 - 5 * MIN, what: 'opened', actor: 'hub', detail: 'P1 Gateway down' },
          { at: T0, what: 'paused', actor: 'Dana', detail: 'waiting on Telekom (ticket TK-1)' },
          // Words from a site (an acknowledgement's author and comment): cleaned.
          { at: T0, what: 'responded', actor: 'evil\u202Egnp', detail: 'ok\u0007' },
        ],
        truncated: false,
      },
    }));
    const view = render(<App bridge={bridge} clock={new FakeClock(T0)} deltaBatchMs={0} />);
    await act(settle);
    expect(view.queryByTestId('sla-timeline')).toBeNull();
    fireEvent.click(view.getByTestId('sla-timeline-button'));
    await act(settle);
    expect(bridge.calls.find((c) => c.name === 'sla.timeline')?.args).toEqual({
      incidentId: 'soon',
    });
    const lines = view.getAllByTestId('sla-timeline-line').map((li) => li.textContent);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/ · paused · Dana — waiting on Telekom \(ticket TK-1\)$/);
    expect(lines[2]).toMatch(/ · responded · evilgnp — ok\uFFFD$/);
    // Under its own row, the whole width of the table (every column, to assistive technology).
    const row = view.container.querySelector('[data-id="soon"]');
    expect(row?.nextElementSibling?.getAttribute('data-testid')).toBe('sla-timeline');
    const columns = view.getAllByRole('columnheader').length;
    const span = within(view.getByTestId('sla-timeline')).getByRole('cell');
    expect(span.getAttribute('aria-colspan')).toBe(String(columns));
    fireEvent.click(view.getByTestId('sla-timeline-button'));
    expect(view.queryByTestId('sla-timeline')).toBeNull();
  });
});
