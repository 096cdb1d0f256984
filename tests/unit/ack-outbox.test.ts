import { describe, expect, it } from 'vitest';
import {
  AckOutbox,
  ActionRefused,
  MAX_INVALID_ANSWERS,
  MAX_PENDING_ACTIONS,
} from '../../electron/hub/acks/ack-outbox.js';
import { HUB_LAPSES_ACK } from '../../electron/hub/links/ack-request.js';
import { MemoryActionLog } from '../../electron/hub/acks/action-log.js';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import type { Delivered } from '../../electron/hub/links/ack-request.js';
import type { TechnicianAction } from '../../shared/alerts/technician-action.js';
import type { Alert, Severity } from '../../shared/protocol/alert.js';
import { FakeClock } from '../support/fake-clock.js';

/**
 * The acknowledgement outbox under a fake clock, with the site's link faked: what it records,
 * when it delivers, how it retries, what it shows every window (through the fleet state).
 */

const SITE = 's';

function alert(id: string, severity: Severity = 'high', ack: Alert['ack'] = null): Alert {
  return {
    id,
    deviceId: null,
    check: `check-${id}`,
    severity,
    title: `alert ${id}`,
    detail: '',
    raisedAt: 1,
    updatedAt: 1,
    ack,
  };
}

let seq = 0;
function raise(fleet: FleetState, a: Alert, type: 'alert.raise' | 'alert.update' = 'alert.raise') {
  seq++;
  fleet.applyEvents(SITE, [{ seq, at: seq, type, alert: a }]);
}

interface Rig {
  clock: FakeClock;
  fleet: FleetState;
  log: MemoryActionLog;
  outbox: AckOutbox;
  sent: TechnicianAction[];
  /** Answers to the next deliveries, in order; when empty, every delivery waits (unanswered). */
  answers: Delivered[];
  streaming: { value: boolean };
  /** Settles the delivery in flight with `answer`. */
  answer(answer: Delivered): Promise<void>;
}

function rig(options: { log?: MemoryActionLog; fleet?: FleetState; clock?: FakeClock } = {}): Rig {
  const clock = options.clock ?? new FakeClock();
  const fleet = options.fleet ?? new FleetState([{ id: SITE, customer: 'C' }], { clock });
  const log = options.log ?? new MemoryActionLog();
  const sent: TechnicianAction[] = [];
  const waiting: ((answer: Delivered) => void)[] = [];
  const streaming = { value: true };
  let n = 0;
  const outbox = new AckOutbox({
    clock,
    log,
    fleet,
    random: () => 1,
    newId: () => `k${++n}`,
    streaming: () => streaming.value,
    deliver: (action) => {
      sent.push(action);
      return new Promise<Delivered>((resolve) => waiting.push(resolve));
    },
  });
  return {
    clock,
    fleet,
    log,
    outbox,
    sent,
    answers: [],
    streaming,
    async answer(answer) {
      const resolve = waiting.shift();
      if (!resolve) throw new Error('no delivery in flight');
      resolve(answer);
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

const ack = (alertId = 'a1', over: Partial<Parameters<AckOutbox['request']>[0]> = {}) => ({
  siteId: SITE,
  alertId,
  kind: 'ack' as const,
  technician: 'Dana',
  comment: 'on it',
  sticky: true,
  expiresAt: null,
  ...over,
});

const CONFIRMED: Delivered = { kind: 'confirmed', hubHandled: null };

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
