/** "12:03:10 UTC": a clock time in a reason stays the same while the problem lasts. */
export function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/** Why data that arrives cannot be applied; one kind at a time, so `since` stays put. */
export type StallKind = 'sync-unanswered' | 'gap' | 'foreign-stream' | 'invalid';

/**
 * How current a site's data is. A message that arrives is not data the hub holds: only what it
 * APPLIED (a snapshot, events, a heartbeat confirming the seq it holds) keeps a site fresh, so a
 * site that talks but whose data cannot be applied ages, with the first cause of the stall.
 */
export class Freshness {
  /** Any valid message, applied or not. */
  lastMessageAt: number | null = null;
  /** The newest data of the current stream the hub applied. */
  lastAppliedAt: number | null = null;
  /**
   * When the data came from the store (the hub started from it): the time it was current. Stays
   * until the site sends data the hub applies.
   */
  storedAt: number | null = null;
  /** Any message at all, valid or not: a site sending only invalid data still talks. */
  private lastHeardAt: number | null = null;
  private stall: { kind: StallKind; text: string; since: number } | null = null;

  heard(now: number): void {
    this.lastHeardAt = now;
  }

  /** A hello: the site talks, but says nothing about its data, so it explains no stall. */
  greeted(now: number): void {
    this.lastMessageAt = now;
  }

  message(now: number): void {
    this.lastHeardAt = now;
    this.lastMessageAt = now;
  }

  /** The hub starts from stored data that was current at `dataAt`. */
  restored(dataAt: number): void {
    this.lastAppliedAt = dataAt;
    this.storedAt = dataAt;
  }

  applied(now: number): void {
    this.storedAt = null;
    this.lastHeardAt = now;
    this.lastMessageAt = now;
    this.lastAppliedAt = now;
    this.stall = null;
  }

  /**
   * Data arrived but could not be applied. The first cause since the last applied data stays
   * (its text and `since`), so the reason does not change with every message; only an
   * unanswered sync replaces it, being what blocks every other repair.
   */
  stalled(kind: StallKind, text: string, since: number): void {
    const replace = kind === 'sync-unanswered' && this.stall?.kind !== kind;
    if (this.stall === null || replace) this.stall = { kind, text, since };
  }

  /** Forgets a stall whose cause is gone (the sync it waited for was answered). */
  clear(kind: StallKind): void {
    if (this.stall?.kind === kind) this.stall = null;
  }

  /** "site … since 12:03:10 UTC" while the site keeps talking after the stall began, else null. */
  get stallReason(): string | null {
    const { stall, lastHeardAt } = this;
    if (stall === null || lastHeardAt === null || lastHeardAt < stall.since) return null;
    return `${stall.text} since ${utcTime(stall.since)}`;
  }
}
