import { useEffect, useState } from 'react';
import { useRotation } from '../../rotation/rotation-context.js';
import { useFleet } from '../../store/store-context.js';

/**
 * A browser screen's number across it, for a few seconds, when a technician asks every screen to
 * identify itself (the screens view's "Identify screens"): on a wall of TVs, which is screen 3.
 * The desktop app's main process draws its own on every display (electron/main/
 * identify-windows.ts), so its windows do not.
 */
export function IdentifyOverlay() {
  const rotation = useRotation();
  const browser = useFleet((s) => s.info?.host === 'browser');
  const until = useFleet((s) => s.screens?.identifyUntil ?? null);
  const offset = useFleet((s) => s.serverOffset);
  /** The `until` whose time has passed here. */
  const [ended, setEnded] = useState<number | null>(null);
  const clock = rotation?.clock ?? null;
  useEffect(() => {
    if (until === null || clock === null) return undefined;
    // Hub time to this page's: the offset the store measures.
    const left = Math.max(0, until - offset - clock.now());
    const timer = clock.setTimeout(() => {
      setEnded(until);
    }, left);
    return () => {
      clock.clearTimeout(timer);
    };
  }, [until, offset, clock]);
  const status = rotation?.status ?? null;
  if (!browser || status === null || status.display === 0) return null;
  if (until === null || ended === until || clock === null || until - offset <= clock.now()) {
    return null;
  }
  return (
    <div className="identify-overlay" data-testid="identify-overlay" role="status">
      <span className="identify-overlay__number">{status.display}</span>
      {status.name === null ? null : <span className="identify-overlay__name">{status.name}</span>}
    </div>
  );
}
