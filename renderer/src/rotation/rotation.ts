import { inDailySpan } from '../../../shared/daily-span.js';
import type {
  DisplayLayout,
  PlaylistEntry,
  ViewSpec,
} from '../../../shared/displays/display-layout.js';
import type { Notice } from '../../../shared/notify/notice.js';
import { severityRank } from '../../../shared/protocol/alert.js';

/**
 * One screen's playlist with alarm preemption (docs/displays.md). Pure: time is passed in, the
 * caller runs a timer to `nextChangeAt()`. Views take turns for their dwell time (a schedule's
 * playlist instead during its hours of the day, from its start when they begin); a notice at or
 * above the layout's alarm severity brings its view forward for `holdSeconds` (a newer alarm as
 * bad or worse replaces it and starts the hold again), then the playlist resumes the entry it
 * left, with the time that entry had left. A view changed by hand is put back at the next turn.
 */

export interface Showing {
  readonly show: ViewSpec;
  /** When it changes by itself; null for a one-view playlist with no alarm. */
  readonly until: number | null;
  /** What an alarm is about (the notice's title); null while the playlist runs. */
  readonly alarm: string | null;
  /**
   * When the current hold began (the alarm's, or the newer one's that took over: the hold starts
   * again); it runs from here to `until`. Null for the playlist.
   */
  readonly since: number | null;
  /** The playlist's next view (what follows an alarm: the entry it left). */
  readonly next: ViewSpec | null;
}

interface Alarm {
  readonly show: ViewSpec;
  readonly since: number;
  readonly until: number;
  readonly title: string;
  readonly rank: number;
}

/**
 * The view a notice is about: its site, the SLA board, or every alert; on a screen of part of
 * the fleet (the entry it preempts names customers or sites), the board and the list of that
 * part, so a customer's screen stays that customer's.
 */
export function noticeView(notice: Notice, over: ViewSpec | null = null): ViewSpec {
  const scope =
    over === null || over.view === 'site'
      ? {}
      : {
          ...(over.customers === undefined ? {} : { customers: over.customers }),
          ...(over.sites === undefined ? {} : { sites: over.sites }),
        };
  switch (notice.target.view) {
    case 'site':
      return { view: 'site', siteId: notice.target.siteId };
    case 'sla':
      return { view: 'sla', ...scope };
    case 'alerts':
      return { view: 'alerts', ...scope };
  }
}

/** With schedules, the time of day is looked at again at least this often. */
export const SCHEDULE_CHECK_MS = 60_000;

export class Rotation {
  /** The playlist in force: the layout's, or a schedule's while its hours last. */
  private playlist: readonly PlaylistEntry[];
  /** Which schedule is in force; -1 for the layout's own playlist. */
  private schedule: number;
  private index = 0;
  /** When the current entry's dwell ends (null: one entry, never). */
  private endsAt: number | null;
  private alarm: Alarm | null = null;
  /** The current entry's time left when an alarm took over. */
  private left: number | null = null;

  constructor(
    private readonly layout: DisplayLayout,
    now: number,
  ) {
    this.schedule = this.scheduleAt(now);
    this.playlist = this.playlistOf(this.schedule);
    this.endsAt = this.dwellEnd(0, now);
  }

  /** Moves time on to `now` and says what shows. */
  at(now: number): Showing {
    this.advance(now);
    const entries = this.playlist;
    const current = entries[this.index] ?? entries[0];
    if (current === undefined) throw new Error('a layout has at least one view');
    if (this.alarm !== null) {
      return {
        show: this.alarm.show,
        until: this.alarm.until,
        alarm: this.alarm.title,
        since: this.alarm.since,
        next: current.show,
      };
    }
    const following = entries.length > 1 ? entries[(this.index + 1) % entries.length] : undefined;
    return {
      show: current.show,
      until: this.endsAt,
      alarm: null,
      since: null,
      next: following?.show ?? null,
    };
  }

