import { useCallback, useState } from 'react';
import { reportRender } from '../../debug/render-probe.js';
import { WALL_HREF } from '../../routing/hash-route.js';
import { useShownSiteState } from '../../status/use-site-state.js';
import { useFleet } from '../../store/store-context.js';
import { AlertList } from './AlertList.js';
import { DeviceChart } from './DeviceChart.js';
import { DeviceTable } from './DeviceTable.js';
import { MaintenancePanel } from './MaintenancePanel.js';
import { SiteHeader } from './SiteHeader.js';

/**
 * One site in detail: its devices, their trends and posture, and its open alerts; `alertId` (a
 * notice's click) is brought into view and marked.
 */
export function SiteView({ siteId, alertId = null }: { siteId: string; alertId?: string | null }) {
  const site = useFleet((s) => s.sites.get(siteId));
  const stale = useShownSiteState(siteId)?.stale ?? true;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const close = useCallback(() => {
    setSelectedId(null);
  }, []);
  reportRender('site-view', siteId);
  return (
    <div className="site-view" data-testid="site-view" data-site-id={siteId} data-stale={stale}>
      <a className="back-link" data-testid="back-link" href={WALL_HREF}>
        ← All sites
      </a>
      {site ? (
        <>
          <SiteHeader site={site} />
          <div className="site-view__body">
            <div className="site-view__devices">
              <DeviceTable siteId={siteId} selectedId={selectedId} onSelect={setSelectedId} />
            </div>
            <aside className="site-view__side">
              {selectedId === null ? null : (
                <DeviceChart siteId={siteId} deviceId={selectedId} onClose={close} />
              )}
              <AlertList siteId={siteId} focus={alertId} />
              <MaintenancePanel siteId={siteId} />
            </aside>
          </div>
        </>
      ) : (
        <p className="muted">No site with id “{siteId}” in this fleet.</p>
      )}
    </div>
  );
}
