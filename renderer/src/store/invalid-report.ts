import type { NocBridge } from '../../../shared/bridge/contract.js';
import { invokeChecked } from '../bridge/invoke-checked.js';

/**
 * At most one report a minute to the host: a hub sending a bad delta every tick must not spend
 * the page's command budget (the serve host rate-limits each viewer) on telling it so.
 */
export const INVALID_REPORT_INTERVAL_MS = 60_000;

const MAX_MESSAGE = 2000;

/**
 * Tells the host (logged by Electron's main process, counted in serve's /healthz) that payloads
 * failed the contract. The board shows every one; the host hears of the first and then of the
 * latest at most once per interval, with the running count.
 */
export function invalidPayloadReporter(
  bridge: NocBridge,
  now: () => number = Date.now,
): (problem: string, count: number) => void {
  let lastReportAt = -Infinity;
  return (problem, count) => {
    const at = now();
    if (at - lastReportAt < INVALID_REPORT_INTERVAL_MS) return;
    lastReportAt = at;
    const message = `${count} invalid payload(s) dropped so far; latest: ${problem}`;
    void invokeChecked(bridge, 'app.reportError', {
      scope: 'bridge payload',
      message: message.slice(0, MAX_MESSAGE),
      stack: null,
    });
  };
}
