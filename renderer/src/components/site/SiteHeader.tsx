import type { SiteSummary } from '../../../../shared/bridge/fleet-view.js';
import { useShownSiteState } from '../../status/use-site-state.js';
import { formatCount } from '../../format/count.js';
import { EMPTY_DEVICES } from '../../store/fleet-data.js';
import { receivingSummary } from '../../store/receiving.js';
import { useFleet } from '../../store/store-context.js';
import { Age } from '../common/Age.js';
import { ConnectionState } from '../common/ConnectionState.js';
import { SiteFlags } from '../common/SiteFlags.js';
import { NameText } from './NameText.js';

/**
 * True when the site's last message is newer than its last applied data by more than the stale
 * threshold: it talks, but what it says is not applied (a resync it never answers, say).
 */
function talksButNotApplied(site: SiteSummary, staleAfterMs: number | null): boolean {
  const { lastEventAt, lastMessageAt } = site.health;
  if (lastMessageAt === null || staleAfterMs === null) return false;
  return lastEventAt === null || lastMessageAt - lastEventAt > staleAfterMs;
}

/**
 * While a big site's devices are still arriving in parts (receiving.ts): how many of how many.
 * The rows shown are the first of them in the table's order; the counts are already the hub's.
 */
function ReceivingNote({ siteId }: { siteId: string }) {
  const have = useFleet((s) => s.receiving.get(siteId));
  const total = useFleet((s) => receivingSummary(s.devices.get(siteId) ?? EMPTY_DEVICES)?.devices);
  if (have === undefined || total === undefined) return null;
  return (
    <span className="site-header__receiving" role="status" data-testid="site-receiving">
      Receiving devices: {formatCount(have)} of {formatCount(total)}
    </span>
  );
}

/**
 * Who the site is, where its clock runs, how fresh its data is (the age of what the hub
 * applied), what the hub found wrong with it, and, when the site still talks but its data is not
 * applied, how long ago it last said anything.
 */
export function SiteHeader({ site }: { site: SiteSummary }) {
  const shown = useShownSiteState(site.id);
  const staleAfterMs = useFleet((s) => s.info?.thresholds.staleAfterMs ?? null);
  return (
    <div className="site-header">
      <h1 className="site-header__name">
        <NameText name={site.name} id={site.id} />
      </h1>
      <bdi className="site-header__customer">{site.customer}</bdi>
      <span className="site-header__tz">{site.timeZone ?? 'time zone unknown'}</span>
      {shown ? <ConnectionState state={shown.state} reason={shown.reason} /> : null}
      <span className="site-header__age">
        data age <Age since={site.health.lastEventAt} testId="site-age" />
      </span>
      {talksButNotApplied(site, staleAfterMs) ? (
        <span className="site-header__age" data-testid="site-message-age">
          last message <Age since={site.health.lastMessageAt} ago />
        </span>
      ) : null}
      <SiteFlags siteId={site.id} detailed />
      <ReceivingNote siteId={site.id} />
    </div>
  );
}
