import { describeThrown, type ReportError } from './error-reporter.js';

/**
 * Reports what no error boundary catches: errors thrown from timers and event handlers, and
 * promises rejected with nobody listening. Returns the function that removes both listeners.
 */
export function reportWindowErrors(target: Window, report: ReportError): () => void {
  const onError = (event: ErrorEvent) => {
    const thrown = describeThrown(event.error);
    report({
      scope: 'window:error',
      message: event.message || thrown.message,
      stack: thrown.stack,
    });
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    report({ scope: 'window:unhandledrejection', ...describeThrown(event.reason) });
  };
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
