import { createContext, use } from 'react';
import type { ReportError } from './error-reporter.js';

/** Where caught errors go; the default drops them (a component rendered outside App). */
export const ReportErrorContext = createContext<ReportError>(() => undefined);

export function useReportError(): ReportError {
  return use(ReportErrorContext);
}
