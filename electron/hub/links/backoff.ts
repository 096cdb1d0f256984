import type { ReconnectOptions } from '../config/hub-options.js';

/**
 * Capped exponential backoff with "equal jitter": half the delay is fixed, half random, so a
 * fleet of links that dropped together does not reconnect in lockstep, yet none retries at 0 ms.
 * `random` is injected so tests are deterministic.
 */
export function backoffDelay(
  attempt: number,
  options: ReconnectOptions,
  random: () => number = Math.random,
): number {
  const exponential = options.initialDelayMs * 2 ** Math.min(attempt, 30);
  const capped = Math.min(options.maxDelayMs, exponential);
  return Math.round(capped / 2 + random() * (capped / 2));
}
