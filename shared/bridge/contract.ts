import { z } from 'zod';
import type { AckReply } from '../protocol/messages.js';
import { Id } from '../protocol/primitives.js';
import type { AppInfo, FleetDelta, FleetSnapshot } from './fleet-view.js';

/**
 * The one contract between the renderer and the hub, whichever host carries it (Electron IPC or
 * the serve mode's socket.io). Commands: name → arguments → result. Events: name → payload.
 */

const NoArgs = z.strictObject({});

export const AckAlertArgs = z.strictObject({
  siteId: Id,
  alertId: Id,
  technician: z.string().trim().min(1, 'technician is required').max(200),
  comment: z.string().max(2000),
});
export type AckAlertArgs = z.infer<typeof AckAlertArgs>;

/** Argument schemas: the host validates every call with these before anything runs. */
export const commandArgs = {
  /** Start (or restart) receiving `fleet.delta` events; returns the snapshot they follow. */
  'fleet.subscribe': NoArgs,
  'alert.ack': AckAlertArgs,
  'app.info': NoArgs,
} as const;

export interface BridgeCommands {
  'fleet.subscribe': { args: z.infer<typeof NoArgs>; result: FleetSnapshot };
  'alert.ack': { args: AckAlertArgs; result: AckReply };
  'app.info': { args: z.infer<typeof NoArgs>; result: AppInfo };
}
export type CommandName = keyof BridgeCommands;
export type CommandArgs<K extends CommandName> = BridgeCommands[K]['args'];
export type CommandResult<K extends CommandName> = BridgeCommands[K]['result'];

export const COMMAND_NAMES = Object.keys(commandArgs) as CommandName[];

export interface BridgeStatus {
  /** False while the page cannot reach the hub (serve mode over a network): all data is stale. */
  readonly connected: boolean;
}

export interface BridgeEvents {
  'fleet.delta': FleetDelta;
  /** Raised by the transport itself, never by the hub; Electron's IPC is always connected. */
  'bridge.status': BridgeStatus;
}
export type EventName = keyof BridgeEvents;
export const EVENT_NAMES: readonly EventName[] = ['fleet.delta', 'bridge.status'];

export const BRIDGE_ERROR_CODES = [
  'unknown-command',
  'bad-arguments',
  'forbidden',
  'rate-limited',
  'failed',
] as const;
export interface BridgeError {
  readonly code: (typeof BRIDGE_ERROR_CODES)[number];
  /** Names the field for bad arguments: `alert.ack: technician: technician is required`. */
  readonly message: string;
}

/** Every command answers with this envelope, so errors keep their type across any transport. */
export type BridgeResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BridgeError };

/** What the page gets as `window.noc` (Electron) or builds over socket.io (browser). */
export interface NocBridge {
  invoke<K extends CommandName>(
    name: K,
    args: CommandArgs<K>,
  ): Promise<BridgeResult<CommandResult<K>>>;
  /** Returns the only way to stop listening; the listener receives the payload alone. */
  on<K extends EventName>(name: K, listener: (payload: BridgeEvents[K]) => void): () => void;
}

export { IPC_EVENT, IPC_INVOKE } from './channels.js';
