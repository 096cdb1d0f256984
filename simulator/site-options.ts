import type { Clock } from '../shared/clock.js';
import type { Alert } from '../shared/protocol/alert.js';
import type { Device } from '../shared/protocol/device.js';
import type { Hello } from '../shared/protocol/messages.js';
import { PROTOCOL_VERSION } from '../shared/protocol/version.js';
import type { Scenario, ScenarioOptions } from './scenarios.js';
import type { SiteTls } from './site-transport.js';

/** What a SimSite is configured with, and the shapes it reports back to tests. */

export interface SimSiteOptions extends ScenarioOptions {
  readonly siteId: string;
  readonly name: string;
  readonly customer: string;
  /** IANA zone; office hours (and so the load curve) follow it. */
  readonly timeZone: string;
  readonly token: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Serve TLS with this key and certificate (https:// URL); default plain http. */
  readonly tls?: SiteTls;
  /** Default 0: an ephemeral port. */
  readonly port?: number;
  readonly devices: number;
  readonly scenario: Scenario;
  readonly seed: string;
  /** Default 1000. */
  readonly tickMs?: number;
  /** Heartbeat after this long without sending to the live sockets (default 2000). */
  readonly heartbeatMs?: number;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** JSONL journal; restored from on start when it exists, so the stream and seq continue. */
  readonly journalFile?: string;
  /** Events kept in memory for replays (default 100 000). */
  readonly journalCapacity?: number;
  /** What hello claims (default PROTOCOL_VERSION); tests claim '2.0' to be refused. */
  readonly protocolVersion?: string;
  /** Go silent this long after start (scenario 'outage' defaults to 10 s). */
  readonly outageAfterMs?: number;
  /** Wake up this long after going silent on schedule; without it the site stays silent. */
  readonly outageForMs?: number;
  /** Restart the sockets this often (scenario 'restart' defaults to 15 s). */
  readonly restartEveryMs?: number;
  /** Stamp events with performance.timeOrigin + performance.now() (sub-ms, for benchmarks). */
  readonly preciseTime?: boolean;
  /** Keep every numbered event in `sent` (default true); benchmarks of millions turn it off. */
  readonly keepSent?: boolean;
  /** Errors of scheduled work (a restart that cannot listen again); default: console.error. */
  readonly onError?: (error: unknown) => void;
}

/** Frames emitted, by kind; a broadcast to the live room counts once. */
export interface SentFrames {
  hello: number;
  snapshot: number;
  events: number;
  heartbeat: number;
  malformed: number;
}

/** What a dashboard in sync with the site holds: devices and open alerts, sorted by id. */
export interface GroundTruth {
  readonly stream: string;
  readonly seq: number;
  readonly devices: Device[];
  readonly alerts: Alert[];
}

export const AGENT_VERSION = 'noc-sim/0.1.0';

/** The first frame on every connection; `protocolVersion` is what the site claims to speak. */
export function helloFor(o: SimSiteOptions, stream: string): Hello {
  return {
    siteId: o.siteId,
    name: o.name,
    customer: o.customer,
    timeZone: o.timeZone,
    protocolVersion: o.protocolVersion ?? PROTOCOL_VERSION,
    agentVersion: AGENT_VERSION,
    stream,
  };
}
