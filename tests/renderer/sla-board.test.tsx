// @vitest-environment happy-dom
import { act, cleanup, render, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App.js';
import type { AppInfo } from '../../shared/bridge/fleet-view.js';
import { pauseIncident, respond, type Incident } from '../../shared/sla/incident.js';
import { ALWAYS_OPEN, BusinessTime } from '../../shared/sla/business-time.js';
import { FakeClock } from '../support/fake-clock.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { content, site, snapshot, T0 } from './fleet-fixtures.js';
import { settle } from './settle.js';
import { setRenderProbe } from '../../renderer/src/debug/render-probe.js';
import { CALENDAR, incident, INFO, MIN, TERMS } from './sla-fixtures.js';
import { slaHref } from '../../renderer/src/routing/hash-route.js';

/** The SLA board: rows by the nearest breach, countdowns on the board's one clock, pauses, breaches. */

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

async function openBoard(incidents: Incident[], info: AppInfo = INFO, hash = '#/sla') {
  window.location.hash = hash;
  const fleet = snapshot(5, [site('s1')], [{ ...content('s1', [], []), incidents }]);
  const bridge = new FakeBridge(fleet, info);
  const clock = new FakeClock(T0);
  const view = render(<App bridge={bridge} clock={clock} deltaBatchMs={0} />);
  await act(settle);
  return { view, clock };
}

const rowTexts = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('[data-testid="sla-row"]')].map((row) => ({
    id: row.dataset.id,
    risk: row.dataset.risk,
    response: row.querySelector('[data-testid="sla-response"]')?.textContent,
    resolution: row.querySelector('[data-testid="sla-resolution"]')?.textContent,
    pause: row.querySelector('[data-testid="sla-pause"]')?.textContent,
  }));

