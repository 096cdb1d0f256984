import { memo, useMemo, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { reportRender } from '../../debug/render-probe.js';
import { DOM_ORDER_SETTLE_MS, useSettledOrder } from '../../layout/use-settled-order.js';
import { useWallArea } from '../../layout/use-wall-area.js';
import { planWall, type PlacedTile } from '../../layout/wall-layout.js';
import { cellGap } from '../../layout/wall-metrics.js';
import { wallOrder } from '../../store/selectors.js';
import { useFleet } from '../../store/store-context.js';
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
}

/**
 * A tile in its place on the wall, inside its own error boundary: one site's bad data blanks that
 * tile, not the wall, and the tile is drawn again when that site's data changes.
 */
const TileSlot = memo(function TileSlot({ column, row, span, ...tile }: SlotProps) {
  const name = useFleet((s) => s.sites.get(tile.siteId)?.name ?? tile.siteId);
  const resetKey = useMemo(() => siteData(tile.siteId), [tile.siteId]);
  return (
    <div
      className="wall__slot"
      style={{ gridColumn: `${column + 1} / span ${span}`, gridRow: row + 1 }}
    >
      <ErrorBoundary scope={`tile:${tile.siteId}`} what={name} look="tile" resetKey={resetKey}>
        <SiteTile {...tile} />
      </ErrorBoundary>
    </div>
  );
});

/** The plan's tiles in `order` (ids it does not name last, in plan order). */
function inDomOrder(tiles: readonly PlacedTile[], order: readonly string[]): PlacedTile[] {
  const rank = new Map(order.map((id, i) => [id, i]));
  const at = (tile: PlacedTile) => rank.get(tile.id) ?? order.length;
  return [...tiles].sort((a, b) => at(a) - at(b));
}

/** A wall of more devices than DOM_CELL_LIMIT draws its grids on canvases. */
function cellMode(counts: readonly number[]): 'dom' | 'canvas' {
  let devices = 0;
  for (const count of counts) devices += count;
  return devices > DOM_CELL_LIMIT ? 'canvas' : 'dom';
}

/**
 * Every site at once, fitted to the screen (wall-layout.ts): worst roll-up first and by name
 * within a roll-up (wallOrder), each tile placed by the plan, never a scrollbar. The plan is made
 * again when the area, the order or a site's device count changes, not on a status change.
 */
export function WallView() {
  const notLive = useNotLiveSiteIds();
  const share = useSiteDownShare();
  const siteIds = useFleet(useShallow((s) => wallOrder(s.sites, s.devices, notLive, share)));
  const counts = useFleet(useShallow((s) => siteIds.map((id) => s.devices.get(id)?.size ?? 0)));
  // A not-live site's freshness and a flagged site's flags take a line more (wall-metrics.ts).
  const extras = useFleet(
    useShallow((s) =>
      siteIds.map((id) => {
        const health = s.sites.get(id)?.health;
        const flagged =
          health !== undefined && (health.degraded !== null || health.clockAheadSince !== null);
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
  const plan = useMemo(
    () =>
      planWall(
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
      ),
    [area, siteIds, counts, extras, cells],
  );
  // Shown in plan order at once (grid placement); kept in the DOM in that order within 30 s.
  const shownOrder = useMemo(() => plan.tiles.map((tile) => tile.id), [plan]);
  const domOrder = useSettledOrder(shownOrder, DOM_ORDER_SETTLE_MS);
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
        inDomOrder(plan.tiles, domOrder).map((tile: PlacedTile) => (
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
        />
      )}
    </div>
  );
}
