import { DisplayLayout } from '../displays/display-layout.js';
import { NoticeTarget } from '../notify/notice.js';
import { z } from 'zod';
import { TechnicianAction } from '../alerts/technician-action.js';
import { ScheduledWindow } from '../maintenance/maintenance-window.js';
import { Incident } from '../sla/incident.js';
import {
  SlaComplianceArgs,
  SlaComplianceResult,
  SlaPauseArgs,
  SlaPriorityArgs,
  SlaResolveArgs,
  SlaResumeArgs,
  SlaPlanArgs,
  SlaTimelineArgs,
  SlaTimelineResult,
} from './sla.js';
import {
  CancelMaintenanceArgs,
  CancelMaintenanceResult,
  CreateMaintenanceArgs,
  MaintenanceListArgs,
  MaintenanceListResult,
} from './maintenance.js';
import { Id } from '../protocol/primitives.js';
import { AppInfo, FleetDelta, FleetSnapshot, SnapshotPart } from './fleet-view.js';
import { AppWindowsResult } from './window-health.js';
import {
  IdentifyResult,
  MAX_SCREENS,
  ScreenChangeArgs,
  ScreenEntry,
  ScreenNumberArgs,
  SetScreenArgs,
} from './screens.js';
import {
  HistoryAlertsArgs,
  HistoryAlertsResult,
  HistoryMetricArgs,
  HistoryMetricResult,
  HistoryTimelineArgs,
  HistoryTimelineResult,
} from './history.js';

/**
 * The one contract between the renderer and the hub, whichever host carries it (Electron IPC or
 * the serve mode's socket.io). Commands: name → arguments → result. Events: name → payload.
 * Every shape is a zod schema and every type is inferred from it, so what the checker believes
 * and what the hosts and the page validate at run time cannot drift apart.
 */

const NoArgs = z.strictObject({});

/**
 * `parts`: a page that holds nothing yet may take a big site's devices in parts (FleetSnapshot
 * `following`), so its first rows paint before the last of 50,000 devices has arrived. A page
 * that holds the fleet already (a re-subscribe) asks for it whole, so it never shows less.
 */
export const SubscribeArgs = z.strictObject({ parts: z.boolean().optional() });

/** The longest an acknowledgement may be set to last: a week. */
export const MAX_ACK_MINUTES = 7 * 24 * 60;

/**
 * A technician acknowledges an alert. Who they are is not an argument: the host knows it (the
 * desktop's configured technician, or the technician token a browser signed in with), so a page
 * cannot act in another name; an argument naming one is refused as unknown.
 */
export const AckAlertArgs = z.strictObject({
  siteId: Id,
  alertId: Id,
  comment: z.string().max(2000).default(''),
  /** False: the acknowledgement lapses when the alert changes severity. */
  sticky: z.boolean().default(true),
  /** After this many minutes the alert is open again; null: until it clears. */
  expiresInMinutes: z.int().min(1).max(MAX_ACK_MINUTES).nullable().default(null),
});
export type AckAlertArgs = z.input<typeof AckAlertArgs>;

export const UnackAlertArgs = z.strictObject({
  siteId: Id,
  alertId: Id,
  comment: z.string().max(2000).default(''),
});
export type UnackAlertArgs = z.input<typeof UnackAlertArgs>;

/** The longest text a report may carry per field; the page cuts to these before sending. */
export const REPORT_ERROR_LIMITS = { scope: 200, message: 2000, stack: 8000 } as const;

/** An error the page caught (a component that threw, a payload it refused), for the host's log. */
export const ReportErrorArgs = z.strictObject({
  /** What failed, e.g. `tile acme-hq` or `wall view`. */
  scope: z.string().trim().min(1, 'scope is required').max(REPORT_ERROR_LIMITS.scope),
  message: z.string().max(REPORT_ERROR_LIMITS.message),
  stack: z.string().max(REPORT_ERROR_LIMITS.stack).nullable(),
});
export type ReportErrorArgs = z.infer<typeof ReportErrorArgs>;

export const ReportErrorResult = z.strictObject({
  /** Reports this hub has counted so far, this one included. */
  total: z.int().nonnegative(),
});
export type ReportErrorResult = z.infer<typeof ReportErrorResult>;

interface CommandSchemas {
  readonly args: z.ZodType;
  readonly result: z.ZodType;
}

