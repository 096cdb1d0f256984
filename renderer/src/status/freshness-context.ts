import { createContext, use } from 'react';
import type { FreshnessTracker } from './freshness-tracker.js';

export const FreshnessContext = createContext<FreshnessTracker | null>(null);

export function useFreshnessTracker(): FreshnessTracker {
  const tracker = use(FreshnessContext);
  if (!tracker) throw new Error('site freshness needs a FreshnessContext provider (see App)');
  return tracker;
}
