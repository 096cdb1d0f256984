import { describe, expect, it } from 'vitest';
import { NoticeCoalescer, type NoticeTiming } from '../../shared/notify/coalescer.js';
import type { Notable, NotableAlert, NotableSla } from '../../shared/notify/notable.js';
import type { Describe } from '../../shared/notify/notice-text.js';
import type { Notice } from '../../shared/notify/notice.js';
import { DEFAULT_NOTIFY_CONFIG } from '../../shared/notify/notify-config.js';

const TIMING: NoticeTiming = DEFAULT_NOTIFY_CONFIG; // 5 s wait, 60 s interval, 3 a minute

/** Alerts whose id starts with "child" fold under the site's core switch; others have no cause. */
const describeFolding: Describe = {
  rootCause: (siteId, ids) =>
    ids.filter((id) => id.startsWith('child')).length > ids.length / 2
      ? `Core switch ${siteId} down`
      : null,
};

function alert(
  at: number,
  siteId: string,
  alertId: string,
  severity: NotableAlert['severity'] = 'high',
): NotableAlert {
  return {
    kind: 'alert',
    siteId,
    siteName: `Office ${siteId}`,
    customer: 'Acme',
    alertId,
    severity,
    state: 'open',
    title: `${alertId} is down`,
    at,
  };
}

function sla(at: number, siteId: string, share: number): NotableSla {
  return {
    kind: 'sla',
    siteId,
    siteName: `Office ${siteId}`,
    customer: 'Acme',
    incidentId: `inc-${siteId}`,
    incidentTitle: 'Core switch down',
    priority: 'P1',
    clock: 'resolution',
    share,
    at,
  };
}

/** Feeds events in time order, flushing whenever a notice is due, then until nothing waits. */
function run(
  events: readonly Notable[],
  timing = TIMING,
  describeWith = describeFolding,
): Notice[] {
  const coalescer = new NoticeCoalescer(timing, describeWith);
  const out: Notice[] = [];
  const flushUntil = (t: number) => {
    for (let due = coalescer.nextDueAt(); due !== null && due <= t; due = coalescer.nextDueAt()) {
      const sent = coalescer.flush(due);
      if (sent.length === 0) throw new Error(`nothing sent at its due time ${due}`);
      out.push(...sent);
    }
  };
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    flushUntil(event.at);
    coalescer.add(event);
  }
  flushUntil(Number.POSITIVE_INFINITY);
  expect(coalescer.pending).toBe(0);
  return out;
}

const total = (notices: readonly Notice[]) =>
  notices.reduce((sum, notice) => sum + notice.count, 0);

