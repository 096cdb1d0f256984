import { Component, type ErrorInfo, type ReactNode } from 'react';
import { describeThrown, type ReportError } from '../../errors/error-reporter.js';
import { useReportError } from '../../errors/report-context.js';
import { FailedPart, type FailedPartLook } from './FailedPart.js';

interface BoundaryProps {
  /** Reported to the host: `tile:<siteId>`, `view:wall`… */
  readonly scope: string;
  /** Shown to the viewer: what is missing from the screen ("Site Berlin office"). */
  readonly what: string;
  readonly look: FailedPartLook;
  readonly children: ReactNode;
}

interface BoundaryState {
  readonly error: { readonly message: string } | null;
}

/**
 * Keeps one part of the board from taking the rest down: an exception thrown while rendering
 * inside it shows what failed in its place (see FailedPart), is reported to the host, and the
 * parts outside carry on. A class, because only classes can catch render errors in React.
 */
class Boundary extends Component<BoundaryProps & { readonly report: ReportError }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(thrown: unknown): BoundaryState {
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
  }

  private readonly retry = (): void => {
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const { scope, what, look } = this.props;
    return (
      <FailedPart
        scope={scope}
        what={what}
        message={error.message}
        look={look}
        onRetry={this.retry}
      />
    );
  }
}

/** An error boundary that reports to the host the board was given (see App). */
export function ErrorBoundary(props: BoundaryProps) {
  const report = useReportError();
  return <Boundary {...props} report={report} />;
}
