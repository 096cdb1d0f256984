import {
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
} from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EMPTY_DEVICES } from '../../store/fleet-data.js';
import { deviceIdsWorstFirst } from '../../store/selectors.js';
import { receivingSummary } from '../../store/receiving.js';
import { useFleet } from '../../store/store-context.js';
import { DeviceTableHead } from './DeviceTableHead.js';
import { DeviceRow } from './DeviceRow.js';
import { useViewZoom } from '../../rotation/rotation-context.js';
import {
  rowBoxStyle,
  rowHeightFor,
  rowSlots,
  scrollRowIntoView,
  useRowWindow,
} from './row-window.js';

interface DeviceTableProps {
  readonly siteId: string;
  readonly selectedId: string | null;
  readonly onSelect: (deviceId: string) => void;
}

/**
 * Stands in for rows not rendered (above, below, or between the window and a pinned row), so
 * the scroll box is as tall as all the rows and the table stays a table (no absolutely placed
 * rows). Hidden from screen readers, which learn the real size from aria-rowcount instead.
 */
function SpacerRow({ height }: { height: number }) {
  return (
    <tr className="device-table__spacer" aria-hidden="true" style={{ height }}>
      {/* One cell, no span: a span over every column would keep the folded ones (site.css) in
          the table's fixed layout, empty, squeezing the name column that should have their room. */}
      <td />
    </tr>
  );
}

/** The device row an event happened in, if any. */
function rowOf(target: EventTarget | null): HTMLTableRowElement | null {
  return target instanceof Element
    ? target.closest<HTMLTableRowElement>('tr[data-device-id]')
    : null;
}

/** The rendered row of `deviceId`; compared, not put in a selector, as ids are a site's strings. */
function renderedRow(body: HTMLTableSectionElement | null, deviceId: string) {
  for (const row of body?.children ?? []) {
    if (row instanceof HTMLTableRowElement && row.dataset.deviceId === deviceId) return row;
  }
  return null;
}

const ROW_STEP: Readonly<Record<string, number>> = { ArrowDown: 1, ArrowUp: -1 };

/**
 * The site's devices, worst first, with metrics, trends and security posture. Only the rows in
 * view (plus a few either side) are in the DOM: a site may hold 50,000 devices, and each row is
 * dozens of elements. The table scrolls in its own box under its sticky column heads.
 *
 * The focused row and the selected row are rendered wherever the order puts them: when a device
 * changes status and sorts far away, its row (keyed by device id) moves rather than unmounting,
 * so keyboard focus stays on it and the selection keeps its row. Up and down arrows move focus
 * between rows, scrolling the row into view.
 */
export function DeviceTable({ siteId, selectedId, onSelect }: DeviceTableProps) {
  const ids = useFleet(
    useShallow((s) => deviceIdsWorstFirst(s.devices.get(siteId) ?? EMPTY_DEVICES)),
  );
  // While a big site's devices are still arriving, screen readers learn its real size anyway.
  const rowCount = useFleet(
    (s) => receivingSummary(s.devices.get(siteId) ?? EMPTY_DEVICES)?.devices ?? ids.length,
  );
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  /** The device whose row holds focus (or held it, when focus left for nowhere in particular). */
  const [focusedId, setFocusedId] = useState<string | null>(null);
  /** A row an arrow key moved to before it was rendered: focused once it is. */
  const pendingFocus = useRef<string | null>(null);
  const pinned = useMemo(
    () =>
      [focusedId, selectedId].flatMap((id) => {
        const index = id === null ? -1 : ids.indexOf(id);
        return index < 0 ? [] : [index];
      }),
    [ids, focusedId, selectedId],
  );
  const rowHeight = rowHeightFor(useViewZoom());
  const rows = useRowWindow(ids.length, scroller, pinned, rowHeight);
  const slots = rowSlots(rows.getVirtualItems(), rows.getTotalSize());

  useLayoutEffect(() => {
    const id = pendingFocus.current;
    if (id === null) return;
    const row = renderedRow(body.current, id);
    if (!row) return;
    pendingFocus.current = null;
    row.focus({ preventScroll: true });
  });

  const onFocus = (event: FocusEvent<HTMLTableSectionElement>) => {
    const id = rowOf(event.target)?.dataset.deviceId;
    // Focus arrived somewhere: a row still waiting to be focused (its device gone meanwhile)
    // must not take it later, unasked.
    pendingFocus.current = null;
    if (id !== undefined) setFocusedId(id);
  };
  // Focus going to another control releases the row; focus going nowhere (the window losing
  // focus, a click on plain text) keeps it, so it is there to come back to.
  const onBlur = (event: FocusEvent<HTMLTableSectionElement>) => {
    const next = event.relatedTarget;
    if (next instanceof Node && !event.currentTarget.contains(next)) {
      pendingFocus.current = null;
      setFocusedId(null);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const step = ROW_STEP[event.key];
    if (step === undefined || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    const from = rowOf(event.target)?.dataset.deviceId;
    const index = from === undefined ? -1 : ids.indexOf(from);
    const to = ids[index + step];
    if (index < 0 || to === undefined) return;
    // Moving focus, not scrolling the box a line.
    event.preventDefault();
    const box = scroller.current;
    if (box)
      scrollRowIntoView(
        rows,
        box,
        index + step,
        box.querySelector('thead')?.offsetHeight ?? 0,
        rowHeight,
      );
    const row = renderedRow(body.current, to);
    if (row) {
      row.focus({ preventScroll: true });
    } else {
      // Beyond the window (the box was scrolled away from the focused row): pin it, then focus.
      pendingFocus.current = to;
      setFocusedId(to);
    }
  };

  return (
    <div
      className="device-table__scroller"
      data-testid="device-table-scroller"
      ref={scroller}
      style={rowBoxStyle(rowHeight)}
    >
      {/* Row 1 is the head; device i (from 0) is row i + 2 wherever the window is. */}
      <table className="device-table" data-testid="device-table" aria-rowcount={rowCount + 1}>
        <DeviceTableHead />
        {/* The rows are the controls (tabIndex, Enter to open); the body only delegates their
            arrow keys, as it alone knows the order and which rows are rendered. */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- see above */}
        <tbody ref={body} onFocus={onFocus} onBlur={onBlur} onKeyDown={onKeyDown}>
          {slots.map((slot) => {
            if (slot.kind === 'gap') return <SpacerRow key={slot.key} height={slot.height} />;
            const id = ids[slot.item.index];
            return id === undefined ? null : (
              <DeviceRow
                key={`row:${id}`}
                siteId={siteId}
                deviceId={id}
                rowIndex={slot.item.index + 2}
                selected={id === selectedId}
                onSelect={onSelect}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
