import { memo } from 'react';
import { METRIC_NAMES } from '../../../../shared/protocol/device.js';
import { forecastId, fullIn } from '../../../../shared/alerts/hub-alerts.js';
import { useFleet } from '../../store/store-context.js';
import { Age } from '../common/Age.js';
import { StatusBadge } from '../common/StatusBadge.js';
import { MetricCell } from './MetricCell.js';
import { NameText } from './NameText.js';
import { SecurityCells } from './SecurityCells.js';

interface DeviceRowProps {
  readonly siteId: string;
  readonly deviceId: string;
  /** Its row number for screen readers (aria-rowindex): the table renders only a window. */
  readonly rowIndex: number;
  readonly selected: boolean;
  readonly onSelect: (deviceId: string) => void;
}

/** "server · vip, core": a device's kind and the tags its site gives it (site protocol 1.2). */
export function kindAndTags(kind: string, tags: readonly string[] | undefined): string {
  return tags === undefined || tags.length === 0 ? kind : `${kind} · ${tags.join(', ')}`;
}

/** One device of the site table; subscribes to its own device and history only. */
export const DeviceRow = memo(function DeviceRow({
  siteId,
  deviceId,
  rowIndex,
  selected,
  onSelect,
}: DeviceRowProps) {
  const device = useFleet((s) => s.devices.get(siteId)?.get(deviceId));
  // The ring is written in place: its version (a number) is what changes with each sample.
  const ring = useFleet((s) => s.history.get(siteId)?.get(deviceId));
  const version = useFleet((s) => s.history.get(siteId)?.get(deviceId)?.version ?? 0);
  // The hub's predicted-full warnings on this disk and memory, as "full in 37 h" (strings:
  // stable, so a row re-renders only when the ETA's words change).
  const diskForecast = useFleet((s) => {
    const warning = s.alerts.get(siteId)?.get(forecastId('disk', deviceId));
    return warning ? fullIn(warning.title) : null;
  });
  const memoryForecast = useFleet((s) => {
    const warning = s.alerts.get(siteId)?.get(forecastId('memory', deviceId));
    return warning ? fullIn(warning.title) : null;
  });
  const parentId = device?.parentId ?? null;
  const parentName = useFleet((s) =>
    parentId === null ? null : (s.devices.get(siteId)?.get(parentId)?.name ?? null),
  );
  if (!device) return null;
  return (
    <tr
      className="device-row"
      data-testid="device-row"
      data-device-id={deviceId}
      data-status={device.status}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      tabIndex={0}
      onClick={() => {
        onSelect(deviceId);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') onSelect(deviceId);
      }}
    >
      <td>
        <StatusBadge status={device.status} />
      </td>
      <td className="device-row__name">
        <NameText name={device.name} id={deviceId} testId="device-name" />
      </td>
      {/* The site's tags beside the kind (ASCII by the protocol: nothing to clean), the whole
          of it in the title when the column cuts it. */}
      <td className="muted col-kind" title={kindAndTags(device.kind, device.tags)}>
        {kindAndTags(device.kind, device.tags)}
      </td>
      <td className="device-row__updated">
        <Age since={device.updatedAt} className="age" />
      </td>
      {METRIC_NAMES.map((metric) => (
        <MetricCell
          key={metric}
          metric={metric}
          metrics={device.metrics}
          ring={ring}
          version={version}
          forecast={metric === 'disk' ? diskForecast : metric === 'memory' ? memoryForecast : null}
        />
      ))}
      <SecurityCells security={device.security} />
      <td className="muted col-parent">
        {parentId === null ? '—' : <NameText name={parentName ?? parentId} id={parentId} />}
      </td>
    </tr>
  );
});
