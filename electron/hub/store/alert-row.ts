import type { Alert } from '../../../shared/protocol/alert.js';
import type { ModelOf } from './write-ops.js';
import type { WriteStatements } from './write-statements.js';

/** An alert's row, with the name of its device as the hub's model holds it now (write-slice.ts). */
export function putAlert(
  sql: WriteStatements,
  modelOf: ModelOf,
  siteId: string,
  alert: Alert,
): void {
  const model = modelOf(siteId);
  const device = alert.deviceId === null ? undefined : model?.devices.get(alert.deviceId);
  sql.putAlert(siteId, alert, device?.name ?? '');
}
