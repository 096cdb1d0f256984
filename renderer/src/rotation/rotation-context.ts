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
