import { useEffect, useMemo, useState } from 'react';
import type { NocBridge } from '../../shared/bridge/contract.js';
import type { Clock } from '../../shared/clock.js';
import { systemClock } from '../../shared/system-clock.js';
import { BridgeContext } from './bridge/bridge-context.js';
import { invokeChecked } from './bridge/invoke-checked.js';
import { BoardClock } from './clock/board-clock.js';
import { BoardClockContext } from './clock/clock-context.js';
import { ErrorBoundary } from './components/common/ErrorBoundary.js';
import { boardData, fleetData, siteDetail } from './components/common/reset-keys.js';
import { Header } from './components/header/Header.js';
import { IdentifyOverlay } from './components/rotation/IdentifyOverlay.js';
import { RotationBadge } from './components/rotation/RotationBadge.js';
import { AlertListView } from './components/alerts/AlertListView.js';
import { HistoryView } from './components/history/HistoryView.js';
import { ScreensView } from './components/screens/ScreensView.js';
import { SlaBoard } from './components/sla/SlaBoard.js';
import { SlaPanel } from './components/sla/SlaPanel.js';
import { TopAlerts } from './components/wall/TopAlerts.js';
import { SiteView } from './components/site/SiteView.js';
import { WallView } from './components/wall/WallView.js';
import { createErrorReporter } from './errors/error-reporter.js';
import { ReportErrorContext } from './errors/report-context.js';
import { reportWindowErrors } from './errors/window-errors.js';
import { useHashRoute, type WallScope } from './routing/hash-route.js';
import { FreshnessContext } from './status/freshness-context.js';
import { FreshnessTracker } from './status/freshness-tracker.js';
import { afterNextFrame, AT_ONCE } from './store/after-frame.js';
import { DELTA_BATCH_MS } from './store/delta-batcher.js';
import { createFleetStore } from './store/fleet-store.js';
import { startFleetSync } from './store/fleet-sync.js';
import { NoticeBus } from './notify/notice-bus.js';
import { usePageNotices } from './notify/use-page-notices.js';
import { RotationContext } from './rotation/rotation-context.js';
import { FleetStoreContext, useFleet } from './store/store-context.js';

/**
 * The wall page: the band of unhandled alerts above the tiles, and the SLA panel beside them
 * (below them on a portrait screen) when SLA contracts are configured and the route wants it.
 */
function WallPage({ slaPanel, scope }: { slaPanel: boolean; scope: WallScope }) {
  const sla = useFleet((s) => s.info?.sla !== undefined);
  return (
    <div className="wall-page">
      <ErrorBoundary
        scope="view:top-alerts"
        what="The unhandled alerts"
        look="view"
        resetKey={fleetData}
      >
        <TopAlerts scope={scope} />
      </ErrorBoundary>
      <div className="wall-page__body">
        <WallView scope={scope} />
        {sla && slaPanel ? (
          <ErrorBoundary
            scope="view:sla-panel"
            what="The SLA panel"
            look="view"
            resetKey={fleetData}
          >
            <SlaPanel scope={scope} />
          </ErrorBoundary>
        ) : null}
      </div>
    </div>
  );
}

