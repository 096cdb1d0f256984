import { memo, useMemo, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { reportRender } from '../../debug/render-probe.js';
import { RANK_HOLD_MS } from '../../layout/rank-hold.js';
import { useHeldOrder } from '../../layout/use-held-order.js';
import { useWallArea } from '../../layout/use-wall-area.js';
import { inScope, WHOLE_FLEET, type WallScope } from '../../routing/hash-route.js';
import { planWall, type PlacedTile } from '../../layout/wall-layout.js';
import { cellGap } from '../../layout/wall-metrics.js';
import { sortedSiteIds, statusCounts, wallRanks } from '../../store/selectors.js';
import { EMPTY_DEVICES } from '../../store/fleet-data.js';
import { useFleet } from '../../store/store-context.js';
import { hasOpenIncident } from '../sla/SlaFlag.js';
import { useNotLiveSiteIds } from '../../status/use-not-live-sites.js';
import { useSiteDownShare } from '../../status/use-site-rollup.js';
import { ErrorBoundary } from '../common/ErrorBoundary.js';
import { siteData } from '../common/reset-keys.js';
import { OverflowTile } from './OverflowTile.js';
import { SiteTile, type TileProps } from './SiteTile.js';

/**
 * Up to this many devices on the wall, a DOM node per device (each with its glyph, title
 * and label); beyond it, a canvas per tile (docs/wallboard.md, "Fit to the screen").
 */
export const DOM_CELL_LIMIT = 1500;

interface SlotProps extends TileProps {
  readonly column: number;
  readonly row: number;
  readonly span: number;
  /** The tile's place in the wall's order: its reading order (see inDomOrder). */
  readonly place: number;
}

/**
 * A tile in its place on the wall, inside its own error boundary: one site's bad data blanks that
 * tile, not the wall, and the tile is drawn again when that site's data changes.
 */
const TileSlot = memo(function TileSlot({ column, row, span, place, ...tile }: SlotProps) {
  const name = useFleet((s) => s.sites.get(tile.siteId)?.name ?? tile.siteId);
  const resetKey = useMemo(() => siteData(tile.siteId), [tile.siteId]);
  return (
    <div
      className="wall__slot"
      style={
        {
          gridColumn: `${column + 1} / span ${span}`,
          gridRow: row + 1,
          '--reading-order': place,
        } as CSSProperties
      }
    >
      <ErrorBoundary scope={`tile:${tile.siteId}`} what={name} look="tile" resetKey={resetKey}>
        <SiteTile {...tile} />
      </ErrorBoundary>
    </div>
  );
});

/**
 * The plan's tiles in a fixed DOM order (by site id), whatever their place on the wall. A tile
 * moves on the wall by its grid row and column alone; moving its element in the DOM on every
 * roll-up change made the browser lay out and repaint every tile after it (bench:render, load (b):
 * frames over 50 ms). Keyboard and screen-reader order still follow the wall: `.wall` reads its
 * grid items in their visual order (`reading-flow: grid-rows`) and each slot's `reading-order`
 * is its place in the plan (wall.css). The second is needed: Chromium 156 kept the old reading
 * order after a tile moved by its grid row and column alone, until something else re-laid out
 * the grid; a changed `reading-order` makes it sort again (tests/e2e/wall-reading-order.test.ts).
 */
function inDomOrder(tiles: readonly PlacedTile[]): { tile: PlacedTile; place: number }[] {
  return tiles
    .map((tile, place) => ({ tile, place }))
    .sort((a, b) => (a.tile.id < b.tile.id ? -1 : a.tile.id > b.tile.id ? 1 : 0));
}

/** A wall of more devices than DOM_CELL_LIMIT draws its grids on canvases. */
function cellMode(counts: readonly number[]): 'dom' | 'canvas' {
  let devices = 0;
  for (const count of counts) devices += count;
  return devices > DOM_CELL_LIMIT ? 'canvas' : 'dom';
}

/**
 * Every site at once, fitted to the screen (wall-layout.ts): worst roll-up first and by name
 * within a roll-up (wallRanks, useHeldOrder), each tile placed by the plan, never a scrollbar. The plan is made
 * again when the area, the order or a site's device count changes, not on a status change.
 */
export function WallView({ scope = WHOLE_FLEET }: { scope?: WallScope }) {
  const notLive = useNotLiveSiteIds();
  const share = useSiteDownShare();
  // A wall of part of the fleet (one customer's screen) plans only that part's tiles.
  const byName = useFleet(
    useShallow((s) =>
      scope.customers === null && scope.sites === null
        ? sortedSiteIds(s.sites)
        : sortedSiteIds(s.sites).filter((id) => inScope(scope, id, s.sites.get(id)?.customer)),
    ),
  );
  const ranks = useFleet(useShallow((s) => wallRanks(byName, s.devices, notLive, share)));
  // Worst first; a site that gets better keeps its place for a minute (a flapping site does not
  // reshuffle the wall at every flip: bench:render, load (b)).
  const siteIds = useHeldOrder(byName, ranks, RANK_HOLD_MS);
  // All of a site's devices, those still arriving in parts too (receiving.ts): a big site is
  // planned as what it is, not as the first rows it has sent.
  const counts = useFleet(
    useShallow((s) => siteIds.map((id) => statusCounts(s.devices.get(id) ?? EMPTY_DEVICES).total)),
  );
  // A not-live site's freshness and a flagged site's flags take a line more (wall-metrics.ts).
  const extras = useFleet(
    useShallow((s) =>
      siteIds.map((id) => {
        const health = s.sites.get(id)?.health;
        const flagged =
          (health !== undefined && (health.degraded !== null || health.clockAheadSince !== null)) ||
          hasOpenIncident(s.incidents.get(id));
        return (notLive.has(id) ? 1 : 0) + (flagged ? 1 : 0);
      }),
    ),
  );
  const loaded = useFleet((s) => s.version !== null);
  const [ref, area] = useWallArea();
  const cells = cellMode(counts);
  // DOM cells cannot shrink, so on a small wall the plan keeps room for those extra lines; a
  // canvas shrinks its own cells to the room it gets, so on a big wall they are soft: one site
  // going stale does not re-plan (and summarise) the whole wall unless its tile could not hold
  // its devices even at the smallest canvas pitch.
  const plan = useMemo(() => {
    reportRender('wall-plan', 'wall');
    return planWall(
      area.width,
      area.height,
      area.unit,
      siteIds.map((id, i) => {
        const extra = extras[i] ?? 0;
        const devices = counts[i] ?? 0;
        return cells === 'dom'
          ? { id, devices, extraLines: extra }
          : { id, devices, softLines: extra };
      }),
    );
  }, [area, siteIds, counts, extras, cells]);
  const tiles = useMemo(() => inDomOrder(plan.tiles), [plan]);
  reportRender('wall-view', 'wall');
  const style = {
    gridTemplateColumns: `repeat(${plan.columns}, minmax(0, 1fr))`,
    gridTemplateRows: `repeat(${plan.rows}, minmax(0, 1fr))`,
    '--cell': `${plan.pitch - cellGap(plan.pitch)}px`,
    '--cell-gap': `${cellGap(plan.pitch)}px`,
  } as CSSProperties;
  return (
    <div
      ref={ref}
      className="wall"
      data-testid="wall-view"
      data-cells={cells}
      data-columns={plan.columns}
      data-rows={plan.rows}
      data-pitch={plan.pitch}
      // The area the plan was made for: tests wait until it is the wall's own size.
      data-area={`${area.width}x${area.height}`}
      style={siteIds.length === 0 ? undefined : style}
    >
      {siteIds.length === 0 ? (
        <p className="wall__empty">{loaded ? 'No sites configured.' : 'Waiting for the hub…'}</p>
      ) : (
        tiles.map(({ tile, place }) => (
          <TileSlot
            key={tile.id}
            siteId={tile.id}
            look={tile.look}
            narrow={tile.narrow}
            cells={cells}
            pitch={plan.pitch}
            lines={tile.lines}
            column={tile.column}
            row={tile.row}
            span={tile.span}
            place={place}
          />
        ))
      )}
      {plan.overflow === null ? null : (
        <OverflowTile
          siteIds={plan.hidden}
          notLive={notLive}
          downShare={share}
          column={plan.overflow.column}
          row={plan.overflow.row}
          place={plan.tiles.length}
        />
      )}
    </div>
  );
}
