import type { AppInfo, FleetSnapshot } from '../../../shared/bridge/fleet-view.js';
import { MAX_TIMELINE_LINES } from '../../../shared/bridge/sla.js';
import type { WindowHealth } from '../../../shared/bridge/window-health.js';
import {
  commands,
  isCommandName,
  type BridgeError,
  type BridgeResult,
  type CommandName,
  type CommandResult,
  type ParsedArgs,
  type ReportErrorArgs,
  type ReportErrorResult,
} from '../../../shared/bridge/contract.js';
import { describeIssues } from '../../../shared/protocol/errors.js';
import { ActionRefused } from '../acks/ack-outbox.js';
import type { Hub } from '../hub.js';
import { IncidentRefused } from '../sla/incident-book.js';
import { ScreenRefused } from '../screens/screen-layouts.js';
import type { HistoryQueries } from '../store/history-queries.js';

/** What a host (Electron IPC or the serve mode's socket.io) provides for one caller. */
export interface CommandContext {
  readonly hub: Hub;
  readonly info: AppInfo;
  /** The store's history; null when the hub keeps nothing (no data folder). */
  readonly history: HistoryQueries | null;
  /**
   * Registers this caller for `fleet.delta` events (replacing an earlier registration). `parts`:
   * a big site's devices may follow the snapshot as `fleet.snapshotPart` events.
   */
  subscribe(options: { readonly parts: boolean }): FleetSnapshot;
  /** Records an error the page reports (the host logs or counts it) and says how many so far. */
  reportError(report: ReportErrorArgs): ReportErrorResult;
  /** The commands this host lets its callers run; absent means all of them. */
  readonly allowed?: ReadonlySet<CommandName>;
  /** The host's own board windows and how they fared; absent where it has none (serve). */
  readonly windows?: () => WindowHealth[];
  /**
   * Who acts, as the host verified it (the desktop's configured technician, or the technician
   * token a browser signed in with); null for a viewer, who may not act.
   */
  readonly technician: string | null;
}

type Handlers = {
  [K in CommandName]: (
    args: ParsedArgs<K>,
    ctx: CommandContext,
  ) => CommandResult<K> | Promise<CommandResult<K>>;
};

