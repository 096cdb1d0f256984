import { checkResult } from '../../../shared/bridge/check-payload.js';
import type {
  BridgeResult,
  CommandArgs,
  CommandName,
  CommandResult,
  NocBridge,
} from '../../../shared/bridge/contract.js';

/**
 * Runs a command and checks its answer against the contract. Never rejects: a transport that
 * throws becomes a `failed` error, an answer the contract does not allow a `bad-result` error.
 * The raw bridge answers `unknown`, so this is the only way the page gets a typed answer.
 */
export async function invokeChecked<K extends CommandName>(
  bridge: NocBridge,
  name: K,
  args: CommandArgs<K>,
): Promise<BridgeResult<CommandResult<K>>> {
  let raw: unknown;
  try {
    raw = await bridge.invoke(name, args);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'failed', message: `${name}: ${message}` } };
  }
  return checkResult(name, raw);
}
