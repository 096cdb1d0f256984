// @vitest-environment happy-dom
import { act, cleanup, fireEvent, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TechnicianAction } from '../../shared/alerts/technician-action.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { alert, content, delta, site, snapshot, T0 } from './fleet-fixtures.js';
import { emit, renderApp, spokenText } from './render-helpers.js';
import { settle } from './settle.js';

/**
 * An alert's acknowledgement in the site view: what a viewer and a technician see at each step
 * (pending, confirmed, refused), and what the technician's controls send — never a name.
 */

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const ACTION: TechnicianAction = {
  ackId: 'k1',
  siteId: 's1',
  alertId: 'al1',
  kind: 'ack',
  technician: 'Dana Whitfield',
  comment: 'replacing the PSU',
  sticky: true,
  expiresAt: null,
  severity: 'high',
  requestedAt: T0,
  delivery: 'pending',
  reason: null,
  attempts: 0,
  settledAt: null,
  hubHandled: null,
  withdraws: null,
  lapseNotedAt: null,
};

async function openSite(technician: string | null) {
  window.location.hash = '#/site/s1';
  const fleet = snapshot(
    5,
    [site('s1')],
    [content('s1', [], [alert('al1', { severity: 'high' })])],
  );
  const bridge = new FakeBridge(fleet, { ...DEMO_INFO, technician });
  const view = await renderApp(bridge);
  const row = () => view.container.querySelector<HTMLElement>('[data-alert-id="al1"]');
  return { bridge, view, row };
}

describe('acknowledging from the site view', () => {
  it('a viewer sees where an acknowledgement stands, and no control to act with', async () => {
    const { bridge, row } = await openSite(null);
    expect(row()?.querySelector('[data-testid="ack-button"]')).toBeNull();
    emit(
      bridge,
      'fleet.delta',
      delta(5, { actions: [{ ...ACTION, reason: 'site s1 is not connected' }] }),
    );
    const status = row()?.querySelector('[data-testid="ack-status"]');
    expect(status?.getAttribute('data-status')).toBe('pending');
    expect(spokenText(status ?? null)).toBe(
      '⧗ Acknowledging as Dana Whitfield: waiting for the site (site s1 is not connected)',
    );
    const confirmed = { ...ACTION, delivery: 'confirmed' as const, settledAt: T0 + 1000 };
    const acked = alert('al1', {
      severity: 'high',
      ack: { ackId: 'k1', technician: 'Dana Whitfield', comment: 'replacing the PSU', at: T0 },
    });
    emit(
      bridge,
      'fleet.delta',
      delta(6, { actions: [confirmed], alerts: [{ siteId: 's1', alert: acked }] }),
    );
    const done = row()?.querySelector('[data-testid="ack-status"]');
    expect(done?.getAttribute('data-status')).toBe('acknowledged');
    expect(spokenText(done ?? null)).toBe('✓ Acknowledged by Dana Whitfield: “replacing the PSU”');
    expect(row()?.querySelector('[data-testid="unack-button"]')).toBeNull();
  });

  it('shows a refusal with the site’s reason', async () => {
    const { bridge, row } = await openSite(null);
    const refused = { ...ACTION, delivery: 'refused' as const, reason: 'no open alert al1' };
    emit(bridge, 'fleet.delta', delta(5, { actions: [refused] }));
    const status = row()?.querySelector('[data-testid="ack-status"]');
    expect(status?.getAttribute('data-status')).toBe('refused');
    expect(spokenText(status ?? null)).toBe(
      '✗ The site refused Dana Whitfield’s acknowledgement: no open alert al1',
    );
  });

  it('a technician acknowledges with a comment, for a while: the page sends no name', async () => {
    const { bridge, row } = await openSite('Dana Whitfield');
    bridge.handle('alert.ack', () => ({ ok: true, value: ACTION }));
    const item = row();
    if (!item) throw new Error('no alert row');
    fireEvent.click(within(item).getByTestId('ack-button'));
    fireEvent.change(within(item).getByTestId('ack-comment'), { target: { value: 'on it' } });
    fireEvent.change(within(item).getByLabelText('For how long'), { target: { value: '60' } });
    fireEvent.click(within(item).getByLabelText(/keep if the severity changes/));
    fireEvent.submit(within(item).getByTestId('ack-form'));
    await act(settle);
    expect(bridge.calls.filter((c) => c.name === 'alert.ack').map((c) => c.args)).toEqual([
      { siteId: 's1', alertId: 'al1', comment: 'on it', sticky: false, expiresInMinutes: 60 },
    ]);
    // The form closed: the fleet delta will say pending.
    expect(within(item).queryByTestId('ack-form')).toBeNull();
  });

  it('shows the host’s refusal of an action in the row', async () => {
    const { bridge, row } = await openSite('Dana Whitfield');
    bridge.handle('alert.ack', () => ({
      ok: false,
      error: { code: 'refused', message: 'alert.ack: no open alert "al1" at site "s1"' },
    }));
    const item = row();
    if (!item) throw new Error('no alert row');
    fireEvent.click(within(item).getByTestId('ack-button'));
    fireEvent.submit(within(item).getByTestId('ack-form'));
    await act(settle);
    expect(within(item).getByRole('alert').textContent).toBe(
      'alert.ack: no open alert "al1" at site "s1"',
    );
  });
});
