import type { ReportErrorArgs, ReportErrorResult } from '../../../shared/bridge/contract.js';
import type { Clock } from '../../../shared/clock.js';

/** The last error a page reported, as /healthz shows it (no stack: that goes to the log). */
export interface LastRendererError {
  readonly scope: string;
  readonly message: string;
  /** The hub's clock when the report arrived. */
  readonly at: number;
}

export interface RendererErrorsSummary {
  readonly total: number;
  readonly last: LastRendererError | null;
}

/** One log line per page error: what failed, the message, then the stack when there is one. */
export function formatReportedError(report: ReportErrorArgs, total: number): string {
  const head = `renderer error #${total} in ${report.scope}: ${report.message}`;
  return report.stack === null ? head : `${head}\n${report.stack}`;
}

const logToStderr = (line: string): void => {
  console.error(line);
};

/**
 * Counts the errors pages report (`app.reportError`) and logs each one, so a wall that is
 * quietly showing an error panel is visible to whoever monitors the host (Electron: the main
 * process log; serve: its stderr, /healthz and /metrics). One per host process.
 */
export class RendererErrors {
  private total = 0;
  private last: LastRendererError | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly log: (line: string) => void = logToStderr,
  ) {}

  record(report: ReportErrorArgs): ReportErrorResult {
    this.total++;
    this.last = { scope: report.scope, message: report.message, at: this.clock.now() };
    this.log(formatReportedError(report, this.total));
    return { total: this.total };
  }

  get summary(): RendererErrorsSummary {
    return { total: this.total, last: this.last };
  }
}
