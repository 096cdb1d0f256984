import { Counter, Gauge, Registry } from 'prom-client';
import { CONNECTION_STATES } from '../../shared/fleet/health.js';
import type { RendererErrors } from '../hub/bridge/error-reports.js';
import type { HubRuntime } from '../hub/runtime.js';
import { setupStoreMetrics } from './store-metrics.js';

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
  runtime: Pick<HubRuntime, 'hub' | 'publisher' | 'storeFile' | 'storeHealth'>,
  rendererErrors: RendererErrors,
): FleetMetrics {
  const { hub, publisher } = runtime;
  const registry = new Registry();
  const registers = [registry];
  // Only with a store: a series reading 0 would claim an empty store.
  const storeMetrics = runtime.storeFile === null ? null : setupStoreMetrics(registers);
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
    'Age in seconds of the newest data the hub applied for the site (absent before any)',
  );
  const messageAge = perSite(
    'noc_site_last_message_age_seconds',
    'Seconds since the last valid message from the site, applied or not (absent before any)',
  );
  const seq = perSite('noc_site_last_seq', 'Sequence number of the last event applied');
  const badPayloads = perSiteCount('noc_site_bad_payloads_total', 'Invalid payloads dropped');
  const reconnects = perSiteCount('noc_site_reconnects_total', 'Reconnections of the site link');
  const resyncs = perSiteCount('noc_site_resyncs_total', 'Resumes or snapshots after a gap');
  const duplicates = perSiteCount('noc_site_duplicates_total', 'Events received twice and skipped');
  const degraded = perSite(
    'noc_site_degraded',
    '1 while the site is over one of its budgets, else 0',
  );
  const dropped = perSiteCount(
    'noc_site_dropped_over_budget_total',
    'Events, devices and alerts dropped because the site was over a budget',
  );
  const unknownDevices = perSiteCount(
    'noc_site_unknown_device_events_total',
    'Events naming a device the hub does not hold',
  );
  const unknownAlerts = perSiteCount(
    'noc_site_unknown_alert_events_total',
    'Events naming an alert the hub does not hold',
  );
  const future = perSiteCount(
    'noc_site_future_timestamps_total',
    "Timestamps further ahead of the hub's clock than the allowed skew",
  );
  const clockAhead = perSite('noc_site_clock_ahead', "1 while the site's clock runs ahead, else 0");
  const conflicts = perSiteCount(
    'noc_site_id_conflicts_total',
    "Another site id at this site's address",
  );
  const ackMismatches = perSiteCount(
    'noc_site_ack_mismatches_total',
    'Acknowledgement replies naming another ack id',
  );
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
        if (h.lastMessageAgeMs !== null) messageAge.set(site, h.lastMessageAgeMs / 1000);
        if (h.lastSeq !== null) seq.set(site, h.lastSeq);
        badPayloads.inc(site, h.badPayloads);
        reconnects.inc(site, h.reconnects);
        resyncs.inc(site, h.resyncs);
        duplicates.inc(site, h.duplicates);
        degraded.set(site, h.degraded === null ? 0 : 1);
        dropped.inc(site, h.droppedOverBudget);
        unknownDevices.inc(site, h.unknownDeviceEvents);
        unknownAlerts.inc(site, h.unknownAlertEvents);
        future.inc(site, h.futureTimestamps);
        clockAhead.set(site, h.clockAheadSince === null ? 0 : 1);
        conflicts.inc(site, h.idConflicts);
        ackMismatches.inc(site, h.ackMismatches);
      }
      viewers.set(publisher.subscriberCount);
      pageErrors.inc(rendererErrors.summary.total);
      storeMetrics?.set(runtime.storeHealth());
      return registry.metrics();
    },
  };
}
