import { describe, expect, it } from 'vitest';
import { ackView } from '../../shared/alerts/alert-state.js';
import type { TechnicianAction } from '../../shared/alerts/technician-action.js';
import type { Alert, AlertAck } from '../../shared/protocol/alert.js';

/**
 * The one rule for an alert's acknowledgement state (shared by the hub and every window), at
 * given instants: every transition of open → pending → acknowledged → open again.
 */

const T = Date.UTC(2026, 11, 1, 9, 0, 0);
const MIN = 60_000;

const alert = (ack: AlertAck | null = null, severity: Alert['severity'] = 'high'): Alert => ({
  id: 'a1',
  deviceId: 'd1',
  check: 'ping',
  severity,
  title: 'Core switch unreachable',
  detail: '',
  raisedAt: T - 10 * MIN,
  updatedAt: T,
  ack,
});

const action = (over: Partial<TechnicianAction> = {}): TechnicianAction => ({
  ackId: 'k1',
  siteId: 's',
  alertId: 'a1',
  kind: 'ack',
  technician: 'Dana',
  comment: 'on it',
  sticky: true,
  expiresAt: null,
  severity: 'high',
  requestedAt: T,
  delivery: 'confirmed',
  reason: null,
  attempts: 1,
  settledAt: T + 1000,
  hubHandled: null,
  withdraws: null,
  lapseNotedAt: null,
  ...over,
});

const siteAck = (over: Partial<AlertAck> = {}): AlertAck => ({
  ackId: 'k1',
  technician: 'Dana',
  comment: 'on it',
  at: T + 500,
  ...over,
});

describe('ackView: an alert’s acknowledgement state', () => {
  it('is unacknowledged with no acknowledgement at all', () => {
    expect(ackView(alert(), null, T)).toMatchObject({ status: 'unacknowledged', lapsed: null });
  });

  it('is pending from the request until the site answers, whatever the site shows meanwhile', () => {
    const pending = action({ delivery: 'pending', settledAt: null, attempts: 0 });
    expect(ackView(alert(), pending, T).status).toBe('pending');
    // Someone else's older ack at the site does not hide that ours is on its way.
    const other = siteAck({ ackId: 'k0', technician: 'Sam' });
    expect(ackView(alert(other), pending, T).status).toBe('pending');
    // An un-ack on its way is pending too.
    expect(
      ackView(alert(siteAck()), action({ kind: 'unack', delivery: 'pending' }), T).status,
    ).toBe('pending');
  });

  it('is acknowledged once the site reports the acknowledgement, by whoever gave it', () => {
    const view = ackView(alert(siteAck()), action(), T + 2000);
    expect(view).toMatchObject({ status: 'acknowledged', expiresAt: null, lapsed: null });
    expect(view.ack?.technician).toBe('Dana');
    // Given at another dashboard: the site's word is enough.
    expect(ackView(alert(siteAck({ ackId: 'x' })), null, T).status).toBe('acknowledged');
  });

  it('is confirmed but not yet shown by the site: unacknowledged until the site’s update arrives', () => {
    expect(ackView(alert(), action(), T + 2000).status).toBe('unacknowledged');
  });

  it('is refused with the site’s reason; an older acknowledgement still holds', () => {
    const refused = action({ delivery: 'refused', reason: 'no open alert a1' });
    expect(ackView(alert(), refused, T).status).toBe('refused');
    const older = siteAck({ ackId: 'k0', technician: 'Sam' });
    const view = ackView(alert(older), refused, T);
    expect(view.status).toBe('acknowledged');
    expect(view.ack?.technician).toBe('Sam');
    expect(view.action?.reason).toBe('no open alert a1');
  });

  it('lapses at its expiry: kept by the site (1.1) or by the hub’s action (a 1.0 site)', () => {
    const until = T + 30 * MIN;
    // 1.1: the site's ack carries the expiry.
    const reported = alert(siteAck({ expiresAt: until, sticky: true }));
    expect(ackView(reported, null, until - 1)).toMatchObject({
      status: 'acknowledged',
      expiresAt: until,
    });
    expect(ackView(reported, null, until)).toMatchObject({
      status: 'unacknowledged',
      lapsed: 'the acknowledgement expired',
    });
    // 1.0: the site knows no expiry; the hub's action for the same ack id does.
    const ours = action({ expiresAt: until, hubHandled: 'the site speaks protocol 1.0: …' });
    expect(ackView(alert(siteAck()), ours, until - 1).status).toBe('acknowledged');
    expect(ackView(alert(siteAck()), ours, until + 1).lapsed).toBe('the acknowledgement expired');
    // Another ack id at the site is not ours: our expiry does not apply to it.
    expect(ackView(alert(siteAck({ ackId: 'x' })), ours, until + 1).status).toBe('acknowledged');
  });

  it('not sticky, at a 1.0 site: the hub lapses it when the alert changes severity; sticky: holds', () => {
    const loose = action({ sticky: false, hubHandled: 'the site speaks protocol 1.0: …' });
    expect(ackView(alert(siteAck(), 'high'), loose, T).status).toBe('acknowledged');
    expect(ackView(alert(siteAck(), 'disaster'), loose, T)).toMatchObject({
      status: 'unacknowledged',
      lapsed: 'the alert changed severity (high → disaster)',
    });
    expect(ackView(alert(siteAck(), 'disaster'), action(), T).status).toBe('acknowledged');
  });

  it('not sticky, at a 1.1 site: the site decides (it drops the ack itself), not the hub', () => {
    const loose = action({ sticky: false });
    const reported = siteAck({ sticky: false });
    expect(ackView(alert(reported, 'disaster'), loose, T).status).toBe('acknowledged');
    // Once the site has dropped it, the alert reports no ack.
    expect(ackView(alert(null, 'disaster'), loose, T).status).toBe('unacknowledged');
  });

  it('is withdrawn by a confirmed un-ack of that very acknowledgement, whatever the clocks say', () => {
    const unack = action({
      ackId: 'k2',
      kind: 'unack',
      withdraws: 'k1',
      requestedAt: T + 5000,
      settledAt: T + 6000,
    });
    // A 1.0 site still reports the ack: the hub's un-ack decides.
    expect(ackView(alert(siteAck()), unack, T + 7000).status).toBe('unacknowledged');
    // The site's clock runs an hour ahead of the hub's: still withdrawn (matched by ack id).
    const ahead = siteAck({ at: T + 3_600_000 });
    expect(ackView(alert(ahead), unack, T + 7000).status).toBe('unacknowledged');
    // Acknowledged again at the site after the un-ack (another ack id): that one holds.
    const again = siteAck({ ackId: 'k3', at: T + 9000 });
    expect(ackView(alert(again), unack, T + 9500).status).toBe('acknowledged');
    // A refused un-ack changes nothing.
    const refused = action({ ackId: 'k2', kind: 'unack', withdraws: 'k1', delivery: 'refused' });
    expect(ackView(alert(siteAck()), refused, T + 7000).status).toBe('acknowledged');
  });
});
