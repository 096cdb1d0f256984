import {
  ALERTS_HREF,
  HISTORY_HREF,
  SCREENS_HREF,
  SLA_HREF,
  WALL_HREF,
} from '../../routing/hash-route.js';
import { useFleet } from '../../store/store-context.js';
import { ErrorBoundary } from '../common/ErrorBoundary.js';
import { boardData, linkData } from '../common/reset-keys.js';
import { Banners } from './Banners.js';
import { Clock } from './Clock.js';
import { FleetTotals } from './FleetTotals.js';
import { NoticeBell } from './NoticeBell.js';

/**
 * Banners, brand, totals and clock. The banners have a boundary of their own: a failing total
 * must not hide "Connection to the hub lost".
 */
export function Header() {
  const version = useFleet((s) => s.info?.version ?? null);
  return (
    <header className="header">
      <ErrorBoundary scope="view:banners" what="The banners" look="view" resetKey={linkData}>
        <Banners />
      </ErrorBoundary>
      <ErrorBoundary scope="view:header" what="The header" look="view" resetKey={boardData}>
        <div className="header__bar">
          <a className="header__brand" href={WALL_HREF}>
            NOC Wallboard
            {version === null ? null : <span className="header__version">v{version}</span>}
          </a>
          <FleetTotals />
          <a className="header__nav" data-testid="alerts-link" href={ALERTS_HREF}>
            Alerts
          </a>
          <a className="header__nav" data-testid="sla-link" href={SLA_HREF}>
            SLA
          </a>
          <a className="header__nav" data-testid="history-link" href={HISTORY_HREF}>
            History
          </a>
          <a className="header__nav" data-testid="screens-link" href={SCREENS_HREF}>
            Screens
          </a>
          <NoticeBell />
          <Clock />
        </div>
      </ErrorBoundary>
    </header>
  );
}
