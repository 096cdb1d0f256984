import { createContext, useContext } from 'react';
import type { Clock } from '../../../shared/clock.js';
import type { RotationStatus } from './run-rotation.js';

/** This page's screen playlist (`?display=N`), if any, and the page clock its times are on. */
export interface RotationState {
  readonly status: RotationStatus | null;
  readonly clock: Clock;
}

export const RotationContext = createContext<RotationState | null>(null);

export function useRotation(): RotationState | null {
  return useContext(RotationContext);
}

/**
 * The zoom of the screen this page runs (its layout's, 0.5–3; docs/displays.md), 1 on a page
 * that runs none. Views drawn in px scale their lengths and virtual row heights by it.
 */
export function useViewZoom(): number {
  return useRotation()?.status?.zoom ?? 1;
}
