import type { TechnicianAction } from '../../../shared/alerts/technician-action.js';
import type { Clock } from '../../../shared/clock.js';
import type { ReconnectOptions } from '../config/hub-options.js';
import type { FleetState } from '../fleet/fleet-state.js';
import type { Delivered } from '../links/ack-request.js';
import type { ActionLog } from './action-log.js';

/** Between delivery attempts to a connected site that did not confirm: 1 s doubling to 60 s. */
export const DELIVERY_RETRY: ReconnectOptions = { initialDelayMs: 1_000, maxDelayMs: 60_000 };

export interface OutboxDeps {
  readonly clock: Clock;
  readonly log: ActionLog;
  readonly fleet: Pick<FleetState, 'setAction' | 'actionOf' | 'modelOf' | 'subscribe'>;
  /** One delivery attempt over the site's link. */
  deliver(action: TechnicianAction): Promise<Delivered>;
  /** Whether the site's link is streaming now (else delivery waits for `siteStreaming`). */
  streaming(siteId: string): boolean;
  readonly newId?: () => string;
  readonly random?: () => number;
  readonly retry?: ReconnectOptions;
  /** A settled state the log could not store (the site has it; a restart re-sends it). */
  readonly onLogError?: (error: unknown) => void;
  /** A stored action not resumed: its site is no longer configured. */
  readonly onSkipped?: (action: TechnicianAction) => void;
  /** An action the hub carries out itself (on its own alerts): it waits for no link. */
  readonly local?: (action: TechnicianAction) => boolean;
}
