import { describe, expect, it } from 'vitest';
import { HUB_LAPSES_ACK } from '../../electron/hub/links/ack-request.js';
import { ack, alert, CONFIRMED, raise, rig, SITE } from '../support/ack-outbox-rig.js';

/**
 * The timeline notes the outbox adds when a confirmed acknowledgement ends: at its expiry, and
 * when a not-sticky one lapses on a severity change (by the hub at a 1.0 site only).
 */

describe('AckOutbox lapses', () => {
  it('notes in the timeline when a confirmed acknowledgement expires, at its expiry', async () => {
    const r = rig();
    raise(r.fleet, alert('a1'));
    const until = r.clock.now() + 30 * 60_000;
    const action = r.outbox.request(ack('a1', { expiresAt: until }));
    await r.answer(CONFIRMED);
    // The site reports the ack (as a 1.0 site would: without the expiry).
    raise(
      r.fleet,
      alert('a1', 'high', { ackId: action.ackId, technician: 'Dana', comment: '', at: 2 }),
      'alert.update',
    );
    r.clock.advance(30 * 60_000 - 1);
    expect(r.log.kept.map((n) => n.what)).toEqual(['ack.requested', 'ack.confirmed']);
    r.clock.advance(1);
    expect(r.log.kept.at(-1)).toMatchObject({ what: 'ack.expired', source: 'hub', actor: 'hub' });
    expect(r.outbox.openResources).toBe(0);
  });

  it('at a 1.0 site: notes once when a not-sticky acknowledgement lapses on a severity change', async () => {
    const r = rig();
    raise(r.fleet, alert('a1', 'high'));
    const action = r.outbox.request(ack('a1', { sticky: false }));
    await r.answer({ kind: 'confirmed', hubHandled: HUB_LAPSES_ACK });
    const siteAck = { ackId: action.ackId, technician: 'Dana', comment: '', at: 2 };
    raise(r.fleet, alert('a1', 'high', siteAck), 'alert.update');
    expect(r.log.kept.at(-1)?.what).toBe('ack.confirmed');
    raise(r.fleet, alert('a1', 'disaster', siteAck), 'alert.update');
    expect(r.log.kept.at(-1)).toMatchObject({
      what: 'ack.lapsed',
      detail: 'the alert changed severity (high → disaster)',
    });
    expect(r.fleet.actionOf(SITE, 'a1')?.lapseNotedAt).toBe(r.clock.now());
    // A restart resumes the action, already noted: no second note.
    const notes = r.log.kept.length;
    const again = rig({ clock: r.clock, fleet: r.fleet, log: r.log });
    expect(r.log.kept).toHaveLength(notes);
    again.outbox.dispose();
  });

  it('at a 1.1 site: the severity the site applied it at counts; the hub notes no lapse itself', async () => {
    const r = rig();
    raise(r.fleet, alert('a1', 'high'));
    const action = r.outbox.request(ack('a1', { sticky: false }));
    // Escalated while the ack was on its way: the site applies it to the disaster.
    raise(r.fleet, alert('a1', 'disaster'), 'alert.update');
    await r.answer(CONFIRMED);
    expect(r.fleet.actionOf(SITE, 'a1')?.severity).toBe('disaster');
    const siteAck = { ackId: action.ackId, technician: 'Dana', comment: '', at: 2, sticky: false };
    raise(r.fleet, alert('a1', 'disaster', siteAck), 'alert.update');
    expect(r.log.kept.map((n) => n.what)).toEqual(['ack.requested', 'ack.confirmed']);
  });
});
