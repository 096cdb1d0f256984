import { memo, useSyncExternalStore } from 'react';
import type { AlertRow } from '../../alerts/alert-rows.js';
import { useBoardClock } from '../../clock/clock-context.js';
import { displayName } from '../../format/names.js';
import { useFleet } from '../../store/store-context.js';
import { Age } from '../common/Age.js';
import { SeverityBadge } from '../common/SeverityBadge.js';
import { AckStatus } from './AckStatus.js';
import { CheckBadges } from './CheckBadges.js';
import { useAckView } from './use-ack-view.js';

/** How long a new alert stands out in the list. */
export const NEW_FOR_MS = 10_000;

/** True while `since` is less than NEW_FOR_MS old; re-renders only when that flips. */
function useIsNew(since: number): boolean {
  const clock = useBoardClock();
  return useSyncExternalStore(clock.subscribe, () => clock.displayNow() - since < NEW_FOR_MS);
}

interface RowProps {
  readonly row: AlertRow;
  readonly index: number;
  readonly focused: boolean;
  readonly selected: boolean;
  readonly expanded: boolean;
  readonly onPick: (row: AlertRow, index: number, toggle: boolean) => void;
}

function AlertAck({ siteId, row }: { siteId: string; row: Extract<AlertRow, { kind: 'alert' }> }) {
  const action = useFleet((s) => s.actions.get(siteId)?.get(row.alert.id) ?? null);
  return <AckStatus view={useAckView(row.alert, action)} />;
}

/** One row: a root cause (expandable) or an alert, at a fixed height (the list is virtual). */
export const AlertRowView = memo(function AlertRowView(props: RowProps) {
  const { row, index, focused, selected, expanded, onPick } = props;
  const siteName = useFleet((s) => s.sites.get(row.siteId)?.name ?? row.siteId);
  const deviceId = row.kind === 'alert' ? row.alert.deviceId : row.root.deviceId;
  const deviceName = useFleet((s) =>
    deviceId === null ? null : (s.devices.get(row.siteId)?.get(deviceId)?.name ?? deviceId),
  );
  const raisedAt = row.kind === 'alert' ? row.alert.raisedAt : row.raisedAt;
  const isNew = useIsNew(raisedAt);
  const title =
    row.kind === 'alert'
      ? displayName(row.alert.title, row.alert.id)
      : displayName(row.root.title, row.root.key);
  return (
    <tr
      className="alert-row"
      data-testid={row.kind === 'root' ? 'alert-row-root' : 'alert-row'}
      data-key={row.key}
      data-index={index}
      data-depth={row.kind === 'alert' ? row.depth : 0}
      data-focused={focused || undefined}
      data-new={isNew || undefined}
      data-suppressed={row.suppressed || undefined}
      aria-selected={selected}
      onClick={(event) => {
        onPick(row, index, event.ctrlKey || event.metaKey);
      }}
    >
      <td className="alert-row__severity">
        <SeverityBadge severity={row.kind === 'alert' ? row.alert.severity : row.severity} />
      </td>
      <td className="alert-row__site">
        <bdi>{displayName(siteName, row.siteId).text}</bdi>
      </td>
      <td className="alert-row__title" title={title.title}>
        {row.kind === 'root' ? (
          <>
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> <bdi>{title.text}</bdi> —{' '}
            {row.matching} {row.matching === 1 ? 'alert' : 'alerts'}
            {row.root.kind === 'device-down' ? ' folded' : ''}
          </>
        ) : (
          <>
            <bdi>{title.text}</bdi> <CheckBadges siteId={row.siteId} alert={row.alert} />
            {deviceName === null ? null : (
              <span className="muted">
                {' '}
                · <bdi>{displayName(deviceName, deviceId ?? '').text}</bdi>
              </span>
            )}
          </>
        )}
      </td>
      <td className="alert-row__age">
        <Age since={raisedAt} />
      </td>
      <td className="alert-row__ack">
        {row.suppressed ? (
          <span className="alert-row__maintenance" data-testid="alert-maintenance">
            in maintenance{' '}
          </span>
        ) : null}
        {row.kind === 'alert' ? <AlertAck siteId={row.siteId} row={row} /> : null}
      </td>
    </tr>
  );
});
