import { describeIssues } from '../protocol/errors.js';
import {
  bridgeResult,
  commands,
  events,
  type BridgeEvents,
  type BridgeResult,
  type CommandName,
  type CommandResult,
  type EventName,
} from './contract.js';
import { FleetDelta } from './fleet-view.js';
import { splitObjectCheck } from './zod-guard.js';

/**
 * The page's side of the contract: what arrives from a host (event payloads, command results)
 * is checked against the same schemas the host's side is built from. A payload that fails is
 * described field by field, never thrown: a listener that throws could blank a wall.
 */

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** An event's payload, or what is wrong with it: `fleet.delta: devices[0].device.status: …`. */
export function checkEvent<K extends EventName>(
  name: K,
  payload: unknown,
): Checked<BridgeEvents[K]> {
  // When the fast check says no, zod checks the whole, so a problem is described as ever.
  const fast = name === 'fleet.delta' ? fastDelta(payload) : null;
  if (fast !== null) return { ok: true, value: fast as BridgeEvents[K] };
  const parsed = events[name].safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data as BridgeEvents[K] };
  return { ok: false, problem: `${name}: ${describeIssues(parsed.error)}` };
}

/**
 * The delta, ~4 a second from a busy fleet with ~2,000 device changes in them: most of its fields
 * checked by allocation-free guards built from its schema (zod-guard.ts), the rest by zod. Built
 * once, at load.
 */
const fastDelta = splitObjectCheck(FleetDelta);

const resultSchemas = new Map<CommandName, ReturnType<typeof bridgeResult>>();

/** Built once per command: the envelope around the command's result schema. */
function resultSchema(name: CommandName): ReturnType<typeof bridgeResult> {
  let schema = resultSchemas.get(name);
  if (!schema) {
    schema = bridgeResult(commands[name].result);
    resultSchemas.set(name, schema);
  }
  return schema;
}

/**
 * A command's answer as the contract allows it, or a `bad-result` error naming the field: the
 * caller handles a host that answers nonsense like any other failed command.
 */
export function checkResult<K extends CommandName>(
  name: K,
  result: unknown,
): BridgeResult<CommandResult<K>> {
  const parsed = resultSchema(name).safeParse(result);
  if (parsed.success) return parsed.data as BridgeResult<CommandResult<K>>;
  return {
    ok: false,
    error: { code: 'bad-result', message: `${name}: ${describeIssues(parsed.error, 'result')}` },
  };
}
