import { notableSeverity, type Notable } from './notable.js';
import { severityRank } from '../protocol/alert.js';
import { fleetNotice, groupNotice, type Describe } from './notice-text.js';
import type { Notice } from './notice.js';
import type { NotifyConfig } from './notify-config.js';

/**
 * Turns a stream of notable events into few notices, as Alertmanager groups alerts: events are
 * grouped per site (alerts apart from SLA warnings); a group's first event waits
 * `groupWaitSeconds` for others to join it; once a group has been told, its next events wait
 * `groupIntervalSeconds` and go out together. On top of that, no more than two notices leave
 * at once and no more than `maxPerMinute` in any minute: the rest are folded into one summary
 * across sites ("500 new alerts at 12 sites"). A storm of 500 alerts in 5 s is thus one or two
 * notices, not 500 (tests/unit/notice-coalescer.test.ts).
 *
 * Pure: time is passed in. The hub's notifier (electron/hub/notify/) calls `add` for each
 * event that passed the rules, and `flush` at `nextDueAt()`.
 */

const MINUTE_MS = 60_000;
/** Notices that may leave in one flush: the worst group on its own, then one summary. */
const MAX_PER_FLUSH = 2;

interface Group {
  readonly key: string;
  readonly siteId: string;
  events: Notable[];
  /** When the first of `events` arrived. */
  firstAt: number;
  /** When this group last went out; null if never (a fresh group waits groupWait). */
  sentAt: number | null;
}

export type NoticeTiming = Pick<
  NotifyConfig,
  'groupWaitSeconds' | 'groupIntervalSeconds' | 'maxPerMinute' | 'sound'
>;

export class NoticeCoalescer {
  private readonly groups = new Map<string, Group>();
  /** When the notices of the last minute went out (for maxPerMinute). */
  private sent: number[] = [];
  private serial = 0;

  constructor(
    private readonly timing: NoticeTiming,
    private readonly describe: Describe,
  ) {}

  add(event: Notable): void {
    const key = `${event.kind}:${event.siteId}`;
    const group = this.groups.get(key);
    if (!group) {
      this.groups.set(key, {
        key,
        siteId: event.siteId,
        events: [event],
        firstAt: event.at,
        sentAt: null,
      });
    } else {
      if (group.events.length === 0) {
        group.firstAt = event.at;
        // Told long enough ago with nothing since: a new start, which waits for company again.
        const interval = this.timing.groupIntervalSeconds * 1000;
        if (group.sentAt !== null && group.sentAt + interval <= event.at) group.sentAt = null;
      }
      // The same alert again before its notice (it got worse, or cleared and came back): one
      // event, the worse of the two, not two.
      const same =
        event.kind === 'alert'
          ? group.events.findIndex((e) => e.kind === 'alert' && e.alertId === event.alertId)
          : -1;
      const before = group.events[same];
      if (before === undefined) group.events.push(event);
      else if (severityRank(notableSeverity(event)) >= severityRank(notableSeverity(before))) {
        group.events[same] = event;
      }
    }
  }

  /** Events waiting for their notice (not counting alerts that have cleared meanwhile). */
  get pending(): number {
    const open = this.describe.stillOpen;
    let count = 0;
    for (const group of this.groups.values()) {
      for (const event of group.events) {
        if (event.kind !== 'alert' || open === undefined || open(event.siteId, event.alertId)) {
          count++;
        }
      }
    }
    return count;
  }

  /** When `flush` has something to send; null when nothing waits. */
  nextDueAt(): number | null {
    let due: number | null = null;
    for (const group of this.groups.values()) {
      if (group.events.length === 0) continue;
      const ready = this.readyAt(group);
      due = due === null ? ready : Math.min(due, ready);
    }
    if (due === null) return null;
    const free = this.budgetFreeAt();
    return free === null ? due : Math.max(due, free);
  }

  /**
   * The notices due at `now`. Every group that is due goes, and with it every group that has
   * never been told (a storm across sites leaves as one flush, not one per site's wait).
   */
  flush(now: number): Notice[] {
    this.forget(now);
    this.dropCleared();
    const due = [...this.groups.values()].filter(
      (group) => group.events.length > 0 && this.readyAt(group) <= now,
    );
    if (due.length === 0) return [];
    const room = Math.min(MAX_PER_FLUSH, this.timing.maxPerMinute - this.sent.length);
    if (room <= 0) return [];
    const fresh = [...this.groups.values()].filter(
      (group) => group.events.length > 0 && group.sentAt === null && !due.includes(group),
    );
    const going = [...due, ...fresh].sort(worstFirst);
    const notices: Notice[] = [];
    const alone = going.length <= room ? going : going.slice(0, room - 1);
    for (const group of alone)
      notices.push(this.notice(groupNotice(group.events, this.describe), now));
    const rest = going.slice(alone.length);
    if (rest.length > 0) {
      notices.push(
        this.notice(
          fleetNotice(
            rest.map((group) => group.events),
            this.describe,
          ),
          now,
        ),
      );
    }
    for (const group of going) {
      group.events = [];
      group.sentAt = now;
    }
    for (let i = 0; i < notices.length; i++) this.sent.push(now);
    return notices;
  }

  private readyAt(group: Group): number {
    return group.sentAt === null
      ? group.firstAt + this.timing.groupWaitSeconds * 1000
      : Math.max(group.firstAt, group.sentAt + this.timing.groupIntervalSeconds * 1000);
  }

  /** When the minute's budget has room again; null if it has room now. */
  private budgetFreeAt(): number | null {
    if (this.sent.length < this.timing.maxPerMinute) return null;
    const oldest = this.sent[this.sent.length - this.timing.maxPerMinute];
    return oldest === undefined ? null : oldest + MINUTE_MS;
  }

  /**
   * Alerts that cleared while they waited are not told (a blip is not news); a group left with
   * nothing, never told, is gone.
   */
  private dropCleared(): void {
    const open = this.describe.stillOpen;
    if (open === undefined) return;
    for (const [key, group] of this.groups) {
      if (group.events.length === 0) continue;
      group.events = group.events.filter(
        (event) => event.kind !== 'alert' || open(event.siteId, event.alertId),
      );
      if (group.events.length === 0 && group.sentAt === null) this.groups.delete(key);
    }
  }

  /**
   * Drops the budget's old entries, and groups told long enough ago with nothing new. Times
   * ahead of `now` (the system clock was set back) are brought to `now`, so nothing waits out
   * the jump.
   */
  private forget(now: number): void {
    this.sent = this.sent.filter((at) => at > now - MINUTE_MS).map((at) => Math.min(at, now));
    for (const group of this.groups.values()) {
      if (group.sentAt !== null && group.sentAt > now) group.sentAt = now;
      if (group.firstAt > now) group.firstAt = now;
    }
    const interval = this.timing.groupIntervalSeconds * 1000;
    for (const [key, group] of this.groups) {
      if (group.events.length === 0 && group.sentAt !== null && group.sentAt + interval <= now) {
        this.groups.delete(key);
      }
    }
  }

  private notice(text: ReturnType<typeof groupNotice>, now: number): Notice {
    this.serial += 1;
    return {
      ...text,
      id: `notice-${now}-${this.serial}`,
      sound: this.timing.sound.includes(text.severity),
      at: now,
    };
  }
}

function worstOf(group: Group): number {
  let worst = 0;
  for (const event of group.events) worst = Math.max(worst, severityRank(notableSeverity(event)));
  return worst;
}

function worstFirst(a: Group, b: Group): number {
  return worstOf(b) - worstOf(a) || b.events.length - a.events.length || a.firstAt - b.firstAt;
}