const handlers: Handlers = {
  'fleet.subscribe': (args, ctx) => ctx.subscribe({ parts: args.parts === true }),
  'app.info': (_args, ctx) => ctx.info,
  'app.windows': (_args, ctx) => ctx.windows?.() ?? null,
  'displays.list': (_args, ctx) => ctx.hub.screens.list(),
  'displays.layout': (args, ctx) => ctx.hub.screens.layout(args.display),
  'displays.set': (args, ctx) => ctx.hub.screens.set(args.layout, technicianOf(ctx), args.basedOn),
  'displays.remove': (args, ctx) =>
    ctx.hub.screens.remove(args.display, technicianOf(ctx), args.basedOn),
  'displays.reset': (args, ctx) => {
    technicianOf(ctx);
    return ctx.hub.screens.reset(args.display, args.basedOn);
  },
  'displays.identify': (_args, ctx) => {
    technicianOf(ctx);
    return { until: ctx.hub.screens.identify() };
  },
  'alert.ack': (args, ctx) =>
    ctx.hub.requestAction({
      siteId: args.siteId,
      alertId: args.alertId,
      kind: 'ack',
      technician: technicianOf(ctx),
      comment: args.comment,
      sticky: args.sticky,
      expiresAt:
        args.expiresInMinutes === null ? null : ctx.hub.now() + args.expiresInMinutes * 60_000,
    }),
  'alert.unack': (args, ctx) =>
    ctx.hub.requestAction({
      siteId: args.siteId,
      alertId: args.alertId,
      kind: 'unack',
      technician: technicianOf(ctx),
      comment: args.comment,
      sticky: true,
      expiresAt: null,
    }),
  'app.reportError': (args, ctx) => ctx.reportError(args),
  'maintenance.list': (args, ctx) => ({ windows: ctx.hub.maintenance.list(args.siteId) }),
  'maintenance.create': (args, ctx) => {
    const { rrule, ...rest } = args;
    return ctx.hub.maintenance.add(
      { ...rest, ...(rrule === undefined ? {} : { rrule }) },
      technicianOf(ctx),
    );
  },
  'maintenance.cancel': (args, ctx) => {
    technicianOf(ctx);
    ctx.hub.maintenance.cancel(args.windowId);
    return { cancelled: args.windowId };
  },
  'sla.pause': (args, ctx) => {
    const { incidentId, reason, vendor, reference, comment } = args;
    const by = technicianOf(ctx);
    return ctx.hub.incidents.pause(incidentId, { reason, vendor, reference, comment }, by);
  },
  'sla.resume': (args, ctx) =>
    ctx.hub.incidents.resume(args.incidentId, technicianOf(ctx), args.comment),
  'sla.plan': (args, ctx) => ctx.hub.incidents.plan(args.incidentId, technicianOf(ctx), args.plan),
  'sla.resolve': (args, ctx) =>
    ctx.hub.incidents.resolve(args.incidentId, technicianOf(ctx), args.comment),
  'sla.priority': (args, ctx) =>
    ctx.hub.incidents.setPriority(args.incidentId, args.priority, technicianOf(ctx), args.reason),
  'sla.timeline': (args, ctx) => ctx.hub.incidents.timeline(args.incidentId, MAX_TIMELINE_LINES),
  'sla.compliance': (args, ctx) => ({ rows: ctx.hub.incidents.compliance(args.from, args.to) }),
  'history.alerts': (args, ctx) => historyOf(ctx).alerts(args),
  'history.timeline': (args, ctx) => historyOf(ctx).timeline(args),
  'history.metric': (args, ctx) => historyOf(ctx).metric(args),
};

/** Thrown for a caller without a technician's identity: answered as `forbidden`. */
class NotATechnician extends Error {}

function technicianOf(ctx: CommandContext): string {
  if (ctx.technician === null) {
    throw new NotATechnician('only a signed-in technician may do this; viewers are read-only');
  }
  return ctx.technician;
}

function historyOf(ctx: CommandContext): HistoryQueries {
  if (ctx.history === null) {
    throw new Error(
      'no history is kept: this hub runs without a data folder (serve --data DIR keeps one)',
    );
  }
  return ctx.history;
}

const fail = (code: BridgeError['code'], message: string): BridgeResult<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Runs one command from an untrusted page: the name and the arguments are checked before
 * anything runs, and every outcome, failures included, is a typed envelope.
 */
export async function runCommand(
  name: unknown,
  args: unknown,
  ctx: CommandContext,
): Promise<BridgeResult<unknown>> {
  if (!isCommandName(name)) {
    // The name comes from an untrusted page: quote it, and only so much of it.
    const shown =
      typeof name === 'string' ? JSON.stringify(name.slice(0, 64)) : `of type ${typeof name}`;
    return fail('unknown-command', `unknown command ${shown}`);
  }
  if (ctx.allowed && !ctx.allowed.has(name)) {
    return fail('forbidden', `${name}: not available to viewers of this board`);
  }
  const parsed = commands[name].args.safeParse(args);
  if (!parsed.success) return fail('bad-arguments', `${name}: ${describeIssues(parsed.error)}`);
  try {
    const handler = handlers[name] as (a: unknown, c: CommandContext) => unknown;
    return { ok: true, value: await handler(parsed.data, ctx) };
  } catch (error) {
    const message = `${name}: ${error instanceof Error ? error.message : String(error)}`;
    if (error instanceof NotATechnician) return fail('forbidden', message);
    if (
      error instanceof ActionRefused ||
      error instanceof IncidentRefused ||
      error instanceof ScreenRefused
    ) {
      return fail('refused', message);
    }
    return fail('failed', message);
  }
}
