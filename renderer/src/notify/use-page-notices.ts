import { useEffect, useLayoutEffect, useState } from 'react';
import type { NocBridge } from '../../../shared/bridge/contract.js';
import type { Clock } from '../../../shared/clock.js';
import type { ReportError } from '../errors/error-reporter.js';
import { navigate } from '../routing/hash-route.js';
import type { RotationState } from '../rotation/rotation-context.js';
import { displayParam, startRotation, type RotationStatus } from '../rotation/run-rotation.js';
import type { FleetStore } from '../store/fleet-store.js';
import { screensMoved } from '../store/screens-changes.js';
import { INVALID_PAYLOAD_SCOPE } from '../store/fleet-sync.js';
import { browserNoticeDisplay, noticesWanted, showNotices } from './browser-notices.js';
import type { NoticeBus } from './notice-bus.js';
import { followNoticeClicks } from './notice-open.js';

/**
 * What the page does with the hub's notices (docs/notifications.md, docs/displays.md): a browser
 * tab shows them if its technician asked (the Electron app's main process notifies natively
 * instead, and tells the window when one is clicked); a screen that runs a playlist
 * (`?display=N`) lets them preempt it. Returns the playlist's state for its corner badge.
 */
export function usePageNotices(
  bridge: NocBridge,
  store: FleetStore,
  bus: NoticeBus,
  clock: Clock,
  report: ReportError,
): RotationState {
  const [display] = useState(() => browserNoticeDisplay(window));
  const [screen] = useState(() => displayParam(window.location.search));
  // A `?display=` that names no screen is said in the corner, not ignored.
  const [status, setStatus] = useState<RotationStatus | null>(() =>
    typeof screen === 'string'
      ? { display: 0, name: 'This screen', showing: null, problem: screen, zoom: 1 }
      : null,
  );
  useEffect(
    () =>
      bus.subscribe((notices) => {
        const here = store.getState().info?.host === 'browser';
        showNotices(notices, display, here && noticesWanted(() => window.localStorage));
      }),
    [bus, store, display],
  );
  useEffect(
    () =>
      followNoticeClicks(bridge, (problem) => {
        report({ scope: INVALID_PAYLOAD_SCOPE, message: problem, stack: null });
      }),
    [bridge, report],
  );
  useEffect(() => {
    if (typeof screen !== 'number') return undefined;
    return startRotation({
      bridge,
      display: screen,
      clock,
      go: navigate,
      current: () => window.location.hash,
      onStatus: setStatus,
      notices: (listener) => bus.subscribe(listener),
      screensChanged: (listener) =>
        store.subscribe((state, previous) => {
          if (screensMoved(state.screens, previous.screens)) listener();
        }),
    });
  }, [bridge, bus, clock, screen, store]);
  const zoom = status?.zoom ?? 1;
  // Before paint, as the wall's plan re-measures with the new zoom: one layout, not two.
  useLayoutEffect(() => {
    // The type unit of the view (--u in .app__main, header.css) is scaled by the screen's zoom:
    // every view drawn in it; the wall's layout plans with the same factor (useWallArea).
    const root = document.documentElement.style;
    root.setProperty('--zoom', String(zoom));
    return () => {
      root.removeProperty('--zoom');
    };
  }, [zoom]);
  return { status, clock };
}
