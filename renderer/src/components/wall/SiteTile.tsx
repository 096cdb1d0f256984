import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { reportRender } from '../../debug/render-probe.js';
import { siteHref } from '../../routing/hash-route.js';
import { useFleet } from '../../store/store-context.js';
import { useShownSiteState } from '../../status/use-site-state.js';
import { Age } from '../common/Age.js';
import { ConnectionState } from '../common/ConnectionState.js';
import { SiteFlags } from '../common/SiteFlags.js';
import { NameText } from '../site/NameText.js';
import type { TileLook } from '../../layout/wall-layout.js';
import { TEXT_HOLD_MS } from '../../layout/text-hold.js';
import { useTileText } from '../../layout/use-tile-text.js';
import { DeviceCanvas } from './DeviceCanvas.js';
import { DeviceGrid } from './DeviceGrid.js';
import { ProblemList } from './ProblemList.js';
import { AlertCount, DeviceCounts, RollupWord } from './TileSummary.js';

/** Problem devices named for a screen reader beside a canvas grid; the site view has them all. */
const CANVAS_TEXT_LINES = 25;

/** The age of the site's data: its own subscription, so a heartbeat renders only this text. */
function SiteAge({ siteId }: { siteId: string }) {
  const since = useFleet((s) => s.sites.get(siteId)?.health.lastEventAt ?? null);
  return <Age since={since} testId="site-age" className="age site-tile__age" />;
}

/** How the wall drew this tile (wall-layout.ts): its look, cells and room. */
export interface TileProps {
  readonly siteId: string;
  readonly look: TileLook;
  /** Too narrow for two lines of text: the name gets a line of its own, the rest one each. */
  readonly narrow: boolean;
  /** DOM cells for a small wall (a node per device, with its glyph), a canvas for a big one. */
  readonly cells: 'dom' | 'canvas';
  /** px per cell, gap included. */
  readonly pitch: number;
  /** Lines a summary has room for. */
  readonly lines: number;
}

/**
 * One site on the wall: who, how it is (its roll-up), how fresh that is, what the hub found wrong with it
 * (degraded, clock ahead: SiteFlags, which subscribes by itself), and its devices. It selects only
 * what it shows (names, counts, its shown state), so it re-renders when one of those changes: not
 * on a clock tick, not when a heartbeat moves the site's last-event time.
 */
export const SiteTile = memo(function SiteTile(props: TileProps) {
  const { siteId, look, narrow, cells, pitch, lines } = props;
  const names = useFleet(
    useShallow((s) => {
      const site = s.sites.get(siteId);
      return site ? { name: site.name, customer: site.customer } : null;
    }),
  );
  const shown = useShownSiteState(siteId);
  // A big site's devices still arriving in parts: its text is the hub's summary meanwhile.
  const receiving = useFleet((s) => s.receiving.has(siteId));
  // A big wall's tile text changes at most every TEXT_HOLD_MS, at once when the site gets worse
  // (text-hold.ts); its cells, drawn on a canvas, follow every batch. A tile whose text is held
  // does not render at all (use-tile-text.ts).
  const text = useTileText(siteId, cells === 'canvas' ? TEXT_HOLD_MS : 0);
  const { counts, alerts, problems } = text;
  // The link state is never held: a site that cannot be reached (or comes back) shows it at once.
  const rollup = shown !== null && !shown.stale ? text.rollup : 'unreachable';
  reportRender('site-tile', siteId);
  if (!names || !shown) return null;

  const link = (
    // The link covers the whole tile (CSS): one click target, reachable by keyboard. The hub
    // falls back to the name the site announces: untrusted, like device names.
    <a className="site-tile__name" href={siteHref(siteId)}>
      <NameText name={names.name} id={siteId} />
    </a>
  );
  const freshness = (
    <span className="site-tile__freshness">
      <ConnectionState state={shown.state} reason={shown.reason} />
      <SiteAge siteId={siteId} />
    </span>
  );
  const summary = (
    <>
      <DeviceCounts counts={counts} />
      <AlertCount counts={alerts} />
    </>
  );
  return (
    <article
      className="site-tile"
      data-testid="site-tile"
      data-site-id={siteId}
      data-state={shown.state}
      data-stale={shown.stale}
      data-rollup={rollup}
      data-look={look}
      data-devices={counts.total}
      data-receiving={receiving}
      data-narrow={narrow}
    >
      {narrow ? (
        <>
          <div className="site-tile__head">{link}</div>
          {/* Most needed first on each line: what may be cut at the end is the "up" count. */}
          <div className="site-tile__line">
            <RollupWord rollup={rollup} devices={counts.total} />
            <AlertCount counts={alerts} />
          </div>
          {shown.stale ? (
            // Not live: the state word, its reason and the age get a line of their own.
            <>
              <div className="site-tile__line">{freshness}</div>
              <div className="site-tile__line">
                <DeviceCounts counts={counts} />
              </div>
            </>
          ) : (
            <div className="site-tile__line">
              {freshness}
              <DeviceCounts counts={counts} />
            </div>
          )}
        </>
      ) : (
        <>
          <div className="site-tile__head">
            {link}
            <bdi className="site-tile__customer">{names.customer}</bdi>
            <RollupWord rollup={rollup} devices={counts.total} />
          </div>
          <div className="site-tile__status">
            {freshness}
            <div className="site-tile__summary">{summary}</div>
          </div>
        </>
      )}
      <SiteFlags siteId={siteId} />
      {look === 'summary' ? (
        <ProblemList problems={problems} lines={lines} />
      ) : cells === 'dom' ? (
        <DeviceGrid siteId={siteId} stale={shown.stale} />
      ) : (
        <DeviceCanvas siteId={siteId} stale={shown.stale} pitch={pitch}>
          <ProblemList problems={problems} lines={CANVAS_TEXT_LINES} hidden />
        </DeviceCanvas>
      )}
    </article>
  );
});
