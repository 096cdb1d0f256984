import { useEffect, useState } from 'react';
import type { CommandArgs, CommandName, CommandResult } from '../../../shared/bridge/contract.js';
import { useBridge } from './bridge-context.js';
import { invokeChecked } from './invoke-checked.js';

/** A read command's answer as a view shows it: loading, what the hub said was wrong, or the value. */
export type CommandState<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly message: string }
  | { readonly state: 'loaded'; readonly value: T };

/** The answer, and whether it is for the latest `again` (false while a newer ask is on its way). */
export type CommandAnswer<T> = CommandState<T> & { readonly fresh: boolean };

/**
 * Runs a read command when the view mounts and again whenever `again` changes (a version the
 * hub raised, a minute's tick, a change the view made); the answer of a run the view has moved
 * past is dropped. Until the first answer, `loading`; after that the last answer stays while the
 * next is on its way (no flicker back to "Loading…").
 */
export function useCommand<K extends CommandName>(
  name: K,
  args: CommandArgs<K>,
  again: unknown = null,
): CommandAnswer<CommandResult<K>> {
  const bridge = useBridge();
  const [answer, setAnswer] = useState<{
    readonly state: CommandState<CommandResult<K>>;
    readonly again: unknown;
  }>({ state: { state: 'loading' }, again: undefined });
  // By value: a new object with the same arguments each render asks nothing again.
  const key = JSON.stringify(args);
  useEffect(() => {
    let live = true;
    void invokeChecked(bridge, name, JSON.parse(key) as CommandArgs<K>).then((result) => {
      if (!live) return;
      setAnswer({
        state: result.ok
          ? { state: 'loaded', value: result.value }
          : { state: 'failed', message: result.error.message },
        again,
      });
    });
    return () => {
      live = false;
    };
  }, [bridge, name, key, again]);
  return { ...answer.state, fresh: Object.is(answer.again, again) };
}