/** Every command: the host validates arguments before anything runs; the page, results. */
export const commands = {
  /**
   * Start (or restart) receiving `fleet.delta` events; returns the snapshot they follow (and, if
   * it says so, the `fleet.snapshotPart` events that complete it, before any delta).
   */
  'fleet.subscribe': { args: SubscribeArgs, result: FleetSnapshot },
  /** Recorded and on its way: the result is pending; `fleet.delta` follows it to the end. */
  'alert.ack': { args: AckAlertArgs, result: TechnicianAction },
  'alert.unack': { args: UnackAlertArgs, result: TechnicianAction },
  'app.info': { args: NoArgs, result: AppInfo },
  /** How the desktop app's board windows have fared (crashes, hangs, reloads); null on serve. */
  'app.windows': { args: NoArgs, result: AppWindowsResult },
  /** Acts on no site: even a read-only viewer may report what broke on its screen. */
  'app.reportError': { args: ReportErrorArgs, result: ReportErrorResult },
  /** A page of stored alerts matching a filter, newest first (the history view, its export). */
  'history.alerts': { args: HistoryAlertsArgs, result: HistoryAlertsResult },
  'history.timeline': { args: HistoryTimelineArgs, result: HistoryTimelineResult },
  /** A device metric's history from the rollups, down-sampled to the chart's width. */
  'history.metric': { args: HistoryMetricArgs, result: HistoryMetricResult },
  /** A site's maintenance windows (the config's and technicians'), with each one's next start. */
  'maintenance.list': { args: MaintenanceListArgs, result: MaintenanceListResult },
  /** A technician schedules maintenance; in force at once. */
  'maintenance.create': { args: CreateMaintenanceArgs, result: ScheduledWindow },
  'maintenance.cancel': { args: CancelMaintenanceArgs, result: CancelMaintenanceResult },
  /** A technician pauses an SLA incident (waiting on the customer, or a vendor and its ticket). */
  'sla.pause': { args: SlaPauseArgs, result: Incident },
  'sla.resume': { args: SlaResumeArgs, result: Incident },
  /** A technician records the plan to resolve it: the plan clock stops. */
  'sla.plan': { args: SlaPlanArgs, result: Incident },
  'sla.resolve': { args: SlaResolveArgs, result: Incident },
  /** A technician changes an incident's priority, with a reason: its clocks re-target. */
  'sla.priority': { args: SlaPriorityArgs, result: Incident },
  /** An incident's timeline, oldest first (read-only: viewers too). */
  'sla.timeline': { args: SlaTimelineArgs, result: SlaTimelineResult },
  /** Compliance per customer of the incidents opened in a period (read-only: viewers too). */
  'sla.compliance': { args: SlaComplianceArgs, result: SlaComplianceResult },
  /** What screen N of the wall shows now; null when it has no layout (or was taken off). */
  'displays.layout': { args: ScreenNumberArgs, result: DisplayLayout.nullable() },
  /** Every screen of the wall, by number, and where each layout comes from: the screens view. */
  'displays.list': { args: NoArgs, result: z.array(ScreenEntry).max(MAX_SCREENS) },
  /** A technician sets what screen N shows (replacing the config's, or adding a screen). */
  'displays.set': { args: SetScreenArgs, result: ScreenEntry },
  /** A technician takes screen N off the wall (the config's is kept, to restore with reset). */
  'displays.remove': { args: ScreenChangeArgs, result: ScreenEntry.nullable() },
  /** A technician drops what was set for screen N: the config's layout again, or no screen. */
  'displays.reset': { args: ScreenChangeArgs, result: ScreenEntry.nullable() },
  /** A technician asks every screen to show its number for a few seconds (setting up a wall). */
  'displays.identify': { args: NoArgs, result: IdentifyResult },
} as const satisfies Record<string, CommandSchemas>;

export type CommandName = keyof typeof commands;
/** What a caller sends (before the schema trims or defaults anything). */
export type CommandArgs<K extends CommandName> = z.input<(typeof commands)[K]['args']>;
/** What a handler receives: the arguments once they have passed the schema. */
export type ParsedArgs<K extends CommandName> = z.output<(typeof commands)[K]['args']>;
export type CommandResult<K extends CommandName> = z.output<(typeof commands)[K]['result']>;
export type BridgeCommands = {
  readonly [K in CommandName]: { args: CommandArgs<K>; result: CommandResult<K> };
};

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

export const BridgeStatus = z.strictObject({
  /** False while the page cannot reach the hub (serve mode over a network): all data is stale. */
  connected: z.boolean(),
});
export type BridgeStatus = z.infer<typeof BridgeStatus>;

export const events = {
  'fleet.delta': FleetDelta,
  /** The rest of a snapshot's big sites (FleetSnapshot `following`), before any delta. */
  'fleet.snapshotPart': SnapshotPart,
  /** A technician clicked a native notice (Electron): show what it was about. */
  'notice.open': NoticeTarget,
  /** Raised by the transport itself, never by the hub; Electron's IPC is always connected. */
  'bridge.status': BridgeStatus,
} as const satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof events;
export type BridgeEvents = { readonly [K in EventName]: z.output<(typeof events)[K]> };
export const EVENT_NAMES = Object.keys(events) as EventName[];
/** The events a host sends (`bridge.status` is the page's own transport speaking). */
export type HostEventName = Exclude<EventName, 'bridge.status'>;

export const BRIDGE_ERROR_CODES = [
  'unknown-command',
  'bad-arguments',
  'forbidden',
  'rate-limited',
  /** The hub would not do it, and says why (no such open alert, not acknowledged, …). */
  'refused',
  'failed',
  /** Raised by the page itself: the host answered with something the contract does not allow. */
  'bad-result',
] as const;
export const BridgeError = z.strictObject({
  code: z.enum(BRIDGE_ERROR_CODES),
  /** Names the field for bad arguments: `alert.ack: technician: technician is required`. */
  message: z.string(),
});
export type BridgeError = z.infer<typeof BridgeError>;

/** The envelope's schema around one command's result schema. */
export function bridgeResult<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: BridgeError }),
  ]);
}

/**
 * Every command answers with this envelope, so errors keep their type across any transport.
 * Inferred from `bridgeResult()`, so the type cannot say more than the schema checks.
 */
export type BridgeResult<T> = Readonly<z.output<ReturnType<typeof bridgeResult<z.ZodType<T>>>>>;

/**
 * What the page gets as `window.noc` (Electron) or builds over socket.io (browser): a transport,
 * not a checker. It hands on whatever the other side sent, so answers and payloads are `unknown`
 * here; the page reads them only through the checked path (`invokeChecked` in
 * renderer/src/bridge/, `checkEvent` in check-payload.ts), which is where they get their types.
 * Arguments are typed: the page builds those itself, and the host checks them again.
 */
export interface NocBridge {
  invoke<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<unknown>;
  /** Returns the only way to stop listening; the listener receives the payload alone. */
  on(name: EventName, listener: (payload: unknown) => void): () => void;
}

export {
  BRIDGE_NAMESPACE,
  IPC_EVENT,
  IPC_INVOKE,
  SOCKET_EVENT,
  SOCKET_INVOKE,
} from './channels.js';
