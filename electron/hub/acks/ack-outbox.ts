import { randomUUID } from 'node:crypto';
import { ackView } from '../../../shared/alerts/alert-state.js';
import type {
  ActionNote,
  ActionNoteKind,
  TechnicianAction,
} from '../../../shared/alerts/technician-action.js';
import type { TimerHandle } from '../../../shared/clock.js';
import type { ReconnectOptions } from '../config/hub-options.js';
import { backoffDelay } from '../links/backoff.js';
import type { Delivered } from '../links/ack-request.js';
import { noteOf } from './action-note.js';
import { ActionRefused, MAX_PENDING_ACTIONS, type ActionRequest } from './action-request.js';
import { ExpiryWatch } from './expiry-watch.js';
import { DELIVERY_RETRY, type OutboxDeps } from './outbox-deps.js';

export { ActionRefused, MAX_PENDING_ACTIONS, type ActionRequest } from './action-request.js';
export { DELIVERY_RETRY, type OutboxDeps } from './outbox-deps.js';

/** Answers a site may give that are not the protocol's before its action is given up. */
export const MAX_INVALID_ANSWERS = 5;

interface SiteQueue {
  /** Pending ack ids, oldest first: delivered one at a time, in order. */
  readonly ids: string[];
  sending: boolean;
  failures: number;
  timer: TimerHandle | null;
}

/**
 * The acknowledgement outbox: a technician's ack (or un-ack) is stored before the page hears it
 * is pending, then delivered to its site in order, one at a time, until the site confirms or
 * refuses it: at once when the site's link is streaming, again with backoff while it does not
 * answer, at once again when the link comes back, and after a restart from the store. The site
 * applies each ack id once, so a delivery repeated (the hub died before storing the answer)
 * changes nothing there. Every window sees each step through the fleet state.
 */
export class AckOutbox {
  private readonly pending = new Map<string, TechnicianAction>();
  /** ackId → answers from its site that were not the protocol's, so far. */
  private readonly invalidAnswers = new Map<string, number>();
  private readonly queues = new Map<string, SiteQueue>();
  private readonly expiry: ExpiryWatch;
  private readonly newId: () => string;
  private readonly retry: ReconnectOptions;
  private disposed = false;

  constructor(private readonly deps: OutboxDeps) {
    this.newId = deps.newId ?? randomUUID;
    this.retry = deps.retry ?? DELIVERY_RETRY;
    this.expiry = new ExpiryWatch(deps.clock, deps.fleet, (action, note) => {
      this.lapsed(action, note);
    });
    for (const action of deps.log.load()) {
      // A site taken out of the config: nothing to deliver it to, nothing to show it on.
      if (deps.fleet.modelOf(action.siteId) === undefined) deps.onSkipped?.(action);
      else this.resume(action);
    }
  }

  /** Actions stored and not yet confirmed or refused. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Timers held; zero after dispose. */
  get openResources(): number {
    let open = this.expiry.openResources;
    for (const queue of this.queues.values()) open += queue.timer ? 1 : 0;
    return open;
  }

  /**
   * Records a technician's action and starts its delivery; returns it, pending. Throws
   * ActionRefused (nothing recorded) when it cannot apply, or the log's error when it could not
   * be stored: the page is never told "pending" about an action a restart would lose.
   */
  request(input: ActionRequest): TechnicianAction {
    const alert = this.deps.fleet.modelOf(input.siteId)?.alerts.get(input.alertId);
    if (this.deps.fleet.modelOf(input.siteId) === undefined) {
      throw new ActionRefused(`no site "${input.siteId}"`);
    }
    if (!alert) {
      throw new ActionRefused(`no open alert "${input.alertId}" at site "${input.siteId}"`);
    }
    const now = this.deps.clock.now();
    const held = this.deps.fleet.actionOf(input.siteId, input.alertId) ?? null;
    const view = ackView(alert, held, now);
    if (input.kind === 'unack' && view.status !== 'acknowledged') {
      throw new ActionRefused(`alert "${input.alertId}" is not acknowledged`);
    }
    if (input.expiresAt !== null && input.expiresAt <= now) {
      throw new ActionRefused('the expiry must be in the future');
    }
    if (this.pending.size >= MAX_PENDING_ACTIONS) {
      throw new ActionRefused(
        `${MAX_PENDING_ACTIONS.toLocaleString('en-US')} acknowledgements are already waiting for their sites; try again once they have confirmed`,
      );
    }
    const action: TechnicianAction = {
      ...input,
      ackId: this.newId(),
      severity: alert.severity,
      withdraws: input.kind === 'unack' ? (view.ack?.ackId ?? null) : null,
      requestedAt: now,
      delivery: 'pending',
      reason: null,
      attempts: 0,
      settledAt: null,
      hubHandled: null,
      lapseNotedAt: null,
    };
    this.deps.log.record(action, noteOf(action, `${input.kind}.requested`, now, null));
    this.resume(action);
    return action;
  }

  /** The site's link is streaming again: deliver what waits for it now, without backoff. */
  siteStreaming(siteId: string): void {
    const queue = this.queues.get(siteId);
    if (!queue) return;
    queue.failures = 0;
    if (queue.timer) this.deps.clock.clearTimeout(queue.timer);
    queue.timer = null;
    this.pump(siteId);
  }

