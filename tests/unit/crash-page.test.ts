import { ZERO_HEALTH_COUNTS } from '../../shared/fleet/health.js';
import { describe, expect, it } from 'vitest';
import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import { GeneratedPages } from '../../electron/main/generated-pages.js';
import {
  formatAge,
  lastKnownSites,
  publishCrashPage,
  renderCrashPage,
  type LastKnownSite,
} from '../../electron/main/crash-page.js';

const AT = Date.UTC(2026, 10, 26, 9, 41, 30);

function site(overrides: Partial<LastKnownSite> = {}): LastKnownSite {
  return {
    name: 'Site alpha',
    customer: 'Customer A',
    state: 'live',
    lastEventAt: AT - 4000,
    openAlerts: 3,
    unacknowledged: 2,
    ...overrides,
  };
}

function render(sites: readonly LastKnownSite[] | null, crashes = 6): string {
  return renderCrashPage({
    crashes,
    at: AT,
    retryAt: AT + 10 * 60_000,
    sites,
    retryUrl: 'app://noc/index.html',
    timeZone: 'UTC',
  });
}

/** The page's text with tags removed, as a person reads it. */
function text(html: string): string {
  return html
    .replace(/<style>[\s\S]*<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('the crash page', () => {
  it('says it is not live, how often the board crashed and as of when', () => {
    const page = text(render([site()]));
    expect(page).toContain(
      'The board crashed 6 times; showing the last known state as of 09:41; not live.',
    );
    expect(page).toContain('It will try again by itself at 09:51. Retry now');
  });

  it("shows every site's state, the age of its data then, and its open alerts", () => {
    const html = render([
      site(),
      site({ name: 'Site bravo', state: 'down', lastEventAt: AT - 2 * 3600_000 - 5 * 60_000 }),
      site({ name: 'Site charlie', state: 'connecting', lastEventAt: null, openAlerts: 0 }),
    ]);
    const page = text(html);
    expect(page).toContain('Site alpha Customer A live 4 s 3 (2 unacknowledged)');
    expect(page).toContain('Site bravo Customer A down 2 h 5 min 3 (2 unacknowledged)');
    expect(page).toContain('Site charlie Customer A connecting no data yet 0');
    expect(page).toContain('Sites as of 09:41 (3)');
  });

  it('escapes hostile site names and customers, and carries no script at all', () => {
    const html = render([
      site({ name: '<script>alert(1)</script>', customer: '"><img src=x onerror=alert(2)>' }),
    ]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
  });

  it('links back to the board on our own origin', () => {
    expect(render([site()])).toContain('<a href="app://noc/index.html">Retry now</a>');
  });

  it('says so when the hub had no state yet', () => {
    expect(text(render(null))).toContain('No fleet data was available when the board crashed.');
  });

  it('counts open and unacknowledged alerts per site from a fleet snapshot', () => {
    const health = {
      state: 'stale' as const,
      reason: null,
      lastEventAt: AT - 1000,
      lastMessageAt: AT - 1000,
      lastSeq: 1,
      ...ZERO_HEALTH_COUNTS,
    };
    const alert = {
      deviceId: null,
      check: 'ping',
      severity: 'high' as const,
      title: 't',
      detail: '',
      raisedAt: 1,
      updatedAt: 1,
    };
    const snapshot: FleetSnapshot = {
      version: 3,
      at: AT,
      sites: [
        {
          id: 'a',
          name: 'A',
          customer: 'CA',
          timeZone: null,
          health: { ...health, siteId: 'a' },
          maintenance: [],
        },
        {
          id: 'b',
          name: 'B',
          customer: 'CB',
          timeZone: null,
          health: { ...health, siteId: 'b' },
          maintenance: [],
        },
      ],
      contents: [
        {
          siteId: 'a',
          devices: [],
          alerts: [
            { ...alert, id: 'x', ack: null },
            {
              ...alert,
              id: 'y',
              ack: { ackId: 'k', technician: 'Ana', comment: '', at: 2 },
            },
          ],
          actions: [],
          checks: [],
          incidents: [],
        },
        { siteId: 'b', devices: [], alerts: [], actions: [], checks: [], incidents: [] },
      ],
      screens: { version: 0, identifyUntil: null },
      following: null,
    };
    expect(lastKnownSites(snapshot)).toEqual([
      {
        name: 'A',
        customer: 'CA',
        state: 'stale',
        lastEventAt: AT - 1000,
        openAlerts: 2,
        unacknowledged: 1,
      },
      {
        name: 'B',
        customer: 'CB',
        state: 'stale',
        lastEventAt: AT - 1000,
        openAlerts: 0,
        unacknowledged: 0,
      },
    ]);
  });

  it('is published on app://noc/crashed.html with the state at that moment', () => {
    const pages = new GeneratedPages();
    const url = publishCrashPage(
      { pages, lastKnownState: () => null },
      { crashes: 7, at: AT, retryAt: AT + 600_000 },
    );
    expect(url).toBe('app://noc/crashed.html');
    expect(text(pages.get('/crashed.html') ?? '')).toContain('The board crashed 7 times');
  });

  it('gives ages coarsely', () => {
    expect(formatAge(AT - 59_999, AT)).toBe('59 s');
    expect(formatAge(AT - 60_000, AT)).toBe('1 min');
    expect(formatAge(AT - 50 * 3600_000, AT)).toBe('2 days');
    expect(formatAge(AT + 5000, AT)).toBe('0 s');
  });
});
