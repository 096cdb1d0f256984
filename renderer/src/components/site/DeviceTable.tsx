import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EMPTY_DEVICES } from '../../store/fleet-data.js';
import { deviceIdsWorstFirst } from '../../store/selectors.js';
import { useFleet } from '../../store/store-context.js';
import { COLUMN_COUNT, DeviceTableHead } from './DeviceTableHead.js';
import { DeviceRow } from './DeviceRow.js';
import { useRowWindow } from './row-window.js';

interface DeviceTableProps {
  readonly siteId: string;
  readonly selectedId: string | null;
  readonly onSelect: (deviceId: string) => void;
}

/**
 * Stands in for the rows above or below the rendered window, so the scroll box is as tall as all
 * the rows and the table stays a table (no absolutely placed rows). Hidden from screen readers,
 * which learn the real size from aria-rowcount instead.
 */
function SpacerRow({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tr className="device-table__spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMN_COUNT} />
    </tr>
  );
}

/**
 * The site's devices, worst first, with metrics, trends and security posture. Only the rows in
 * view (plus a few either side) are in the DOM: a site may hold 50,000 devices, and each row is
 * dozens of elements. The table scrolls in its own box under its sticky column heads.
 */
export function DeviceTable({ siteId, selectedId, onSelect }: DeviceTableProps) {
  const ids = useFleet(
    useShallow((s) => deviceIdsWorstFirst(s.devices.get(siteId) ?? EMPTY_DEVICES)),
  );
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useRowWindow(ids.length, scroller);
  const items = rows.getVirtualItems();
  const above = items[0]?.start ?? 0;
  const below = rows.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div className="device-table__scroller" data-testid="device-table-scroller" ref={scroller}>
      {/* Row 1 is the head; device i (from 0) is row i + 2 wherever the window is. */}
      <table className="device-table" data-testid="device-table" aria-rowcount={ids.length + 1}>
        <DeviceTableHead />
        <tbody>
          <SpacerRow height={above} />
          {items.map((item) => {
            const id = ids[item.index];
            return id === undefined ? null : (
              <DeviceRow
                key={id}
                siteId={siteId}
                deviceId={id}
                rowIndex={item.index + 2}
                selected={id === selectedId}
                onSelect={onSelect}
              />
            );
          })}
          <SpacerRow height={below} />
        </tbody>
      </table>
    </div>
  );
}
