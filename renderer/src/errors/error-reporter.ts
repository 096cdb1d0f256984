import { REPORT_ERROR_LIMITS, type ReportErrorArgs } from '../../../shared/bridge/contract.js';
import type { Clock } from '../../../shared/clock.js';

/**
 * What the page tells the host about something that broke: `app.reportError`'s arguments.
 * `scope` says what failed: `tile:<siteId>`, `view:wall`, `window:error`…
 */
export type ErrorReport = ReportErrorArgs;

export type ReportError = (report: ErrorReport) => void;

/** The same scope and message are sent again at most once in this long. */
export const REPORT_REPEAT_MS = 60_000;
/** At most this many reports per scope per REPORT_REPEAT_MS, whatever the messages. */
export const REPORTS_PER_SCOPE = 5;

/** The text of anything thrown: an Error's message, else the value as a string. */
export function describeThrown(thrown: unknown): { message: string; stack: string | null } {
  if (thrown instanceof Error) return { message: thrown.message, stack: thrown.stack ?? null };
  return { message: String(thrown), stack: null };
}

/**
 * Forwards errors to the host, rate-limited per scope: a tile that throws on every render (or a
 * retry clicked again and again) must not flood the host's log. Sending never throws and never
 * reports its own failure (that could loop).
 */
export function createErrorReporter(
  send: (report: ErrorReport) => Promise<unknown>,
  clock: Pick<Clock, 'now'>,
): ReportError {
  /** scope → when each recent report was sent, by message. */
  const recent = new Map<string, Map<string, number>>();

  const forget = (now: number) => {
    for (const [scope, sent] of recent) {
      for (const [message, at] of sent) if (now - at >= REPORT_REPEAT_MS) sent.delete(message);
      if (sent.size === 0) recent.delete(scope);
    }
  };

  return (report) => {
    const now = clock.now();
    forget(now);
    const sent = recent.get(report.scope) ?? new Map<string, number>();
    if (sent.has(report.message) || sent.size >= REPORTS_PER_SCOPE) return;
    sent.set(report.message, now);
    recent.set(report.scope, sent);
    send({
      // Cut to the contract's limits, so a long stack is still reported rather than refused.
      scope: report.scope.slice(0, REPORT_ERROR_LIMITS.scope) || 'unknown',
      message: report.message.slice(0, REPORT_ERROR_LIMITS.message),
      stack: report.stack === null ? null : report.stack.slice(0, REPORT_ERROR_LIMITS.stack),
    }).catch(() => undefined);
  };
}