describe('the SLA board', () => {
  it('lists open incidents by the nearest breach, counts down on the shared clock, shows pauses and breaches', async () => {
    const business = new BusinessTime(CALENDAR);
    // P1 (24×7), 5 minutes old: 10 minutes to respond.
    const soon = incident('soon', 'P1', T0 - 5 * MIN, 'Gateway down');
    // P2 raised at 08:00 on a Thursday: business time counts from 09:00, 30 minutes to respond.
    const later = incident('later', 'P2', T0 - 60 * MIN, 'FS01 down');
    // Responded, then paused waiting on the ISP: nothing running, last.
    let waiting = incident('waiting', 'P2', T0 - 2 * MIN, 'WAN degraded');
    waiting = respond(waiting, 'Dana', T0 - MIN, business);
    waiting = pauseIncident(
      waiting,
      {
        reason: 'vendor',
        vendor: 'Telekom',
        reference: 'TK-4411',
        by: 'Dana',
        at: T0,
        comment: '',
      },
      TERMS,
      business,
    );
    // P1 20 minutes old, unanswered: 5 minutes overdue.
    const late = {
      ...incident('late', 'P1', T0 - 20 * MIN, 'Firewall down'),
      breaches: [{ clock: 'response' as const, at: T0 - 5 * MIN }],
    };
    expect(ALWAYS_OPEN.elapsed(late.openedAt, T0)).toBe(20 * MIN);
    const { view, clock } = await openBoard([later, waiting, soon, late]);
    expect(rowTexts(view.container)).toEqual([
      {
        id: 'late',
        risk: 'breached',
        response: '+0:05:00 overdue',
        resolution: '3:40:00',
        pause: '',
      },
      { id: 'soon', risk: 'ok', response: '0:10:00', resolution: '3:55:00', pause: '' },
      { id: 'later', risk: 'ok', response: '0:30:00', resolution: '8:00:00', pause: '' },
      {
        id: 'waiting',
        risk: 'ok',
        response: '✓ met',
        resolution: '8:00:00 ⏸ paused',
        pause: 'waiting on Telekom · TK-4411',
      },
    ]);
    // The board's one clock moves: every running countdown with it, the paused one not.
    act(() => {
      clock.advance(6 * MIN);
    });
    const after = rowTexts(view.container);
    expect(after.map((r) => [r.id, r.response, r.resolution])).toEqual([
      ['late', '+0:11:00 overdue', '3:34:00'],
      ['soon', '0:04:00', '3:49:00'],
      ['later', '0:24:00', '7:54:00'],
      ['waiting', '✓ met', '8:00:00 ⏸ paused'],
    ]);
    // Past half its target: at risk.
    expect(
      after[1]?.id === 'soon' &&
        view.container.querySelector('[data-id="soon"]')?.getAttribute('data-risk'),
    ).toBe('at-risk');
  });

  it('is a table to assistive technology: named columns, a row per incident, its cells in column order', async () => {
    const soon = incident('soon', 'P1', T0 - 5 * MIN, 'Gateway down');
    const later = incident('later', 'P2', T0 - 60 * MIN, 'FS01 down');
    const { view } = await openBoard([later, soon]);
    const table = view.getByRole('table', { name: 'Open incidents' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Customer',
      'Site',
      'Priority',
      'Incident',
      'Response',
      'Resolution',
      'State',
      'Waiting on',
    ]);
    // The head row, then one row per incident, the nearest breach first.
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const first = rows[1];
    if (first === undefined) throw new Error('no incident row');
    const cells = within(first)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toHaveLength(headers.length);
    expect(cells.slice(2, 6)).toEqual(['P1', 'Gateway down Timeline', '0:10:00', '3:55:00']);
    expect(rows[2]?.dataset.id).toBe('later');
  });

  it('a tick renders the countdowns alone: rows render when their incident or risk changes', async () => {
    const incidents = Array.from({ length: 30 }, (_, i) =>
      incident(`p${i}`, 'P1', T0 - i * MIN, `Thing ${i}`),
    );
    const { view, clock } = await openBoard(incidents);
    const renders: [string, string][] = [];
    setRenderProbe((component, key) => {
      renders.push([component, key]);
    });
    const rendered = (name: string) => renders.filter(([c]) => c === name).map(([, k]) => k);
    try {
      act(() => {
        clock.advance(1000);
      });
      // Every countdown moved; of the rows, only p15's: its 15-minute response was due a second
      // ago, so its risk turned to breached.
      expect(rendered('sla-clocks')).toHaveLength(30);
      expect(rendered('sla-row')).toEqual(['p15']);
      expect(view.container.querySelector('[data-id="p15"]')?.getAttribute('data-risk')).toBe(
        'breached',
      );
      // p7 (7 minutes old) passes half its target at 7:30: its row renders then, no other.
      renders.length = 0;
      act(() => {
        clock.advance(30_000);
      });
      expect(rendered('sla-row')).toEqual(['p7']);
      expect(view.container.querySelector('[data-id="p7"]')?.getAttribute('data-risk')).toBe(
        'at-risk',
      );
    } finally {
      setRenderProbe(null);
    }
  });

  it('rows out of view do not tick; back in view they show the clock at once', async () => {
    // A stand-in IntersectionObserver the test drives (happy-dom's never reports).
    const observers: FakeObserver[] = [];
    class FakeObserver {
      readonly targets = new Set<Element>();
      disconnected = false;
      constructor(
        readonly report: (entries: { target: Element; isIntersecting: boolean }[]) => void,
        readonly options: { root: Element; rootMargin: string },
      ) {
        observers.push(this);
      }
      observe(target: Element) {
        this.targets.add(target);
      }
      unobserve(target: Element) {
        this.targets.delete(target);
      }
      disconnect() {
        this.targets.clear();
        this.disconnected = true;
      }
    }
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const renders: string[] = [];
    try {
      const incidents = Array.from({ length: 30 }, (_, i) =>
        incident(`p${i}`, 'P1', T0 - i * MIN - 10_000, `Thing ${i}`),
      );
      const { view, clock } = await openBoard(incidents);
      const observer = observers.at(-1);
      if (!observer) throw new Error('no observer');
      expect(observer.targets.size).toBe(30);
      // Watched within the board's own scroll box, a little beyond its edges.
      expect(observer.options.root).toBe(view.getByTestId('sla-board'));
      expect(observer.options.rootMargin).toBe('200px');
      const row = (id: string) => view.container.querySelector(`[data-id="${id}"]`);
      // The first ten are in view, the rest not.
      act(() => {
        observer.report(
          [...observer.targets].map((target) => ({
            target,
            isIntersecting: Number((target as HTMLElement).dataset.id?.slice(1)) < 10,
          })),
        );
      });
      setRenderProbe((component, key) => {
        if (component === 'sla-clocks') renders.push(key);
      });
      act(() => {
        clock.advance(5000);
      });
      // Only the rows in view rendered their countdowns (each at least once).
      expect([...new Set(renders)].toSorted()).toEqual(
        Array.from({ length: 10 }, (_, i) => `p${i}`).toSorted(),
      );
      // p20 kept what it showed; scrolled into view, it shows the clock's time at once.
      const before = row('p20')?.querySelector('[data-testid="sla-resolution"]')?.textContent;
      const target = row('p20');
      if (!target) throw new Error('no row p20');
      act(() => {
        observer.report([{ target, isIntersecting: true }]);
      });
      const after = row('p20')?.querySelector('[data-testid="sla-resolution"]')?.textContent;
      expect(before).not.toBe(after);
      // 4 h less 20 min 10 s at T0, then 5 s on.
      expect(after).toBe('3:39:45');
      // Gone with the board: the observer disconnected, nothing left on the clock.
      cleanup();
      expect(observer.disconnected).toBe(true);
      expect(clock.pendingCount).toBe(0);
    } finally {
      setRenderProbe(null);
      vi.unstubAllGlobals();
    }
  });

  it('brings the incident a notice was about into view, marked', async () => {
    const { view } = await openBoard(
      [
        incident('first', 'P1', T0 - 5 * MIN, 'Gateway down'),
        incident('second', 'P2', T0 - 60 * MIN, 'FS01 down'),
      ],
      INFO,
      slaHref('second'),
    );
    const focused = [...view.container.querySelectorAll<HTMLElement>('[data-testid="sla-row"]')]
      .filter((row) => row.dataset.focused === 'true')
      .map((row) => row.dataset.id);
    expect(focused).toEqual(['second']);
  });

  it('says when no SLA is configured, or nothing is open', async () => {
    const none = await openBoard([], DEMO_INFO);
    expect(none.view.getByTestId('sla-none').textContent).toMatch(
      /No SLA contracts are configured/,
    );
    cleanup();
    const empty = await openBoard([]);
    expect(empty.view.getByTestId('sla-empty').textContent).toBe('✓ No open incidents.');
  });
});
