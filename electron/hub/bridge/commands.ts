import { randomUUID } from 'node:crypto';
import type { AppInfo, FleetSnapshot } from '../../../shared/bridge/fleet-view.js';
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
import type { Hub } from '../hub.js';
import type { HistoryQueries } from '../store/history-queries.js';

/** What a host (Electron IPC or the serve mode's socket.io) provides for one caller. */
export interface CommandContext {
  readonly hub: Hub;
  readonly info: AppInfo;
  /** The store's history; null when the hub keeps nothing (no data folder). */
  readonly history: HistoryQueries | null;
  /** Registers this caller for `fleet.delta` events (replacing an earlier registration). */
  subscribe(): FleetSnapshot;
  /** Records an error the page reports (the host logs or counts it) and says how many so far. */
  reportError(report: ReportErrorArgs): ReportErrorResult;
  /** The commands this host lets its callers run; absent means all of them. */
  readonly allowed?: ReadonlySet<CommandName>;
}

type Handlers = {
  [K in CommandName]: (
    args: ParsedArgs<K>,
    ctx: CommandContext,
  ) => CommandResult<K> | Promise<CommandResult<K>>;
};

const handlers: Handlers = {
  'fleet.subscribe': (_args, ctx) => ctx.subscribe(),
  'app.info': (_args, ctx) => ctx.info,
  'alert.ack': (args, ctx) =>
    ctx.hub.acknowledge(args.siteId, {
      ackId: randomUUID(),
      alertId: args.alertId,
      technician: args.technician,
      comment: args.comment,
    }),
  'app.reportError': (args, ctx) => ctx.reportError(args),
  'history.alerts': (args, ctx) => historyOf(ctx).alerts(args),
  'history.timeline': (args, ctx) => historyOf(ctx).timeline(args),
  'history.metric': (args, ctx) => historyOf(ctx).metric(args),
};

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
    return fail('failed', `${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
