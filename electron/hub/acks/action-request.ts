import type { ActionKind } from '../../../shared/alerts/technician-action.js';

/** What a technician asks, once the host has verified who they are. */
export interface ActionRequest {
  readonly siteId: string;
  readonly alertId: string;
  readonly kind: ActionKind;
  readonly technician: string;
  readonly comment: string;
  readonly sticky: boolean;
  readonly expiresAt: number | null;
}

/** Refused before anything was recorded: the message is for the technician. */
export class ActionRefused extends Error {}

/** Actions waiting for their sites, across the hub: beyond, a new one is refused, said so. */
export const MAX_PENDING_ACTIONS = 5_000;
