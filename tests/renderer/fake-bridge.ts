import type {
  BridgeEvents,
  BridgeResult,
  CommandArgs,
  CommandName,
  CommandResult,
  EventName,
  NocBridge,
} from '../../shared/bridge/contract.js';
import type { AppInfo, FleetSnapshot } from '../../shared/bridge/fleet-view.js';

type Handler<K extends CommandName> = (
  args: CommandArgs<K>,
) => BridgeResult<CommandResult<K>> | Promise<BridgeResult<CommandResult<K>>>;
type Handlers = { [K in CommandName]?: Handler<K> };
type AnyListener = (payload: never) => void;

export const DEMO_INFO: AppInfo = {
  version: '0.1.0-test',
  demo: false,
  host: 'browser',
  thresholds: { staleAfterMs: 10_000, downAfterMs: 30_000 },
};

/**
 * A NocBridge for tests: commands answer from handlers the test sets, events are emitted by the
 * test, and it counts listeners so a test can prove everything was unsubscribed.
 */
export class FakeBridge implements NocBridge {
  readonly calls: { name: CommandName; args: unknown }[] = [];
  private readonly listeners = new Map<EventName, Set<AnyListener>>();
  private handlers: Handlers = {};

  constructor(snapshot: FleetSnapshot, info: AppInfo = DEMO_INFO) {
    this.answerSubscribe(snapshot);
    this.handle('app.info', () => ({ ok: true, value: info }));
  }

  handle<K extends CommandName>(name: K, handler: Handler<K>): void {
    (this.handlers as Record<K, Handler<K>>)[name] = handler;
  }

  /** `fleet.subscribe` answers with this snapshot from now on. */
  answerSubscribe(snapshot: FleetSnapshot): void {
    this.handle('fleet.subscribe', () => ({ ok: true, value: snapshot }));
  }

  invoke<K extends CommandName>(
    name: K,
    args: CommandArgs<K>,
  ): Promise<BridgeResult<CommandResult<K>>> {
    this.calls.push({ name, args });
    const handler = this.handlers[name];
    if (!handler) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-command', message: name } });
    }
    return Promise.resolve(handler(args));
  }

  on<K extends EventName>(name: K, listener: (payload: BridgeEvents[K]) => void): () => void {
    const set = this.listeners.get(name) ?? new Set<AnyListener>();
    this.listeners.set(name, set);
    // Wrapped, as contextBridge does: only the returned closure can remove it.
    const wrapped: AnyListener = (payload) => {
      listener(payload);
    };
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  }

  emit<K extends EventName>(name: K, payload: BridgeEvents[K]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      (listener as (p: BridgeEvents[K]) => void)(payload);
    }
  }

  listenerCount(name?: EventName): number {
    if (name) return this.listeners.get(name)?.size ?? 0;
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }

  callCount(name: CommandName): number {
    return this.calls.filter((call) => call.name === name).length;
  }
}
