/** A site the hub links to, with its secrets resolved. */
export interface SiteLinkConfig {
  readonly id: string;
  readonly name?: string;
  readonly customer: string;
  readonly url: string;
  readonly token: string;
  /** PEM text of an extra CA to trust for this site's TLS certificate. */
  readonly ca?: string;
}

export interface ReconnectOptions {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** Everything the hub needs, in the units it uses. Built by loadHubConfig or by code. */
export interface HubOptions {
  readonly staleAfterMs: number;
  readonly downAfterMs: number;
  readonly reconnect: ReconnectOptions;
  readonly sites: readonly SiteLinkConfig[];
  /** The publisher's tick: windows get at most one update per interval (default 200 ms). */
  readonly publishIntervalMs?: number;
}

export const DEFAULT_RECONNECT: ReconnectOptions = { initialDelayMs: 500, maxDelayMs: 30_000 };
