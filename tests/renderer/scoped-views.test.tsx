// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { viewWords } from '../../renderer/src/components/screens/screen-words.js';
import { noticeView } from '../../renderer/src/rotation/rotation.js';
import { viewHref } from '../../renderer/src/rotation/run-rotation.js';
import type { ViewSpec } from '../../shared/displays/display-layout.js';
import type { Notice } from '../../shared/notify/notice.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeBridge } from './fake-bridge.js';
import { alert, content, site, snapshot, T0 } from './fleet-fixtures.js';
import { settle } from './settle.js';
import { incident, INFO, MIN } from './sla-fixtures.js';

/**
 * The alert list and the SLA board of part of the fleet (`#/alerts?customer=…`, `#/sla?…`): what
 * a screen of one customer's shows in its playlist, like the wall of part of the fleet.
 */

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

async function open(hash: string) {
  window.location.hash = hash;
  const a = { ...incident('ia', 'P1', T0 - 5 * MIN, 'Gateway down'), siteId: 'a' };
  const b = { ...incident('ib', 'P1', T0 - 6 * MIN, 'Firewall down'), siteId: 'b' };
  const fleet = snapshot(
    5,
    [site('a'), site('b')],
    [
      { ...content('a', [], [alert('x')]), incidents: [a] },
      { ...content('b', [], [alert('y')]), incidents: [b] },
    ],
  );
  const bridge = new FakeBridge(fleet, INFO);
  const view = render(<App bridge={bridge} clock={new FakeClock(T0)} deltaBatchMs={0} />);
  await act(settle);
  return view;
}

const keys = (container: HTMLElement, selector: string, attribute: string) =>
  [...container.querySelectorAll(selector)].map((el) => el.getAttribute(attribute));

describe('views of part of the fleet', () => {
  it('lists only the chosen customer’s alerts, and every alert without one', async () => {
    const scoped = await open('#/alerts?customer=Customer%20a');
    expect(keys(scoped.container, '[data-testid="alert-row"]', 'data-key')).toEqual(['a|x']);
    // The list's own filter narrows within the part, and offers only its customers: a hand on
    // it cannot widen a customer's screen to the fleet.
    const options = [...scoped.getByLabelText('Customer').querySelectorAll('option')].map(
      (option) => option.textContent,
    );
    expect(options.filter((text) => text.startsWith('Customer '))).toEqual(['Customer a']);
    fireEvent.change(scoped.getByLabelText('Customer'), { target: { value: '' } });
    expect(keys(scoped.container, '[data-testid="alert-row"]', 'data-key')).toEqual(['a|x']);
    cleanup();
    const all = await open('#/alerts');
    expect(keys(all.container, '[data-testid="alert-row"]', 'data-key').sort()).toEqual([
      'a|x',
      'b|y',
    ]);
  });

  it('shows only the chosen site’s incidents on the SLA board', async () => {
    const scoped = await open('#/sla?site=b');
    expect(keys(scoped.container, '[data-testid="sla-row"]', 'data-id')).toEqual(['ib']);
    cleanup();
    const all = await open('#/sla');
    expect(keys(all.container, '[data-testid="sla-row"]', 'data-id')).toEqual(['ib', 'ia']);
  });

  it('keeps an alarm on a customer’s screen to that customer’s board and list', () => {
    const notice = (target: Notice['target']): Notice => ({
      id: 'n',
      severity: 'disaster',
      title: 't',
      body: '',
      count: 1,
      target,
      sound: false,
      at: T0,
    });
    const acme: ViewSpec = { view: 'alerts', customers: ['Acme'] };
    expect(noticeView(notice({ view: 'sla', siteId: null, incidentId: null }), acme)).toEqual({
      view: 'sla',
      customers: ['Acme'],
    });
    expect(noticeView(notice({ view: 'alerts' }), acme)).toEqual(acme);
    expect(noticeView(notice({ view: 'alerts' }))).toEqual({ view: 'alerts' });
  });

  it('is what a screen’s playlist entry opens, and says so in the screens view', () => {
    expect(viewHref({ view: 'sla', customers: ['Acme'] })).toBe('#/sla?customer=Acme');
    expect(viewHref({ view: 'alerts', sites: ['hq'] })).toBe('#/alerts?site=hq');
    expect(viewHref({ view: 'sla' })).toBe('#/sla');
    expect(viewWords({ view: 'sla', customers: ['Acme'] }, (id) => id)).toBe('SLA board of Acme');
    expect(viewWords({ view: 'alerts' }, (id) => id)).toBe('Alerts');
  });
});
