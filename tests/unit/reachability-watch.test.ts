import { describe, expect, it } from 'vitest';
import { ReachabilityWatch } from '../../electron/hub/alerts/reachability-watch.js';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { IncidentBook, SETTLE_MS } from '../../electron/hub/sla/incident-book.js';
import { MemoryIncidentStore } from '../../electron/hub/sla/incident-store.js';
import { foldAlerts } from '../../shared/alerts/folding.js';
import { SITE_UNREACHABLE_ID } from '../../shared/alerts/hub-alerts.js';
import type { ConnectionState } from '../../shared/fleet/health.js';
import { SlaConfig } from '../../shared/sla/contract.js';
import { FakeClock } from '../support/fake-clock.js';
import { alert, device } from '../support/fleet-fixtures.js';

/**
 * A site the hub cannot reach: the hub's own "unreachable" alert (disaster) while it is down,
 * the headline of its root incident, and the SLA incident of a site down as a whole, which only
 * the site coming back resolves.
 */

const MIN = 60_000;
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const CONFIG = SlaConfig.parse({
  contracts: [
    {
      customer: 'Acme',
      calendar: { timeZone: 'UTC', hours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY } },
      priorities: { disaster: 'P1', high: 'P2' },
      targets: {
        P1: { responseMinutes: 15, resolutionMinutes: 240, allHours: true },
        P2: { responseMinutes: 30, resolutionMinutes: 480 },
      },
    },
  ],
});

function rig() {
  const clock = new FakeClock(Date.UTC(2026, 11, 7, 9, 0));
  const fleet = new FleetState([{ id: 's', customer: 'Acme', name: 'Acme HQ' }], { clock });
  const watch = new ReachabilityWatch(fleet, clock);
  const store = new MemoryIncidentStore();
  const book = new IncidentBook(fleet, clock, CONFIG, store);
  watch.start();
  book.start();
  fleet.replaceSite('s', {
    stream: 'x',
    seq: 1,
    at: 1,
    devices: [device('pc1')],
    alerts: [alert('pc1-ping', 'pc1')],
  });
  const health = (state: ConnectionState) => {
    const current = fleet.site('s')?.health;
    if (!current) throw new Error('no site');
    fleet.setHealth('s', {
      ...current,
      state,
      reason: state === 'down' ? 'no data for 60 s' : null,
    });
  };
  return { clock, fleet, watch, book, store, health };
}