  dispose(): void {
    this.disposed = true;
    for (const queue of this.queues.values()) {
      if (queue.timer) this.deps.clock.clearTimeout(queue.timer);
      queue.timer = null;
    }
    this.expiry.dispose();
  }

  /** Takes up an action: a pending one joins its site's queue; a settled one is shown. */
  private resume(action: TechnicianAction): void {
    if (action.delivery !== 'pending') {
      this.show(action);
      this.expiry.watch(action);
      return;
    }
    this.pending.set(action.ackId, action);
    this.queueOf(action.siteId).ids.push(action.ackId);
    this.show(action);
    this.pump(action.siteId);
  }

  private queueOf(siteId: string): SiteQueue {
    let queue = this.queues.get(siteId);
    if (!queue) {
      queue = { ids: [], sending: false, failures: 0, timer: null };
      this.queues.set(siteId, queue);
    }
    return queue;
  }

  /** Sends the site's oldest pending action, unless one is on its way or a retry is waiting. */
  private pump(siteId: string): void {
    const queue = this.queues.get(siteId);
    if (!queue || this.disposed || queue.sending || queue.timer) return;
    const ackId = queue.ids[0];
    const action = ackId === undefined ? undefined : this.pending.get(ackId);
    if (!action) return;
    if (!(this.deps.local?.(action) ?? false) && !this.deps.streaming(siteId)) return;
    queue.sending = true;
    const attempt = { ...action, attempts: action.attempts + 1 };
    this.pending.set(attempt.ackId, attempt);
    this.deps.deliver(attempt).then(
      (outcome) => {
        queue.sending = false;
        if (!this.disposed) this.delivered(queue, attempt, outcome);
      },
      (error: unknown) => {
        queue.sending = false;
        const reason = error instanceof Error ? error.message : String(error);
        if (!this.disposed) this.delivered(queue, attempt, { kind: 'retry', reason });
      },
    );
  }

  private delivered(queue: SiteQueue, action: TechnicianAction, given: Delivered): void {
    const outcome = this.judged(action, given);
    if (outcome.kind === 'retry') {
      const waiting = { ...action, reason: outcome.reason };
      this.pending.set(action.ackId, waiting);
      this.show(waiting);
      const delayMs = backoffDelay(queue.failures++, this.retry, this.deps.random);
      queue.timer = this.deps.clock.setTimeout(() => {
        queue.timer = null;
        this.pump(action.siteId);
      }, delayMs);
      return;
    }
    queue.failures = 0;
    queue.ids.shift();
    this.pending.delete(action.ackId);
    this.invalidAnswers.delete(action.ackId);
    const now = this.deps.clock.now();
    // The severity the site applied it at (it may have changed while the ack waited).
    const alert = this.deps.fleet.modelOf(action.siteId)?.alerts.get(action.alertId);
    const settled: TechnicianAction =
      outcome.kind === 'confirmed'
        ? {
            ...action,
            delivery: 'confirmed',
            reason: null,
            settledAt: now,
            hubHandled: outcome.hubHandled,
            severity: alert?.severity ?? action.severity,
          }
        : { ...action, delivery: 'refused', reason: outcome.reason, settledAt: now };
    const what: ActionNoteKind = `${action.kind}.${settled.delivery === 'confirmed' ? 'confirmed' : 'refused'}`;
    const detail = outcome.kind === 'refused' ? outcome.reason : outcome.hubHandled;
    try {
      this.deps.log.record(settled, noteOf(settled, what, now, detail));
    } catch (error) {
      this.deps.onLogError?.(error);
    }
    this.show(settled);
    this.expiry.watch(settled);
    this.pump(action.siteId);
  }

  /** Shows the action, unless a newer one on the same alert is shown already. */
  private show(action: TechnicianAction): void {
    const shown = this.deps.fleet.actionOf(action.siteId, action.alertId);
    if (shown && shown.ackId !== action.ackId && shown.requestedAt > action.requestedAt) return;
    this.deps.fleet.setAction(action);
  }

  /**
   * A site that answers, but not as the protocol says, is given a few chances; then the action
   * is refused, saying why, so that site's queue moves on.
   */
  private judged(
    action: TechnicianAction,
    outcome: Delivered,
  ): Exclude<Delivered, { kind: 'invalid' }> {
    if (outcome.kind !== 'invalid') return outcome;
    const count = (this.invalidAnswers.get(action.ackId) ?? 0) + 1;
    this.invalidAnswers.set(action.ackId, count);
    if (count < MAX_INVALID_ANSWERS) return { kind: 'retry', reason: outcome.reason };
    const reason = `the site's answers were not the protocol's (${count} times): ${outcome.reason}`;
    return { kind: 'refused', reason: reason.slice(0, 500) };
  }

  /** An acknowledgement expired or lapsed: noted once, with the action marked so. */
  private lapsed(action: TechnicianAction, note: ActionNote): void {
    const noted = { ...action, lapseNotedAt: note.at };
    try {
      this.deps.log.record(noted, note);
    } catch (error) {
      this.deps.onLogError?.(error);
    }
    this.show(noted);
  }
}
