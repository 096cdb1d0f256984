import { Counter, Gauge, Registry } from 'prom-client';
import { CONNECTION_STATES } from '../../shared/fleet/health.js';
import type { RendererErrors } from '../hub/bridge/error-reports.js';
import type { Hub } from '../hub/hub.js';
import type { Publisher } from '../hub/publisher/publisher.js';

/**
 * `GET /metrics`: each site's health in Prometheus' text format. The registry is our own, not
 * prom-client's global one, so two hosts in one process (tests) never share series. Values are
 * read from the hub at scrape time; a site that has gone from the config leaves no stale series
 * because every metric is reset first. The hub's running counts (names ending in `_total`) are
 * exposed as counters, so Prometheus applies rate() and reads a restart as a counter reset: each
 * scrape resets them and adds the hub's count, which only grows while the process lives.
 */

export interface FleetMetrics {
  readonly contentType: string;
  render(): Promise<string>;
}

export function setupFleetMetrics(
  hub: Hub,
  publisher: Publisher,
  rendererErrors: RendererErrors,
): FleetMetrics {
  const registry = new Registry();
  const registers = [registry];
  const perSite = (name: string, help: string) =>
    new Gauge({ name, help, labelNames: ['site'] as const, registers });
  const perSiteCount = (name: string, help: string) =>
    new Counter({ name, help, labelNames: ['site'] as const, registers });

  const up = perSite('noc_site_up', '1 while the site streams live data, else 0');
  const state = new Gauge({
    name: 'noc_site_state',
    help: "The site's connection state: 1 for the current one, 0 for the others",
    labelNames: ['site', 'state'] as const,
    registers,
  });
  const age = perSite(
    'noc_site_last_event_age_seconds',
    'Seconds since the last message from the site (absent before the first one)',
  );
  const seq = perSite('noc_site_last_seq', 'Sequence number of the last event applied');
  const badPayloads = perSiteCount('noc_site_bad_payloads_total', 'Invalid payloads dropped');
  const reconnects = perSiteCount('noc_site_reconnects_total', 'Reconnections of the site link');
  const resyncs = perSiteCount('noc_site_resyncs_total', 'Resumes or snapshots after a gap');
  const duplicates = perSiteCount('noc_site_duplicates_total', 'Events received twice and skipped');
  const viewers = new Gauge({
    name: 'noc_bridge_subscribers',
    help: 'Views receiving live fleet updates',
    registers,
  });
  const pageErrors = new Counter({
    name: 'noc_renderer_errors_total',
    help: 'Errors reported by the boards served (a tile or view showing an error panel)',
    registers,
  });

  return {
    contentType: registry.contentType,
    async render() {
      registry.resetMetrics();
      for (const h of hub.health()) {
        const site = { site: h.siteId };
        up.set(site, h.state === 'live' ? 1 : 0);
        for (const s of CONNECTION_STATES) state.set({ ...site, state: s }, s === h.state ? 1 : 0);
        if (h.lastEventAgeMs !== null) age.set(site, h.lastEventAgeMs / 1000);
        if (h.lastSeq !== null) seq.set(site, h.lastSeq);
        badPayloads.inc(site, h.badPayloads);
        reconnects.inc(site, h.reconnects);
        resyncs.inc(site, h.resyncs);
        duplicates.inc(site, h.duplicates);
      }
      viewers.set(publisher.subscriberCount);
      pageErrors.inc(rendererErrors.summary.total);
      return registry.metrics();
    },
  };
}