  /**
   * When to look again: the current view's end, and with schedules at least every minute (a
   * schedule's hours may begin or end meanwhile); null when nothing changes by itself.
   */
  nextChangeAt(now: number): number | null {
    const until = this.at(now).until;
    if (this.layout.schedules.length === 0) return until;
    const check = now + SCHEDULE_CHECK_MS;
    return until === null ? check : Math.min(until, check);
  }

  /** A notice: preempts the playlist when the layout's alarms cover its severity. */
  raise(notice: Notice, now: number): boolean {
    const rule = this.layout.alarms;
    const rank = severityRank(notice.severity);
    if (rule === null || rank < severityRank(rule.minSeverity)) return false;
    this.advance(now);
    // A lesser alarm does not take over a worse one still holding the screen.
    if (this.alarm !== null && rank < this.alarm.rank) return false;
    if (this.alarm === null) {
      this.left = this.endsAt === null ? null : Math.max(0, this.endsAt - now);
    }
    const until = now + rule.holdSeconds * 1000;
    // The entry the alarm preempts gives it its part of the fleet (a customer's screen).
    const preempted = this.playlist[this.index]?.show ?? null;
    this.alarm = {
      show: noticeView(notice, preempted),
      since: now,
      until,
      title: notice.title,
      rank,
    };
    return true;
  }

  private advance(now: number): void {
    this.clampTo(now);
    if (this.alarm !== null) {
      if (now < this.alarm.until) return;
      // The playlist resumes the entry it left, with what that entry had left.
      const resumedAt = this.alarm.until;
      this.alarm = null;
      this.endsAt = this.left === null ? null : resumedAt + this.left;
      this.left = null;
    }
    // A schedule's hours began or ended: its playlist from the start.
    const schedule = this.scheduleAt(now);
    if (schedule !== this.schedule) {
      this.schedule = schedule;
      this.playlist = this.playlistOf(schedule);
      this.index = 0;
      this.endsAt = this.dwellEnd(0, now);
    }
    const count = this.playlist.length;
    // Whole rounds missed (a machine that slept for days) are skipped, not stepped through.
    const round = this.playlist.reduce((sum, entry) => sum + entry.dwellSeconds * 1000, 0);
    if (this.endsAt !== null && now - this.endsAt > round) {
      this.endsAt += Math.floor((now - this.endsAt) / round) * round;
    }
    while (this.endsAt !== null && this.endsAt <= now) {
      this.index = (this.index + 1) % count;
      this.endsAt = this.dwellEnd(this.index, this.endsAt);
    }
  }

  private dwellEnd(index: number, from: number): number | null {
    if (this.playlist.length < 2) return null;
    const entry = this.playlist[index];
    return entry === undefined ? null : from + entry.dwellSeconds * 1000;
  }

  /**
   * The system clock was set back: an end further ahead than a whole dwell (or hold) cannot be
   * right, and would freeze the screen for the jump. Brought back to one from now.
   */
  private clampTo(now: number): void {
    const entry = this.playlist[this.index];
    if (this.endsAt !== null && entry !== undefined) {
      this.endsAt = Math.min(this.endsAt, now + entry.dwellSeconds * 1000);
    }
    const hold = this.layout.alarms?.holdSeconds;
    if (this.alarm !== null && hold !== undefined && this.alarm.until > now + hold * 1000) {
      this.alarm = {
        ...this.alarm,
        since: Math.min(this.alarm.since, now),
        until: now + hold * 1000,
      };
    }
  }

  private scheduleAt(now: number): number {
    const { schedules, timeZone } = this.layout;
    if (timeZone === undefined) return -1;
    return schedules.findIndex((schedule) => inDailySpan({ ...schedule, timeZone }, now));
  }

  private playlistOf(schedule: number): readonly PlaylistEntry[] {
    return this.layout.schedules[schedule]?.playlist ?? this.layout.playlist;
  }
}
