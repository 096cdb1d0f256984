import { SEVERITIES, severityRank, type Severity } from '../protocol/alert.js';
import { cleanText, cutText } from '../text/untrusted-text.js';
import { notableSeverity, type AlertState, type Notable, type NotableSla } from './notable.js';
import type { Notice } from './notice.js';

/** What the hub can say about a site's alerts when their notice is written. */
export interface Describe {
  /**
   * The cause most of these alerts fold under ("Core switch down", "Acme HQ unreachable"),
   * by the folding rules (shared/alerts/folding.ts); null when they have none.
   */
  rootCause(siteId: string, alertIds: readonly string[]): string | null;
  /** Whether the alert is still open (one that cleared while it waited is not told). */
  readonly stillOpen?: (siteId: string, alertId: string) => boolean;
}

/** A notice's words, severity, count and target: what the coalescer stamps with id and time. */
export type NoticeText = Pick<Notice, 'severity' | 'title' | 'body' | 'count' | 'target'>;

const LABEL: Record<Severity, string> = {
  'not-classified': 'Not classified',
  information: 'Information',
  warning: 'Warning',
  average: 'Average',
  high: 'High',
  disaster: 'Disaster',
};

const TITLE_MAX = 300;
const BODY_MAX = 1000;

/** A notice's title or body, cut to its limit (every site-given part was cleaned by `safe`). */
function cut(text: string, max: number): string {
  return cutText(text, max);
}

/**
 * One site-given text inside a notice's words (an alert title, a site, device or incident name):
 * its direction controls removed and its control characters (a newline that would add a line of
 * its own) replaced, and not longer than a line.
 */
function safe(text: string): string {
  return cutText(cleanText(text).text, 200);
}

/** An alert told for its state (a rule's `states`) says so: planned work is not an outage. */
const STATE_WORDS: Readonly<Record<AlertState, string>> = {
  open: '',
  acknowledged: ' (acknowledged)',
  flapping: ' (flapping)',
  maintenance: ' (in maintenance)',
};

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

function worst(events: readonly Notable[]): Severity {
  let rank = 0;
  for (const event of events) rank = Math.max(rank, severityRank(notableSeverity(event)));
  return SEVERITIES[rank] ?? 'not-classified';
}

function slaWords(event: NotableSla): string {
  const { clock } = event;
  return event.share >= 1
    ? `${event.priority} ${clock} target breached`
    : `${event.priority} ${clock} at ${Math.round(event.share * 100)} % of its target`;
}

function alertIds(events: readonly Notable[]): string[] {
  return events.flatMap((event) => (event.kind === 'alert' ? [event.alertId] : []));
}

/** One site's events (all alerts, or all SLA warnings): one line for one, a summary for many. */
export function groupNotice(events: readonly Notable[], describe: Describe): NoticeText {
  const first = events[0];
  if (first === undefined) throw new Error('groupNotice: no events');
  const severity = worst(events);
  const where = `${safe(first.siteName)} · ${safe(first.customer)}`;
  if (events.length === 1) {
    if (first.kind === 'alert') {
      return {
        severity,
        title: cut(
          `${LABEL[first.severity]}: ${safe(first.title)}${STATE_WORDS[first.state]}`,
          TITLE_MAX,
        ),
        body: cut(where, BODY_MAX),
        count: 1,
        target: { view: 'site', siteId: first.siteId, alertId: first.alertId },
      };
    }
    return {
      severity,
      title: cut(`SLA: ${slaWords(first)} at ${safe(first.siteName)}`, TITLE_MAX),
      body: cut(`${safe(first.incidentTitle)} · ${safe(first.customer)}`, BODY_MAX),
      count: 1,
      target: { view: 'sla', siteId: first.siteId, incidentId: first.incidentId },
    };
  }
  if (first.kind === 'sla') {
    const breaches = events.filter((event) => event.kind === 'sla' && event.share >= 1).length;
    return {
      severity,
      title: cut(
        `${plural(events.length, 'SLA warning', 'SLA warnings')} at ${safe(first.siteName)}`,
        TITLE_MAX,
      ),
      body: cut(
        `${breaches > 0 ? `${plural(breaches, 'breach', 'breaches')} · ` : ''}${where}`,
        BODY_MAX,
      ),
      count: events.length,
      target: { view: 'sla', siteId: first.siteId, incidentId: first.incidentId },
    };
  }
  const cause = describe.rootCause(first.siteId, alertIds(events));
  return {
    severity,
    title: cut(
      `${plural(events.length, 'new alert', 'new alerts')} at ${safe(first.siteName)}`,
      TITLE_MAX,
    ),
    body: cut(
      `${cause === null ? '' : `Root cause: ${safe(cause)}. `}Worst: ${LABEL[severity].toLowerCase()}. ${safe(first.customer)}`,
      BODY_MAX,
    ),
    count: events.length,
    target: { view: 'site', siteId: first.siteId, alertId: null },
  };
}

/** Lines a fleet summary names before "+N more sites". */
const NAMED_SITES = 3;

/**
 * Several sites' events in one notice, worst site first: "500 new alerts at 12 sites", then a
 * line per site with its root cause.
 */
export function fleetNotice(
  groups: readonly (readonly Notable[])[],
  describe: Describe,
): NoticeText {
  const all = groups.flat();
  const alerts = all.filter((event) => event.kind === 'alert').length;
  const sla = all.length - alerts;
  const sites = new Set(all.map((event) => event.siteId));
  const what = [
    alerts > 0 ? plural(alerts, 'new alert', 'new alerts') : null,
    sla > 0 ? plural(sla, 'SLA warning', 'SLA warnings') : null,
  ]
    .filter((part) => part !== null)
    .join(' and ');
  const lines = groups.slice(0, NAMED_SITES).map((events) => {
    const first = events[0];
    if (first === undefined) return '';
    if (first.kind === 'sla')
      return `${safe(first.siteName)}: ${plural(events.length, 'SLA warning', 'SLA warnings')}`;
    const cause = describe.rootCause(first.siteId, alertIds(events));
    return `${safe(first.siteName)}: ${cause === null ? plural(events.length, 'alert', 'alerts') : `root cause ${safe(cause)} (${plural(events.length, 'alert', 'alerts')})`}`;
  });
  const named = new Set(groups.slice(0, NAMED_SITES).map((events) => events[0]?.siteId));
  const more = [...sites].filter((siteId) => !named.has(siteId)).length;
  if (more > 0) lines.push(`+${plural(more, 'more site', 'more sites')}`);
  return {
    severity: worst(all),
    title: cut(`${what} at ${plural(sites.size, 'site', 'sites')}`, TITLE_MAX),
    body: cut(lines.join('\n'), BODY_MAX),
    count: all.length,
    // SLA warnings alone are about clocks: the SLA board; any alert, the alert list.
    target: alerts === 0 ? { view: 'sla', siteId: null, incidentId: null } : { view: 'alerts' },
  };
}
