import { checkKey } from '../../../../shared/alerts/check-record.js';
import type { Alert } from '../../../../shared/protocol/alert.js';
import { useFleet } from '../../store/store-context.js';

/** Raised again lately (×3), or flapping: from the hub's record of the alert's check. */
export function CheckBadges({ siteId, alert }: { siteId: string; alert: Alert }) {
  const key = checkKey(alert.deviceId, alert.check);
  const record = useFleet((s) => s.checks.get(siteId)?.get(key) ?? null);
  if (record === null) return null;
  return (
    <span className="alert__badges">
      {record.raises > 1 ? (
        <span
          className="alert__count"
          data-testid="alert-count"
          title="raised this many times lately"
        >
          ×{record.raises}
        </span>
      ) : null}
      {record.flapping ? (
        <span className="alert__flapping" data-testid="alert-flapping">
          ⇅ flapping {Math.round(record.flapPercent)} %
        </span>
      ) : null}
    </span>
  );
}
