import { useEffect, useState } from 'react';
import type { ScreensState } from '../../../shared/bridge/screens.js';
import { useFleetStore } from './store-context.js';

/**
 * The hub changed the wall's screens since this page last knew them: their version moved. The
 * first snapshot only tells the page where the hub is (from not knowing to a version), which is
 * no change: a page that just asked for its layout does not ask again for that.
 */
export function screensMoved(state: ScreensState | null, previous: ScreensState | null): boolean {
  return state !== null && previous !== null && state.version !== previous.version;
}

/** How many times the screens changed while the view was shown: a key to ask again on. */
export function useScreensChanges(): number {
  const store = useFleetStore();
  const [changes, setChanges] = useState(0);
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (screensMoved(state.screens, previous.screens)) setChanges((n) => n + 1);
      }),
    [store],
  );
  return changes;
}
