import type { SiteSummary } from '../../../../shared/bridge/fleet-view.js';
import { useFleet } from '../../store/store-context.js';
import { Age } from '../common/Age.js';
import { ConnectionState } from '../common/ConnectionState.js';

/** Who the site is, where its clock runs, and how fresh its data is. */
export function SiteHeader({ site }: { site: SiteSummary }) {
  const connected = useFleet((s) => s.connected);
  return (
    <div className="site-header">
      <h1 className="site-header__name">{site.name}</h1>
      <span className="site-header__customer">{site.customer}</span>
      <span className="site-header__tz">{site.timeZone ?? 'time zone unknown'}</span>
      <ConnectionState health={site.health} connected={connected} />
      <span className="site-header__age">
        data age <Age since={site.health.lastEventAt} testId="site-age" />
      </span>
    </div>
  );
}
