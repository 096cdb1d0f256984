import { useCallback, useState, type RefCallback } from 'react';
import { useRotation } from '../rotation/rotation-context.js';
import { wallUnit } from './wall-metrics.js';

/** The wall's own box in px and the type unit of the viewport it is on. */
export interface WallArea {
  readonly width: number;
  readonly height: number;
  readonly unit: number;
}

function viewportArea(zoom: number): WallArea {
  const { innerWidth: width, innerHeight: height } = window;
  return { width, height, unit: wallUnit(width, height, zoom) };
}

/**
 * Measures the element the ref is put on, again whenever it changes size (a window resize, a
 * rotated screen, a banner above it). Without layout (a test DOM reports 0 × 0) it takes the
 * viewport. The observer goes with the element (React 19 ref cleanup).
 */
export function useWallArea(): [RefCallback<HTMLElement>, WallArea] {
  // A screen's zoom (its layout's) scales the unit: the plan matches what the CSS draws. A new
  // zoom makes a new ref callback, which React runs again on the element: measured anew.
  const zoom = useRotation()?.status?.zoom ?? 1;
  const [area, setArea] = useState<WallArea>(() => viewportArea(zoom));
  const ref = useCallback(
    (element: HTMLElement | null) => {
      if (element === null) return undefined;
      const measure = () => {
        const viewport = viewportArea(zoom);
        const measured = element.clientWidth > 0 && element.clientHeight > 0;
        const next = measured
          ? { width: element.clientWidth, height: element.clientHeight, unit: viewport.unit }
          : viewport;
        setArea((previous) =>
          previous.width === next.width &&
          previous.height === next.height &&
          previous.unit === next.unit
            ? previous
            : next,
        );
      };
      measure();
      if (typeof ResizeObserver === 'undefined') return undefined;
      const observer = new ResizeObserver(measure);
      observer.observe(element);
      return () => {
        observer.disconnect();
      };
    },
    [zoom],
  );
  return [ref, area];
}