describe('NoticeCoalescer', () => {
  it('tells one alert on its own, after the group wait, with a link to it', () => {
    const notices = run([alert(1000, 's1', 'gw', 'disaster')]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      title: 'Disaster: gw is down',
      body: 'Office s1 · Acme',
      severity: 'disaster',
      count: 1,
      sound: true,
      at: 6000,
      target: { view: 'site', siteId: 's1', alertId: 'gw' },
    });
  });

  it('turns a storm of 500 alerts in 5 s at one site into one notice naming the root cause', () => {
    const storm = Array.from({ length: 500 }, (_, i) => alert(i * 10, 'hq', `child-${i}`));
    const notices = run(storm);
    expect(notices.length).toBeLessThanOrEqual(3);
    expect(total(notices)).toBe(500);
    const summary = notices.find((notice) => notice.count > 1);
    expect(summary?.title).toBe('500 new alerts at Office hq');
    expect(summary?.body).toContain('Root cause: Core switch hq down');
    expect(summary?.target).toEqual({ view: 'site', siteId: 'hq', alertId: null });
  });

  it('turns a storm of 500 alerts in 5 s across 25 sites into at most 3 notices, naming root causes', () => {
    const storm = Array.from({ length: 500 }, (_, i) =>
      alert(i * 10, `s${i % 25}`, `child-${i}`, i === 7 ? 'disaster' : 'high'),
    );
    const notices = run(storm);
    expect(notices.length).toBeLessThanOrEqual(3);
    expect(total(notices)).toBe(500);
    const fleet = notices.find((notice) => notice.target.view === 'alerts');
    expect(fleet?.title).toMatch(/new alerts at 2[45] sites/);
    expect(fleet?.body).toContain('root cause Core switch');
    expect(fleet?.body).toMatch(/\+\d+ more sites/);
    // The worst site goes first, on its own when there is room: the disaster is not buried.
    expect(notices[0]?.severity).toBe('disaster');
  });

  it("holds a told site's next alerts for the group interval and tells them together", () => {
    const notices = run([alert(0, 's1', 'a'), alert(10_000, 's1', 'b'), alert(20_000, 's1', 'c')]);
    expect(notices.map((notice) => [notice.at, notice.count])).toEqual([
      [5000, 1],
      [65_000, 2],
    ]);
    expect(notices[1]?.title).toBe('2 new alerts at Office s1');
  });

  it('lets a quiet site start afresh: after a group interval with nothing new, the wait is short again', () => {
    const notices = run([alert(0, 's1', 'a'), alert(200_000, 's1', 'b')]);
    expect(notices.map((notice) => notice.at)).toEqual([5000, 205_000]);
  });

  it('never sends more than maxPerMinute in a minute, folding the rest, and loses nothing', () => {
    // A new site every 7 s for 10 minutes: each would be a notice of its own.
    const events = Array.from({ length: 86 }, (_, i) => alert(i * 7000, `s${i}`, `a${i}`));
    const notices = run(events);
    expect(total(notices)).toBe(86);
    for (const notice of notices) {
      const inMinute = notices.filter(
        (other) => other.at > notice.at - 60_000 && other.at <= notice.at,
      );
      expect(inMinute.length).toBeLessThanOrEqual(TIMING.maxPerMinute);
    }
    expect(notices.some((notice) => notice.target.view === 'alerts' && notice.count > 1)).toBe(
      true,
    );
  });

  it('tells SLA warnings apart from alerts, a breach as a disaster', () => {
    const notices = run([sla(0, 's1', 1), alert(0, 's2', 'x', 'warning')], {
      ...TIMING,
      sound: ['disaster'],
    });
    const breach = notices.find((notice) => notice.target.view === 'sla');
    expect(breach).toMatchObject({
      title: 'SLA: P1 resolution target breached at Office s1',
      body: 'Core switch down · Acme',
      severity: 'disaster',
      sound: true,
      target: { view: 'sla', siteId: 's1', incidentId: 'inc-s1' },
    });
    const quiet = notices.find((notice) => notice.target.view === 'site');
    expect(quiet?.sound).toBe(false);
    // Each clock by its name: the plan's too.
    const plan = run([{ ...sla(0, 's3', 0.75), clock: 'plan' }], TIMING);
    expect(plan[0]?.title).toBe('SLA: P1 plan at 75 % of its target at Office s3');
  });

  it('says nothing when nothing was added, and gives unique ids', () => {
    const coalescer = new NoticeCoalescer(TIMING, describeFolding);
    expect(coalescer.nextDueAt()).toBeNull();
    expect(coalescer.flush(1_000_000)).toEqual([]);
    const notices = run(Array.from({ length: 30 }, (_, i) => alert(i * 70_000, 's1', `a${i}`)));
    expect(new Set(notices.map((notice) => notice.id)).size).toBe(notices.length);
  });

  it('keeps to 3 a minute when a storm straddles a flush (one alert a second before it)', () => {
    const storm = Array.from({ length: 500 }, (_, i) =>
      alert(1000 + i * 10, `s${i % 25}`, `child-${i}`),
    );
    const notices = run([alert(0, 'early', 'first'), ...storm]);
    expect(total(notices)).toBe(501);
    for (const notice of notices) {
      const inMinute = notices.filter((o) => o.at > notice.at - 60_000 && o.at <= notice.at);
      expect(inMinute.length).toBeLessThanOrEqual(3);
    }
    // The storm's tail, held a group interval, goes out together: two flushes in all.
    expect(new Set(notices.map((n) => n.at)).size).toBe(2);
    expect(notices.length).toBeLessThanOrEqual(4);
  });

  it('sends SLA warnings of several sites to the SLA board', () => {
    const notices = run([sla(0, 'a', 0.5), sla(0, 'b', 0.75), sla(0, 'c', 0.9)], {
      ...TIMING,
      maxPerMinute: 1,
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]?.title).toBe('3 SLA warnings at 3 sites');
    expect(notices[0]?.target).toEqual({ view: 'sla', siteId: null, incidentId: null });
  });

  it('does not wait out a system clock set back: times ahead of now are brought to now', () => {
    const coalescer = new NoticeCoalescer(TIMING, describeFolding);
    coalescer.add(alert(3_600_000, 's1', 'a'));
    expect(coalescer.flush(3_605_000)).toHaveLength(1);
    // The clock goes back an hour; a new alert of the same site.
    coalescer.add(alert(10_000, 's1', 'b'));
    expect(coalescer.flush(10_000)).toEqual([]);
    // Brought back to now at that flush: its interval runs from there, not from an hour ahead.
    expect(coalescer.nextDueAt()).toBe(70_000);
    expect(coalescer.flush(70_000)).toHaveLength(1);
  });

  it('drops alerts that cleared while they waited', () => {
    const coalescer = new NoticeCoalescer(TIMING, {
      ...describeFolding,
      stillOpen: (_s, id) => id !== 'gone',
    });
    coalescer.add(alert(0, 's1', 'gone'));
    coalescer.add(alert(0, 's2', 'stays'));
    const notices = coalescer.flush(5000);
    expect(notices.map((n) => n.title)).toEqual(['High: stays is down']);
    expect(coalescer.pending).toBe(0);
  });

  it('writes a fleet summary a line per site, and counts an alert that got worse within the wait once', () => {
    const notices = run(
      [
        alert(0, 'a', 'x'),
        alert(0, 'b', 'y'),
        alert(0, 'c', 'z'),
        alert(1000, 'a', 'x', 'disaster'),
      ],
      { ...TIMING, maxPerMinute: 1 },
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]?.title).toBe('3 new alerts at 3 sites');
    expect(notices[0]?.body.split('\n')).toEqual([
      'Office a: 1 alert',
      'Office b: 1 alert',
      'Office c: 1 alert',
    ]);
    expect(notices[0]?.severity).toBe('disaster');
  });
});
