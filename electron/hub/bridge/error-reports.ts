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

/**
 * Counts the errors pages report (`app.reportError`), so a wall that is quietly showing an
 * error panel is visible to whoever monitors the host. One per host process; each host decides
 * where the reports go besides (Electron: the main process log).
 */
export class RendererErrors {
  private total = 0;
  private last: LastRendererError | null = null;

  constructor(private readonly clock: Clock) {}

  record(report: ReportErrorArgs): ReportErrorResult {
    this.total++;
    this.last = { scope: report.scope, message: report.message, at: this.clock.now() };
    return { total: this.total };
  }

  get summary(): RendererErrorsSummary {
    return { total: this.total, last: this.last };
  }
}
