import { SyncReply, type SyncRequest } from '../../../shared/protocol/messages.js';
import type { ReconnectOptions, SiteBudgets } from '../config/hub-options.js';
import { RateBudget } from './rate-budget.js';

/** A pause over a rate budget this long ago no longer makes the next one longer. */
const PAUSE_FORGOTTEN_AFTER_MS = 10 * 60_000;

/**
 * A link's rate budgets in force: beyond one, the link pauses (the caller drops the connection
 * and comes back after `delayMs`), and what still arrives meanwhile is dropped and counted. The
 * pause lasts the window, doubling with each further one up to the reconnect maximum while the
 * site's data has not moved on since the last pause (`position`, its last seq), and back to the
 * window once it has: a site catching up after a spike is not a loop, and a longer pause would
 * only make its backlog, and the next resume, larger.
 *
 * Events received while a sync is under way are held (`whileSyncing`) and counted when it is
 * answered (`synced`), beyond what the answer says was replayed: a replay is what a pause held
 * back, and counting it would pause the link again on every return, but a site must not get
 * around the budget by sending while it leaves a sync unanswered.
 */
export class RatePause {
  /** Why the link is paused ("sent 48,000 events/s …: paused, retrying in 30 s"), until it streams again. */
  reason: string | null = null;
  /** Set from the moment a budget is exceeded until the link connects again. */
  paused = false;
  delayMs = 0;
  private readonly rate: RateBudget;
  private readonly windowMs: number;
  private pauses = 0;
  private lastPauseAt = -Infinity;
  private positionAtPause: number | null | undefined = undefined;
  /** Events received during the running sync, not yet counted, and what that sync asked for. */
  private syncEvents = 0;
  private syncRequest: SyncRequest = { stream: null, after: null };

  constructor(
    budgets: SiteBudgets,
    private readonly reconnect: ReconnectOptions,
    private readonly position: () => number | null,
  ) {
    this.rate = new RateBudget(budgets);
    this.windowMs = budgets.windowSeconds * 1000;
  }

  /** Counts received events; true when this pauses the link. */
  events(count: number, now: number): boolean {
    return !this.paused && this.pauseIf(this.rate.addEvents(count, now), now);
  }

  /** Counts received bytes; true when this pauses the link. */
  bytes(count: number, now: number): boolean {
    return !this.paused && this.pauseIf(this.rate.addBytes(count, now), now);
  }

  /** A sync starts: what arrives until its answer is held, then counted by `synced`. */
  syncStarted(request: SyncRequest): void {
    this.syncEvents = 0;
    this.syncRequest = request;
  }

  /** Events received while syncing. */
  whileSyncing(count: number): void {
    this.syncEvents += count;
  }

  /**
   * The running sync got `answer` (or none: null, TIMED_OUT, anything unreadable): counts the
   * events received during it beyond an honest replay's; true when this pauses the link.
   */
  synced(answer: unknown, now: number): boolean {
    const excess = this.syncEvents - replayed(this.syncRequest, answer);
    this.syncEvents = 0;
    return excess > 0 && this.events(excess, now);
  }

  /** A new connection: the paused one is gone, counting starts afresh. */
  reconnected(): void {
    this.paused = false;
  }

  /** Streaming again within the budgets. */
  streaming(): void {
    this.reason = null;
  }

  private pauseIf(exceeded: string | null, now: number): boolean {
    if (exceeded === null) return false;
    if (now - this.lastPauseAt > PAUSE_FORGOTTEN_AFTER_MS) {
      this.pauses = 0;
      this.positionAtPause = undefined;
    }
    this.lastPauseAt = now;
    const position = this.position();
    // Longer only while no data was applied since the last pause; the first pause once it was.
    this.pauses = position === this.positionAtPause ? this.pauses + 1 : 0;
    this.positionAtPause = position;
    const cap = Math.max(this.windowMs, this.reconnect.maxDelayMs);
    this.delayMs = Math.min(cap, this.windowMs * 2 ** Math.min(this.pauses, 30));
    this.reason = `${exceeded}: paused, retrying in ${Math.round(this.delayMs / 1000)} s`;
    this.paused = true;
    this.rate.reset();
    return true;
  }
}

/**
 * How many events a sync's answer says it replayed: at most the seqs after the resume's position
 * up to the answered seq (what a site claims beyond that cannot be a replay), none for a
 * snapshot, an error or no answer.
 */
function replayed(request: SyncRequest, answer: unknown): number {
  const reply = SyncReply.safeParse(answer);
  if (!reply.success || reply.data.mode !== 'replay' || request.after === null) return 0;
  return Math.max(0, Math.min(reply.data.replayed, reply.data.seq - request.after));
}

/** The events of a payload not yet validated, for the events/s budget and the drop count. */
export function eventCount(payload: unknown): number {
  const events = (payload as { events?: unknown } | null)?.events;
  return Array.isArray(events) ? events.length : 0;
}
