import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import { APP_ORIGIN, BOARD_URL } from './app-file.js';
import type { GeneratedPages } from './generated-pages.js';
import type { CrashReport } from './renderer-watchdog.js';

export const CRASH_PAGE_PATH = '/crashed.html';

/** Where the crash page's data comes from and where it is published. */
export interface CrashPageSource {
  /** Served by the app:// protocol. */
  readonly pages: GeneratedPages;
  /** The hub's state now, or null before it has started. */
  readonly lastKnownState: () => FleetSnapshot | null;
}

/** Renders the crash page from the hub's state at this moment, publishes it, returns its URL. */
export function publishCrashPage(source: CrashPageSource, report: CrashReport): string {
  const snapshot = source.lastKnownState();
  const html = renderCrashPage({
    ...report,
    sites: snapshot === null ? null : lastKnownSites(snapshot),
    retryUrl: BOARD_URL,
  });
  source.pages.set(CRASH_PAGE_PATH, html);
  return `${APP_ORIGIN}${CRASH_PAGE_PATH}`;
}

/** One row of the crash page: what the wall last knew about a site. */
export interface LastKnownSite {
  readonly name: string;
  readonly customer: string;
  readonly state: string;
  /** When the site's last valid message arrived; null if it never sent one. */
  readonly lastEventAt: number | null;
  readonly openAlerts: number;
  readonly unacknowledged: number;
}

export interface CrashPageInput {
  /** Crashes within the watchdog's window, this one included. */
  readonly crashes: number;
  /** When the page was made: the moment its state is "as of". */
  readonly at: number;
  /** When the app will load the board again by itself. */
  readonly retryAt: number;
  /** Null when the hub had not started yet. */
  readonly sites: readonly LastKnownSite[] | null;
  /** The URL the retry link opens (the board). */
  readonly retryUrl: string;
  /** For the HH:MM times; default the system's zone. Tests pin it. */
  readonly timeZone?: string;
}

/** The rows of the crash page, from the hub's state at the moment the page is made. */
export function lastKnownSites(snapshot: FleetSnapshot): LastKnownSite[] {
  return snapshot.sites.map((site) => {
    const alerts = snapshot.contents.find((c) => c.siteId === site.id)?.alerts ?? [];
    return {
      name: site.name,
      customer: site.customer,
      state: site.health.state,
      lastEventAt: site.health.lastEventAt,
      openAlerts: alerts.length,
      unacknowledged: alerts.filter((a) => a.ack === null).length,
    };
  });
}

/**
 * A static page for when the board keeps crashing: the last known state of every site, clearly
 * marked as not live, with a way back. No scripts (the CSP would refuse inline ones anyway):
 * the retry is a plain link, the automatic retry is the main process's timer. Every value from
 * the fleet is escaped: site names come from site configs and site servers.
 */
export function renderCrashPage(input: CrashPageInput): string {
  const clock = (at: number) => formatClock(at, input.timeZone);
  const asOf = clock(input.at);
  const times = input.crashes === 1 ? 'once' : `${input.crashes} times`;
  const rows =
    input.sites === null
      ? '<p>No fleet data was available when the board crashed.</p>'
      : siteTable(input.sites, input.at, asOf);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>NOC Wallboard: not live</title>
<style>${STYLE}</style>
</head>
<body>
<header class="banner" role="alert">
<h1>The board crashed ${times}; showing the last known state as of ${asOf}; not live.</h1>
<p>It will try again by itself at ${clock(input.retryAt)}. <a href="${escapeHtml(input.retryUrl)}">Retry now</a></p>
</header>
<main>${rows}</main>
</body>
</html>
`;
}

function siteTable(sites: readonly LastKnownSite[], at: number, asOf: string): string {
  const body = sites
    .map(
      (site) =>
        `<tr><th scope="row">${escapeHtml(site.name)}</th><td>${escapeHtml(site.customer)}</td>` +
        `<td>${escapeHtml(site.state)}</td><td>${formatAge(site.lastEventAt, at)}</td>` +
        `<td>${site.openAlerts} (${site.unacknowledged} unacknowledged)</td></tr>`,
    )
    .join('\n');
  return `<table>
<caption>Sites as of ${asOf} (${sites.length})</caption>
<thead><tr><th scope="col">Site</th><th scope="col">Customer</th><th scope="col">State at ${asOf}</th><th scope="col">Age of data at ${asOf}</th><th scope="col">Open alerts</th></tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function formatClock(at: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(at);
}

/** Coarse on purpose: the page is a still picture, precision past the minute means nothing. */
export function formatAge(lastEventAt: number | null, at: number): string {
  if (lastEventAt === null) return 'no data yet';
  const seconds = Math.max(0, Math.floor((at - lastEventAt) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

/** High contrast, no greyed-out text: this page is read from across a room. */
const STYLE = `
body { margin: 0; font: 20px/1.4 system-ui, sans-serif; background: #0b0f14; color: #e6edf3; }
.banner { background: #5a1d1d; border-bottom: 4px solid #f85149; padding: 16px 32px; }
.banner h1 { margin: 0 0 8px; font-size: 28px; }
.banner p { margin: 0; }
a { color: #ffffff; font-weight: bold; padding: 4px 12px; border: 2px solid #ffffff; border-radius: 4px; text-decoration: none; margin-left: 12px; }
main { padding: 16px 32px; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-size: 22px; margin-bottom: 8px; }
th, td { text-align: left; padding: 6px 12px; border-bottom: 1px solid #30363d; }
thead th { color: #c9d1d9; }
`;