describe('a site the hub cannot reach', () => {
  it('raises the hub’s alert while the site is down (not while merely stale), and clears it when live', () => {
    const r = rig();
    r.health('live');
    r.health('stale');
    expect(r.fleet.hubAlert('s', SITE_UNREACHABLE_ID)).toBeUndefined();
    r.health('down');
    expect(r.fleet.hubAlert('s', SITE_UNREACHABLE_ID)).toMatchObject({
      severity: 'disaster',
      deviceId: null,
      title: 'Acme HQ unreachable',
      detail: 'no data for 60 s',
      raisedAt: r.clock.now(),
    });
    // It heads the site's root incident; the site's own alerts fold beneath it.
    const model = r.fleet.modelOf('s');
    if (!model) throw new Error('no model');
    const folding = foldAlerts({ name: 'Acme HQ', unreachable: true }, model.devices, model.alerts);
    expect(folding.roots.map((root) => [root.key, root.own, root.folded])).toEqual([
      ['site', [SITE_UNREACHABLE_ID], ['pc1-ping']],
    ]);
    r.health('stale');
    expect(r.fleet.hubAlert('s', SITE_UNREACHABLE_ID)).toBeDefined();
    r.health('live');
    expect(r.fleet.hubAlert('s', SITE_UNREACHABLE_ID)).toBeUndefined();
    r.book.dispose();
    r.watch.dispose();
    expect(r.fleet.listenerCount).toBe(0);
  });

  it('opens a P1 incident for the site down as a whole, kept across a reset while it is not live, resolved when it is back', () => {
    const r = rig();
    r.health('live');
    r.health('down');
    r.clock.advance(SETTLE_MS);
    const open = r.book.list().filter((i) => i.resolvedAt === null);
    expect(open.map((i) => [i.alertId, i.priority, i.title, i.deviceId])).toEqual([
      [SITE_UNREACHABLE_ID, 'P1', 'Acme HQ unreachable', null],
    ]);
    // A restarted hub: the site's contents come back from the store while it is still stale,
    // without the hub's alert (not judged yet). The incident stays open, its clocks running.
    r.clock.advance(5 * MIN);
    r.fleet.setHubAlert('s', SITE_UNREACHABLE_ID, null);
    r.health('stale');
    r.fleet.replaceSite('s', { stream: 'y', seq: 1, at: 1, devices: [device('pc1')], alerts: [] });
    expect(r.book.get(open[0]?.id ?? '')?.resolvedAt).toBeNull();
    // Back: resolved then, whether or not the alert was raised again.
    r.clock.advance(5 * MIN);
    r.health('live');
    const resolved = r.book.get(open[0]?.id ?? '');
    expect(resolved?.resolvedAt).toBe(r.clock.now());
    // Ten minutes of a 15-minute response: half of it warned on the way.
    expect(r.store.events.map((e) => e.what)).toEqual(['opened', 'warning', 'resolved']);
  });

  it('a technician’s resolve holds through a hub restart while the site is still away; a later outage is news', () => {
    const r = rig();
    r.health('live');
    const current = r.fleet.site('s')?.health;
    if (!current) throw new Error('no site');
    const lastData = r.clock.now();
    r.fleet.setHealth('s', { ...current, lastEventAt: lastData });
    r.health('down');
    r.clock.advance(SETTLE_MS);
    const id = r.book.list()[0]?.id ?? '';
    r.clock.advance(MIN);
    r.book.resolve(id, 'Dana', 'known ISP outage, tracked elsewhere');
    r.book.dispose();
    r.watch.dispose();

    // The restart: a new fleet, watch and book on the same store; the site comes back from the
    // store stale with its old data, then the hub calls it down again.
    r.clock.advance(MIN);
    const fleet = new FleetState([{ id: 's', customer: 'Acme', name: 'Acme HQ' }], {
      clock: r.clock,
    });
    const watch = new ReachabilityWatch(fleet, r.clock);
    const book = new IncidentBook(fleet, r.clock, CONFIG, r.store);
    watch.start();
    book.start();
    const set = (state: ConnectionState) => {
      const health = fleet.site('s')?.health;
      if (!health) throw new Error('no site');
      fleet.setHealth('s', { ...health, state, lastEventAt: lastData });
    };
    set('stale');
    fleet.replaceSite('s', { stream: 'x', seq: 1, at: 1, devices: [device('pc1')], alerts: [] });
    set('down');
    r.clock.advance(SETTLE_MS);
    expect(book.get(id)?.resolvedAt).not.toBeNull();
    expect(r.store.events.map((e) => e.what)).toEqual(['opened', 'resolved']);
    // Back, then away again: a new outage reopens it (within the contract's reopen window).
    set('live');
    set('down');
    r.clock.advance(SETTLE_MS);
    expect(book.get(id)?.resolvedAt).toBeNull();
    expect(r.store.events.map((e) => e.what)).toEqual(['opened', 'resolved', 'reopened']);
    book.dispose();
    watch.dispose();
  });

  it('an acknowledgement of the hub’s alert stops the response clock', () => {
    const r = rig();
    r.health('live');
    r.health('down');
    r.clock.advance(SETTLE_MS);
    const unreachable = r.fleet.hubAlert('s', SITE_UNREACHABLE_ID);
    if (!unreachable) throw new Error('no hub alert');
    r.clock.advance(MIN);
    const ack = {
      ackId: 'k1',
      technician: 'Dana',
      comment: 'calling the ISP',
      at: r.clock.now(),
      sticky: true,
      expiresAt: null,
    };
    r.fleet.setHubAlert('s', SITE_UNREACHABLE_ID, { ...unreachable, ack });
    const incident = r.book.list()[0];
    expect(incident?.respondedBy).toBe('Dana');
    expect(incident?.response.stoppedAt).toBe(r.clock.now());
  });
});
