// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { rowsThatFit } from '../../renderer/src/components/sla/SlaPanel.js';
import { wallUnit } from '../../renderer/src/layout/wall-metrics.js';
import type { AppInfo } from '../../shared/bridge/fleet-view.js';
import { BusinessTime } from '../../shared/sla/business-time.js';
import { pauseIncident, respond, type Incident } from '../../shared/sla/incident.js';
import { FakeClock } from '../support/fake-clock.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { content, site, snapshot, T0 } from './fleet-fixtures.js';
import { settle } from './settle.js';
import { formatTimeOfDay } from '../../renderer/src/format/time.js';
import { CALENDAR, incident, INFO, MIN, TERMS } from './sla-fixtures.js';

/**
 * The wall's SLA panel beside the tiles: the incidents due first, as many as fit, the totals
 * (open, breached, at risk) and the count of those that did not fit; one shared clock.
 */

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

async function openWall(incidents: Incident[], at: number, info: AppInfo = INFO, hash = '') {
  window.location.hash = hash;
  // The board's time is the hub's (the snapshot's `at`), not the page's.
  const fleet = snapshot(5, [site('s1')], [{ ...content('s1', [], []), incidents }], at);
  const clock = new FakeClock(at);
  const view = render(<App bridge={new FakeBridge(fleet, info)} clock={clock} deltaBatchMs={0} />);
  await act(settle);
  return { view, clock };
}

const panelRows = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('[data-testid="sla-panel-row"]')].map((row) => ({
    id: row.dataset.id,
    risk: row.dataset.risk,
    clock: row.querySelector('[data-testid="sla-panel-clock"]')?.textContent,
  }));

const text = (container: HTMLElement, testId: string) =>
  container.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;

/** A Thursday: twenty P2s opened a minute apart from 09:00 (30 business minutes to respond). */
function twentyAndOneLate(): Incident[] {
  const p2 = Array.from({ length: 20 }, (_, i) =>
    incident(`p2-${String(i).padStart(2, '0')}`, 'P2', T0 + i * MIN, `Server ${i} down`),
  );
  const late = {
    ...incident('late', 'P1', T0, 'Firewall down'),
    breaches: [{ clock: 'response' as const, at: T0 + 15 * MIN }],
  };
  return [...p2, late];
}

