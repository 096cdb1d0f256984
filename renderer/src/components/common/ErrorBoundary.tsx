import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { BoardClock } from '../../clock/board-clock.js';
import { Backoff } from '../../clock/backoff.js';
import { useBoardClock } from '../../clock/clock-context.js';
import { describeThrown, type ReportError } from '../../errors/error-reporter.js';
import { useReportError } from '../../errors/report-context.js';
import { FailedPart, type FailedPartLook } from './FailedPart.js';
import { ResetWhenChanged, type ResetKey } from './ResetWhenChanged.js';

/** A failed part tries again on its own after this long… */
export const BOUNDARY_RETRY_MS = 30_000;
/** …doubling while it keeps failing, up to this. */
export const BOUNDARY_RETRY_MAX_MS = 10 * 60_000;
/**
 * New data retries a failed part at most this often: a view's data changes on every publisher
 * tick, and a part with a bug that new data does not fix must not re-mount five times a second.
 */
export const DATA_RETRY_MIN_MS = 5_000;

interface BoundaryProps {
  /** Reported to the host: `tile:<siteId>`, `view:wall`… */
  readonly scope: string;
  /** Shown to the viewer: what is missing from the screen ("Site Berlin office"). */
  readonly what: string;
  readonly look: FailedPartLook;
  /**
   * The data the part draws (identities in the store): while failed, the part is tried again as
   * soon as any of it changes, since new data is what most likely fixes it.
   */
  readonly resetKey?: ResetKey;
  readonly children: ReactNode;
}

interface BoundaryState {
  readonly error: { readonly message: string } | null;
}

interface Injected {
  readonly report: ReportError;
  readonly clock: BoardClock;
}

/**
 * Keeps one part of the board from taking the rest down: an exception thrown while rendering
 * inside it shows what failed in its place (see FailedPart), is reported to the host, and the
 * parts outside carry on. A wall has nobody to click Retry, so a failed part also tries again by
 * itself: when its data changes (at most once per DATA_RETRY_MIN_MS), and on a timer after 30 s,
 * 1 min, 2 min … up to every 10 min, a schedule that retries on data do not advance (the
 * reporter's rate limit keeps a part that keeps failing from flooding the host). A class, because
 * only classes can catch render errors in React.
 */
class Boundary extends Component<BoundaryProps & Injected, BoundaryState> {
  override state: BoundaryState = { error: null };
  /** Advanced by failures of timed (or clicked) retries only, so new data cannot use it up. */
  private readonly backoff = new Backoff(BOUNDARY_RETRY_MS, BOUNDARY_RETRY_MAX_MS);
  private cancelTimed: (() => void) | null = null;
  private cancelData: (() => void) | null = null;
  /** Hub time of the first failure in a row: the age shown survives the retries in between. */
  private failingSince: number | null = null;
  /** Hub time of the last attempt to draw, the failure itself included. */
  private lastAttemptAt = -Infinity;
  /** Whether the attempt under way was started by new data (its failure keeps the timer). */
  private dataAttempt = false;

  static getDerivedStateFromError(thrown: unknown): Partial<BoundaryState> {
    return { error: { message: describeThrown(thrown).message } };
  }

  override componentDidCatch(thrown: unknown, info: ErrorInfo): void {
    const { message, stack } = describeThrown(thrown);
    const where = info.componentStack ? `\ncomponent stack:${info.componentStack}` : '';
    this.props.report({
      scope: this.props.scope,
      message,
      stack: stack === null && where === '' ? null : `${stack ?? message}${where}`,
    });
    const { clock } = this.props;
    const now = clock.now();
    this.failingSince ??= now;
    this.lastAttemptAt = now;
    // A retry on new data that failed leaves the timed schedule as it was.
    if (!this.dataAttempt || this.cancelTimed === null) {
      this.cancelTimed?.();
      this.cancelTimed = clock.at(now + this.backoff.next(), this.retry);
    }
    this.dataAttempt = false;
  }

  override componentDidUpdate(_: unknown, previous: BoundaryState): void {
    // Drawn again without throwing: nothing is pending, and the next failure starts afresh.
    if (previous.error !== null && this.state.error === null) {
      this.cancelTimers();
      this.backoff.reset();
      this.failingSince = null;
      this.dataAttempt = false;
    }
  }

  override componentWillUnmount(): void {
    this.cancelTimers();
  }

  private cancelTimers(): void {
    this.cancelTimed?.();
    this.cancelTimed = null;
    this.cancelData?.();
    this.cancelData = null;
  }

  /** A timed or clicked retry. */
  private readonly retry = (): void => {
    this.cancelTimers();
    this.dataAttempt = false;
    this.setState({ error: null });
  };

  /** The data the part draws changed: try again now, or as soon as the throttle allows. */
  private readonly retryOnData = (): void => {
    if (this.state.error === null || this.cancelData !== null) return;
    const { clock } = this.props;
    const allowedAt = this.lastAttemptAt + DATA_RETRY_MIN_MS;
    if (clock.now() < allowedAt) {
      this.cancelData = clock.at(allowedAt, () => {
        this.cancelData = null;
        this.retryOnData();
      });
      return;
    }
    this.dataAttempt = true;
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const { scope, what, look, resetKey } = this.props;
    return (
      <>
        <FailedPart
          scope={scope}
          what={what}
          message={error.message}
          look={look}
          since={this.failingSince}
          onRetry={this.retry}
        />
        {resetKey ? <ResetWhenChanged select={resetKey} onChange={this.retryOnData} /> : null}
      </>
    );
  }
}

/** An error boundary that reports to the host the board was given, on the board's clock. */
export function ErrorBoundary(props: BoundaryProps) {
  const report = useReportError();
  const clock = useBoardClock();
  return <Boundary {...props} report={report} clock={clock} />;
}
