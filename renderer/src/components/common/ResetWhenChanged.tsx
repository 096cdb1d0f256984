import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { WallState } from '../../store/fleet-store.js';
import { useFleet } from '../../store/store-context.js';

/** Picks the store's objects a part draws; compared item by item, by identity. */
export type ResetKey = (state: WallState) => readonly unknown[];

/**
 * Rendered beside a failed part only (a healthy part watches nothing, so costs nothing): calls
 * `onChange` once any of the objects `select` picks is replaced, i.e. the hub sent new data.
 */
export function ResetWhenChanged({ select, onChange }: { select: ResetKey; onChange: () => void }) {
  const key = useFleet(useShallow(select));
  const [failedOn] = useState(key);
  useEffect(() => {
    if (key !== failedOn) onChange();
  }, [key, failedOn, onChange]);
  return null;
}
