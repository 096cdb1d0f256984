import type { SiteSummary } from '../../../../shared/bridge/fleet-view.js';
import { useShownSiteState } from '../../status/use-site-state.js';
import { Age } from '../common/Age.js';
import { ConnectionState } from '../common/ConnectionState.js';

/** Who the site is, where its clock runs, and how fresh its data is. */
export function SiteHeader({ site }: { site: SiteSummary }) {
  const shown = useShownSiteState(site.id);
  return (
    <div className="site-header">
      <h1 className="site-header__name">{site.name}</h1>
      <span className="site-header__customer">{site.customer}</span>
      <span className="site-header__tz">{site.timeZone ?? 'time zone unknown'}</span>
      {shown ? <ConnectionState state={shown.state} reason={shown.reason} /> : null}
      <span className="site-header__age">
        data age <Age since={site.health.lastEventAt} testId="site-age" />
      </span>
    </div>
  );
}