/** The header and the current view, each behind its own error boundary. */
function Board() {
  const route = useHashRoute();
  const connected = useFleet((s) => s.connected);
  return (
    <div className="app" data-connected={connected}>
      <Header />
      <main className="app__main" data-view={route.view}>
        {route.view === 'alerts' ? (
          <ErrorBoundary
            // Another part of the fleet starts the list afresh (its filter is the route's).
            key={`alerts:${JSON.stringify(route.scope)}`}
            scope="view:alerts"
            what="The alert list"
            look="view"
            resetKey={fleetData}
          >
            <AlertListView scope={route.scope} />
          </ErrorBoundary>
        ) : route.view === 'screens' ? (
          <ErrorBoundary
            key="screens"
            scope="view:screens"
            what="The screens"
            look="view"
            resetKey={fleetData}
          >
            <ScreensView />
          </ErrorBoundary>
        ) : route.view === 'sla' ? (
          <ErrorBoundary
            key="sla"
            scope="view:sla"
            what="The SLA board"
            look="view"
            resetKey={fleetData}
          >
            <SlaBoard focus={route.incidentId} scope={route.scope} />
          </ErrorBoundary>
        ) : route.view === 'history' ? (
          <ErrorBoundary
            key="history"
            scope="view:history"
            what="The history view"
            look="view"
            resetKey={boardData}
          >
            <HistoryView />
          </ErrorBoundary>
        ) : route.view === 'site' ? (
          <ErrorBoundary
            key={`site:${route.siteId}`}
            scope={`view:site:${route.siteId}`}
            what={`The view of site ${route.siteId}`}
            look="view"
            resetKey={siteDetail(route.siteId)}
          >
            <SiteView siteId={route.siteId} alertId={route.alertId} />
          </ErrorBoundary>
        ) : (
          <ErrorBoundary
            key="wall"
            scope="view:wall"
            what="The wall"
            look="view"
            resetKey={fleetData}
          >
            <WallPage slaPanel={route.slaPanel} scope={route.scope} />
          </ErrorBoundary>
        )}
      </main>
      <RotationBadge />
      <IdentifyOverlay />
    </div>
  );
}

export interface AppProps {
  readonly bridge: NocBridge;
  /** Time for every age, clock and freshness timer on the board; read once, at mount. */
  readonly clock?: Clock;
  /**
   * How often the hub's deltas reach the store (fleet-sync); tests take 0 to see each one at once
   * (not batched, and shown in the task that received it rather than after the next frame).
   */
  readonly deltaBatchMs?: number;
}

/**
 * The wallboard: one store, one board clock and one freshness tracker per mount, fed from the
 * bridge while mounted; errors the board catches (or the window sees) are reported to the host.
 */
export function App({ bridge, clock = systemClock, deltaBatchMs = DELTA_BATCH_MS }: AppProps) {
  const [store] = useState(createFleetStore);
  const [pageClock] = useState(() => clock);
  const [boardClock] = useState(
    () => new BoardClock(pageClock, () => store.getState().serverOffset),
  );
  const [freshness] = useState(() => new FreshnessTracker(store, boardClock));
  const report = useMemo(
    () => createErrorReporter((args) => invokeChecked(bridge, 'app.reportError', args), boardClock),
    [bridge, boardClock],
  );
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.serverOffset !== previous.serverOffset) boardClock.resync();
      }),
    [store, boardClock],
  );
  useEffect(() => freshness.start(), [freshness]);
  const [notices] = useState(() => new NoticeBus());
  // The page's own clock, not the board's: arrival times measure the offset BoardClock adds.
  useEffect(
    () =>
      startFleetSync(bridge, store, {
        clock: pageClock,
        report,
        deltaBatchMs,
        // Batched deltas render after the next frame; a test's unbatched stream, at once.
        afterFrame: deltaBatchMs > 0 ? afterNextFrame(pageClock) : AT_ONCE,
        onNotices: (list) => {
          notices.emit(list);
        },
      }),
    [bridge, store, pageClock, report, deltaBatchMs, notices],
  );
  const rotation = usePageNotices(bridge, store, notices, pageClock, report);
  useEffect(() => reportWindowErrors(window, report), [report]);
  return (
    <BridgeContext value={bridge}>
      <ReportErrorContext value={report}>
        <FleetStoreContext value={store}>
          <BoardClockContext value={boardClock}>
            <FreshnessContext value={freshness}>
              <RotationContext value={rotation}>
                <ErrorBoundary scope="view:board" what="The board" look="view" resetKey={boardData}>
                  <Board />
                </ErrorBoundary>
              </RotationContext>
            </FreshnessContext>
          </BoardClockContext>
        </FleetStoreContext>
      </ReportErrorContext>
    </BridgeContext>
  );
}
