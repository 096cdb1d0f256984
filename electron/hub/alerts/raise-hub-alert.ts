import type { Alert } from '../../../shared/protocol/alert.js';
import type { FleetState } from '../fleet/fleet-state.js';

/** What the hub says in one of its own alerts; the rest (raised, updated, ack) it keeps. */
export type HubAlertFacts = Pick<
  Alert,
  'id' | 'deviceId' | 'check' | 'severity' | 'title' | 'detail'
>;

/**
 * Raises one of the hub's own alerts, or updates it when what it says changed (nothing
 * happens otherwise: no delta to every window for the same words). It keeps when it was
 * raised and its acknowledgement, except a non-sticky one when the severity changed: the same
 * rule the protocol gives sites (docs/alerts.md), and any when `reopen` says the alert now covers
 * something the acknowledgement did not (a device that joined a posture finding).
 */
export function raiseHubAlert(
  fleet: Pick<FleetState, 'hubAlert' | 'setHubAlert'>,
  siteId: string,
  facts: HubAlertFacts,
  now: number,
  { reopen = false }: { reopen?: boolean } = {},
): void {
  const held = fleet.hubAlert(siteId, facts.id);
  if (
    held &&
    held.severity === facts.severity &&
    held.title === facts.title &&
    held.detail === facts.detail &&
    held.deviceId === facts.deviceId &&
    !(reopen && held.ack !== null)
  ) {
    return;
  }
  const ack = held?.ack ?? null;
  const dropAck =
    ack !== null && (reopen || (ack.sticky === false && held?.severity !== facts.severity));
  fleet.setHubAlert(siteId, facts.id, {
    ...facts,
    raisedAt: held?.raisedAt ?? now,
    updatedAt: now,
    ack: dropAck ? null : ack,
  });
}
