import { describe, expect, it } from 'vitest';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { Notifier } from '../../electron/hub/notify/notifier.js';
import { IncidentBook, SETTLE_MS } from '../../electron/hub/sla/incident-book.js';
import { MemoryIncidentStore } from '../../electron/hub/sla/incident-store.js';
import type { Notice } from '../../shared/notify/notice.js';
import { NotifyConfig } from '../../shared/notify/notify-config.js';
import { SlaConfig } from '../../shared/sla/contract.js';
import { FakeClock } from '../support/fake-clock.js';
import { alert, device } from '../support/fleet-fixtures.js';
import { EVERY_DAY } from '../support/sla-hours.js';

/**
 * SLA warnings and breaches as notices, end to end in the hub: an incident's clock reaching 50 %,
 * 75 %, 90 % of its target and the breach each becomes a notice that links to the SLA board;
 * a rule by priority keeps out the others.
 */

const MIN = 60_000;
const SLA = SlaConfig.parse({
  contracts: [
    {
      customer: 'Acme',
      calendar: { timeZone: 'UTC', hours: EVERY_DAY },
      priorities: { disaster: 'P1', high: 'P2' },
      targets: {
        P1: { responseMinutes: 20, resolutionMinutes: 240, allHours: true },
        P2: { responseMinutes: 60, resolutionMinutes: 480 },
      },
    },
  ],
});

function rig(notify: unknown) {
  const clock = new FakeClock(Date.UTC(2026, 11, 7, 9, 0));
  const fleet = new FleetState([{ id: 's', customer: 'Acme', name: 'Acme HQ' }], { clock });
  const book = new IncidentBook(fleet, clock, SLA, new MemoryIncidentStore());
  const notifier = new Notifier(fleet, clock, NotifyConfig.parse(notify));
  book.start();
  fleet.replaceSite('s', {
    stream: 'x',
    seq: 1,
    at: clock.now(),
    devices: [device('gw'), device('pc')],
    alerts: [],
  });
  const seen: Notice[] = [];
  notifier.subscribe((notices) => seen.push(...notices));
  let seq = 1;
  const raise = (id: string, deviceId: string, severity: 'disaster' | 'high') => {
    fleet.applyEvents('s', [
      {
        seq: ++seq,
        at: clock.now(),
        type: 'alert.raise',
        alert: { ...alert(id, deviceId), severity, title: `${deviceId} down` },
      },
    ]);
  };
  return { clock, seen, raise, book, notifier };
}

describe('SLA warnings as notices', () => {
  it('tells each share of a P1 response target and its breach, each linking to the SLA board', () => {
    const { clock, seen, raise } = rig({ rules: [{ events: ['sla'] }] });
    raise('gw-down', 'gw', 'disaster');
    clock.advance(SETTLE_MS);
    // 20 min response: 50 % at 10 min, 75 % at 15, 90 % at 18, breached past 20.
    for (let minute = 0; minute < 25; minute++) clock.advance(MIN);
    clock.advance(10 * MIN);
    const sla = seen.filter((notice) => notice.target.view === 'sla');
    expect(sla.map((notice) => notice.title)).toEqual([
      'SLA: P1 response at 50 % of its target at Acme HQ',
      'SLA: P1 response at 75 % of its target at Acme HQ',
      'SLA: P1 response at 90 % of its target at Acme HQ',
      'SLA: P1 response target breached at Acme HQ',
    ]);
    expect(sla.at(-1)).toMatchObject({ severity: 'disaster', body: 'gw down · Acme', sound: true });
    expect(sla[0]?.target).toMatchObject({ view: 'sla', siteId: 's' });
    // The rule covers SLA warnings only: the alert itself was not told.
    expect(seen.filter((notice) => notice.target.view === 'site')).toEqual([]);
  });

  it('keeps out the priorities a rule leaves out', () => {
    const { clock, seen, raise } = rig({ rules: [{ events: ['sla'], priorities: ['P1'] }] });
    raise('pc-down', 'pc', 'high');
    clock.advance(SETTLE_MS);
    for (let minute = 0; minute < 70; minute++) clock.advance(MIN);
    expect(seen).toEqual([]);
  });
});
