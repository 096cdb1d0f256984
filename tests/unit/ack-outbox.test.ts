import { describe, expect, it } from 'vitest';
import {
  AckOutbox,
  ActionRefused,
  MAX_INVALID_ANSWERS,
  MAX_PENDING_ACTIONS,
} from '../../electron/hub/acks/ack-outbox.js';
import { MemoryActionLog } from '../../electron/hub/acks/action-log.js';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import { FakeClock } from '../support/fake-clock.js';
import { ack, alert, CONFIRMED, raise, rig, SITE } from '../support/ack-outbox-rig.js';

/**
 * The acknowledgement outbox: what it records, when it delivers, how it retries, what it shows
 * every window (through the fleet state). Expiry and lapse notes: ack-lapse.test.ts.
 */

describe('AckOutbox', () => {
  it('records an ack before answering, shows it pending, delivers it, and shows it confirmed', async () => {
    const r = rig();
    raise(r.fleet, alert('a1'));
    const action = r.outbox.request(ack());
    expect(action).toMatchObject({
      ackId: 'k1',
      delivery: 'pending',
      severity: 'high',
      attempts: 0,
    });
    expect(r.log.kept.map((n) => n.what)).toEqual(['ack.requested']);
    expect(r.log.load().map((a) => a.ackId)).toEqual(['k1']); // stored while pending
    expect(r.fleet.actionOf(SITE, 'a1')?.delivery).toBe('pending');
    expect(r.sent.map((a) => [a.ackId, a.attempts])).toEqual([['k1', 1]]);
    await r.answer(CONFIRMED);
    expect(r.fleet.actionOf(SITE, 'a1')).toMatchObject({
      delivery: 'confirmed',
      settledAt: r.clock.now(),
    });
    expect(r.log.kept.map((n) => n.what)).toEqual(['ack.requested', 'ack.confirmed']);
    expect(r.outbox.pendingCount).toBe(0);
  });

  it('waits while the site is not connected, and delivers the moment it streams again', async () => {
    const r = rig();
    r.streaming.value = false;
    raise(r.fleet, alert('a1'));
    r.outbox.request(ack());
    r.clock.advance(3_600_000);
    expect(r.sent).toEqual([]);
    r.streaming.value = true;
    r.outbox.siteStreaming(SITE);
    expect(r.sent.map((a) => a.ackId)).toEqual(['k1']);
    await r.answer(CONFIRMED);
    expect(r.fleet.actionOf(SITE, 'a1')?.delivery).toBe('confirmed');
  });

  it('retries an unanswered delivery with backoff (1 s doubling to 60 s), saying why it waits', async () => {
    const r = rig();
    raise(r.fleet, alert('a1'));
    r.outbox.request(ack());
    await r.answer({ kind: 'retry', reason: 'site s did not confirm in time' });
    expect(r.fleet.actionOf(SITE, 'a1')).toMatchObject({
      delivery: 'pending',
      reason: 'site s did not confirm in time',
      attempts: 1,
    });
    expect(r.outbox.openResources).toBe(1);
    r.clock.advance(999);
    expect(r.sent).toHaveLength(1);
    r.clock.advance(1);
    expect(r.sent).toHaveLength(2);
    await r.answer({ kind: 'retry', reason: 'again' });
    r.clock.advance(1999);
    expect(r.sent).toHaveLength(2);
    r.clock.advance(1);
    expect(r.sent.map((a) => a.attempts)).toEqual([1, 2, 3]);
    // The link coming back skips the wait.
    await r.answer({ kind: 'retry', reason: 'not connected' });
    r.outbox.siteStreaming(SITE);
    expect(r.sent).toHaveLength(4);
    await r.answer(CONFIRMED);
    expect(r.fleet.actionOf(SITE, 'a1')).toMatchObject({ delivery: 'confirmed', attempts: 4 });
    expect(r.outbox.openResources).toBe(0);
  });

  it('shows a refusal with the site’s reason, and goes on with the next action of the site, in order', async () => {
    const r = rig();
    raise(r.fleet, alert('a1'));
    raise(r.fleet, alert('a2'));
    r.outbox.request(ack('a1'));
    r.outbox.request(ack('a2'));
    expect(r.sent.map((a) => a.ackId)).toEqual(['k1']); // one at a time
    await r.answer({ kind: 'refused', reason: 'no open alert a1' });
    expect(r.fleet.actionOf(SITE, 'a1')).toMatchObject({
      delivery: 'refused',
      reason: 'no open alert a1',
    });
    expect(r.log.kept.at(-1)).toMatchObject({ what: 'ack.refused', detail: 'no open alert a1' });
    expect(r.sent.map((a) => a.ackId)).toEqual(['k1', 'k2']);
    await r.answer(CONFIRMED);
    expect(r.fleet.actionOf(SITE, 'a2')?.delivery).toBe('confirmed');
  });

  it('resumes what was pending from its log after a restart, and delivers it', async () => {
    const clock = new FakeClock();
    const fleet = new FleetState([{ id: SITE, customer: 'C' }], { clock });
    raise(fleet, alert('a1'));
    const first = rig({ clock, fleet });
    first.streaming.value = false;
    first.outbox.request(ack());
    first.outbox.dispose();
    const fleetAfter = new FleetState([{ id: SITE, customer: 'C' }], { clock });
    raise(fleetAfter, alert('a1'));
    const second = rig({ clock, fleet: fleetAfter, log: first.log });
    expect(second.fleet.actionOf(SITE, 'a1')).toMatchObject({ ackId: 'k1', delivery: 'pending' });
    expect(second.sent.map((a) => a.ackId)).toEqual(['k1']);
    await second.answer(CONFIRMED);
    expect(second.log.load()).toEqual([]);
  });

  it('refuses, recording nothing, what cannot apply', () => {
    const r = rig();
    raise(r.fleet, alert('a1'));
    const refused = (input: Parameters<AckOutbox['request']>[0]) => {
      try {
        r.outbox.request(input);
      } catch (error) {
        expect(error).toBeInstanceOf(ActionRefused);
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refused(ack('a1', { siteId: 'nowhere' }))).toBe('no site "nowhere"');
    expect(refused(ack('a9'))).toBe('no open alert "a9" at site "s"');
    expect(refused(ack('a1', { kind: 'unack' }))).toBe('alert "a1" is not acknowledged');
    expect(refused(ack('a1', { expiresAt: r.clock.now() }))).toBe(
      'the expiry must be in the future',
    );
    expect(r.log.kept).toEqual([]);
  });

  it(`refuses more than ${MAX_PENDING_ACTIONS.toLocaleString('en-US')} actions waiting for their sites`, () => {
    const r = rig();
    r.streaming.value = false;
    raise(r.fleet, alert('a1'));
    for (let i = 0; i < MAX_PENDING_ACTIONS; i++) r.outbox.request(ack());
    expect(() => r.outbox.request(ack())).toThrow(/5,000 acknowledgements are already waiting/);
    expect(r.outbox.pendingCount).toBe(MAX_PENDING_ACTIONS);
  });

  it("gives up on a site whose answers are not the protocol's after 5, and moves on", async () => {
    const r = rig();
    raise(r.fleet, alert('a1'));
    raise(r.fleet, alert('a2'));
    r.outbox.request(ack('a1'));
    r.outbox.request(ack('a2'));
    for (let i = 1; i <= MAX_INVALID_ANSWERS; i++) {
      await r.answer({ kind: 'invalid', reason: 'invalid reply: ok: expected boolean' });
      r.clock.advance(60_000);
    }
    expect(r.fleet.actionOf(SITE, 'a1')).toMatchObject({
      delivery: 'refused',
      reason:
        "the site's answers were not the protocol's (5 times): invalid reply: ok: expected boolean",
    });
    // The next action of the site is not held behind it.
    expect(r.sent.at(-1)?.alertId).toBe('a2');
  });

  it('does not resume an action for a site no longer configured, and says so', () => {
    const clock = new FakeClock();
    const log = new MemoryActionLog();
    const fleet = new FleetState([{ id: SITE, customer: 'C' }], { clock });
    raise(fleet, alert('a1'));
    const first = rig({ clock, fleet, log });
    first.streaming.value = false;
    first.outbox.request(ack());
    first.outbox.dispose();
    const skipped: string[] = [];
    const other = new FleetState([{ id: 'elsewhere', customer: 'C' }], { clock });
    const outbox = new AckOutbox({
      clock,
      log,
      fleet: other,
      streaming: () => true,
      deliver: () => Promise.resolve(CONFIRMED),
      onSkipped: (action) => skipped.push(action.siteId),
    });
    expect(skipped).toEqual([SITE]);
    expect(outbox.pendingCount).toBe(0);
    outbox.dispose();
  });

  it('holds no timer after dispose, and ignores an answer that comes after it', async () => {
    const r = rig();
    raise(r.fleet, alert('a1'));
    r.outbox.request(ack('a1', { expiresAt: r.clock.now() + 60_000 }));
    r.outbox.dispose();
    expect(r.outbox.openResources).toBe(0);
    await r.answer(CONFIRMED);
    expect(r.fleet.actionOf(SITE, 'a1')?.delivery).toBe('pending');
  });
});
