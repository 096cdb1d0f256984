import { AckOutbox } from '../../electron/hub/acks/ack-outbox.js';
import { MemoryActionLog } from '../../electron/hub/acks/action-log.js';
import { FleetState } from '../../electron/hub/fleet/fleet-state.js';
import type { Delivered } from '../../electron/hub/links/ack-request.js';
import type { TechnicianAction } from '../../shared/alerts/technician-action.js';
import type { Alert, Severity } from '../../shared/protocol/alert.js';
import { FakeClock } from './fake-clock.js';

/**
 * The acknowledgement outbox under a fake clock, with the site's link faked: the deliveries it
 * makes wait until a test answers them; what it shows goes through a real fleet state.
 */

export const SITE = 's';

export function alert(id: string, severity: Severity = 'high', ack: Alert['ack'] = null): Alert {
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
export function raise(
  fleet: FleetState,
  a: Alert,
  type: 'alert.raise' | 'alert.update' = 'alert.raise',
) {
  seq++;
  fleet.applyEvents(SITE, [{ seq, at: seq, type, alert: a }]);
}

export interface Rig {
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

export function rig(
  options: { log?: MemoryActionLog; fleet?: FleetState; clock?: FakeClock } = {},
): Rig {
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

export const ack = (alertId = 'a1', over: Partial<Parameters<AckOutbox['request']>[0]> = {}) => ({
  siteId: SITE,
  alertId,
  kind: 'ack' as const,
  technician: 'Dana',
  comment: 'on it',
  sticky: true,
  expiresAt: null,
  ...over,
});

export const CONFIRMED: Delivered = { kind: 'confirmed', hubHandled: null };