describe("the wall's SLA panel", () => {
  it('lists the incidents due first as far as they fit, says how many more, and counts on the shared clock', async () => {
    const { view, clock } = await openWall(twentyAndOneLate(), T0 + 20 * MIN);
    const fit = rowsThatFit(window.innerHeight, wallUnit(window.innerWidth, window.innerHeight));
    expect(fit).toBeGreaterThan(2);
    expect(fit).toBeLessThan(21);
    const rows = panelRows(view.container);
    expect(rows).toHaveLength(fit);
    expect(rows.slice(0, 3)).toEqual([
      // The P1's response was due at 09:15: five minutes overdue, counting up.
      { id: 'late', risk: 'breached', clock: '■ respond +0:05:00 overdue' },
      // Opened 09:00, due 09:30: 10 minutes left, past half its target.
      { id: 'p2-00', risk: 'at-risk', clock: '▲ respond in 0:10:00' },
      { id: 'p2-01', risk: 'at-risk', clock: '▲ respond in 0:11:00' },
    ]);
    expect(text(view.container, 'sla-panel-more')).toBe(`+${21 - fit} more on the SLA board`);
    expect(text(view.container, 'sla-panel-open')).toBe('21 open');
    expect(text(view.container, 'sla-panel-breached')).toBe('■ 1 breached');
    // 09:20: those opened by 09:05 have counted 15 of their 30 minutes.
    expect(text(view.container, 'sla-panel-at-risk')).toBe('▲ 6 at risk');

    act(() => {
      clock.advance(3 * MIN);
    });
    expect(panelRows(view.container)[1]).toEqual({
      id: 'p2-00',
      risk: 'at-risk',
      clock: '▲ respond in 0:07:00',
    });
    expect(text(view.container, 'sla-panel-at-risk')).toBe('▲ 9 at risk');

    // 09:30:30: the first P2 is half a minute past its due time, before the hub has recorded it.
    act(() => {
      clock.advance(7.5 * MIN);
    });
    expect(panelRows(view.container)[1]).toEqual({
      id: 'p2-00',
      risk: 'breached',
      clock: '■ respond +0:00:30 overdue',
    });
    expect(text(view.container, 'sla-panel-breached')).toBe('■ 2 breached');
  });

  it('shows a paused incident paused with what it waits on, and the resolution clock once responded', async () => {
    const business = new BusinessTime(CALENDAR);
    let waiting = incident('waiting', 'P2', T0, 'WAN degraded');
    waiting = respond(waiting, 'Dana', T0 + MIN, business);
    const answered = incident('answered', 'P2', T0, 'FS01 down');
    const responded = respond(answered, 'Dana', T0 + 2 * MIN, business);
    waiting = pauseIncident(
      waiting,
      {
        reason: 'vendor',
        vendor: 'Telekom',
        reference: 'TK-4411',
        by: 'Dana',
        at: T0 + 2 * MIN,
        comment: '',
      },
      TERMS,
      business,
    );
    const { view } = await openWall([waiting, responded], T0 + 60 * MIN);
    expect(panelRows(view.container)).toEqual([
      // Responded: the resolution clock leads, 8 h less the hour gone.
      { id: 'answered', risk: 'ok', clock: 'resolve in 7:00:00' },
      { id: 'waiting', risk: 'ok', clock: '⏸ 7:58:00 paused' },
    ]);
    const row = view.container.querySelector('[data-id="waiting"]');
    expect(row?.textContent).toContain('(waiting on Telekom · TK-4411)');
    expect(text(view.container, 'sla-panel-more')).toBe('');
  });

  it('a target reached at closing time is breached at the next opening, on the panel and the tile alike', async () => {
    const HOUR = 60 * MIN;
    // Thursday 16:30, 30 business minutes to respond in a 09:00-17:00 calendar: due at 17:00,
    // counting again (and so breaching) at 09:00 on Friday.
    const lateDay = incident('late-day', 'P2', T0 + 7.5 * HOUR, 'FS01 down');
    const { view, clock } = await openWall([lateDay], T0 + 13 * HOUR);
    const tile = () => view.container.querySelector('[data-testid="site-sla"]')?.textContent;
    expect(panelRows(view.container)).toEqual([
      { id: 'late-day', risk: 'at-risk', clock: '▲ respond in 0:00:00' },
    ]);
    expect(tile()).toBe(`SLA due ${formatTimeOfDay(T0 + 8 * HOUR)}`);
    act(() => {
      clock.advance(20 * HOUR - 13 * HOUR);
    });
    expect(panelRows(view.container)[0]?.risk).toBe('at-risk');
    expect(tile()).toBe(`SLA due ${formatTimeOfDay(T0 + 8 * HOUR)}`);
    // Friday 09:00:01: a second past the target.
    act(() => {
      clock.advance(4 * HOUR + 1000);
    });
    expect(panelRows(view.container)).toEqual([
      { id: 'late-day', risk: 'breached', clock: '■ respond +0:00:01 overdue' },
    ]);
    expect(tile()).toBe('SLA BREACHED');
  });

  it('is not there without contracts, nor on #/?sla=off; says when nothing is open', async () => {
    const none = await openWall(twentyAndOneLate(), T0, DEMO_INFO);
    expect(none.view.queryByTestId('sla-panel')).toBeNull();
    expect(none.view.getByTestId('wall-view')).toBeTruthy();
    cleanup();
    const off = await openWall(twentyAndOneLate(), T0, INFO, '#/?sla=off');
    expect(off.view.queryByTestId('sla-panel')).toBeNull();
    expect(off.view.getByTestId('wall-view')).toBeTruthy();
    cleanup();
    const empty = await openWall([], T0);
    expect(text(empty.view.container, 'sla-panel-none')).toBe('✓ No open incidents');
    expect(text(empty.view.container, 'sla-panel-open')).toBe('0 open');
  });

  it('flags each wall tile with its nearest due time, and breached once it passes', async () => {
    window.location.hash = '';
    const soon = incident('soon', 'P1', T0 - 5 * MIN, 'Gateway down');
    const fleet = snapshot(
      5,
      [site('s1'), site('s2')],
      [{ ...content('s1', [], []), incidents: [soon] }, content('s2', [], [])],
    );
    const clock = new FakeClock(T0);
    const view = render(
      <App bridge={new FakeBridge(fleet, INFO)} clock={clock} deltaBatchMs={0} />,
    );
    await act(settle);
    const flags = () =>
      [...view.container.querySelectorAll<HTMLElement>('[data-testid="site-sla"]')].map((f) => [
        f.closest<HTMLElement>('[data-testid="site-tile"]')?.dataset.siteId,
        f.textContent,
      ]);
    // Due 10 minutes from now (the P1 response), in the viewer's time of day.
    expect(flags()).toEqual([['s1', `SLA due ${formatTimeOfDay(T0 + 10 * MIN)}`]]);
    act(() => {
      clock.advance(11 * MIN);
    });
    expect(flags()).toEqual([['s1', 'SLA BREACHED']]);
  });
});
