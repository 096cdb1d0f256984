import { memo, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SITE_ROLLUPS, type SiteRollup } from '../../../../shared/fleet/site-rollup.js';
import { ROLLUP_GLYPH, ROLLUP_LABEL } from '../../status/presentation.js';
import { EMPTY_DEVICES } from '../../store/fleet-data.js';
import { cachedDevicesRollup } from '../../store/selectors.js';
import { useFleet } from '../../store/store-context.js';

interface OverflowTileProps {
  /** The sites with no room on the wall: the healthiest, last in wall order. */
  readonly siteIds: readonly string[];
  readonly notLive: ReadonlySet<string>;
  readonly downShare: number;
  readonly column: number;
  readonly row: number;
  /** Its place in the wall's reading order: after every tile (WallView.tsx, inDomOrder). */
  readonly place: number;
}

/** "+12 sites, all OK": what the wall has no room for, said rather than cut. */
export const OverflowTile = memo(function OverflowTile(props: OverflowTileProps) {
  const { siteIds, notLive, downShare, column, row, place } = props;
  const rollups = useFleet(
    useShallow((s) =>
      siteIds.map((id) =>
        notLive.has(id)
          ? 'unreachable'
          : cachedDevicesRollup(s.devices.get(id) ?? EMPTY_DEVICES, downShare),
      ),
    ),
  );
  const counts = new Map<SiteRollup, number>();
  for (const rollup of rollups) counts.set(rollup, (counts.get(rollup) ?? 0) + 1);
  const present = SITE_ROLLUPS.filter((rollup) => counts.has(rollup));
  const sites = `+${siteIds.length} ${siteIds.length === 1 ? 'site' : 'sites'}`;
  const only = present.length === 1 ? present[0] : undefined;
  return (
    <section
      className="overflow-tile"
      data-testid="overflow-tile"
      data-hidden-sites={siteIds.length}
      style={
        { gridColumn: column + 1, gridRow: row + 1, '--reading-order': place } as CSSProperties
      }
    >
      <p className="overflow-tile__count">
        {only === undefined ? `${sites}:` : `${sites}, all ${ROLLUP_LABEL[only]}`}
      </p>
      {only === undefined ? (
        <ul className="overflow-tile__rollups">
          {present.map((rollup) => (
            <li key={rollup} data-rollup={rollup} className="site-tile__rollup">
              <span className="glyph" aria-hidden="true">
                {ROLLUP_GLYPH[rollup]}
              </span>{' '}
              {counts.get(rollup)} {ROLLUP_LABEL[rollup]}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
});
