import type {
  BridgeResult,
  CommandArgs,
  CommandName,
  EventName,
  NocBridge,
} from '../../shared/bridge/contract.js';
import type { AppInfo, FleetSnapshot } from '../../shared/bridge/fleet-view.js';

/**
 * Answers anything, as a real host could: the page checks answers against the contract, so a
 * test can answer nonsense without a cast. (Resolves or rejects, like a transport.)
 */
type Handler<K extends CommandName> = (args: CommandArgs<K>) => unknown;
type Handlers = { [K in CommandName]?: Handler<K> };
type Listener = (payload: unknown) => void;

export const DEMO_INFO: AppInfo = {
  version: '0.1.0-test',
  demo: false,
  host: 'browser',
  thresholds: { staleAfterMs: 10_000, downAfterMs: 30_000 },
  clockSkewMs: 5 * 60_000,
  siteDownShare: 0.25,
  technician: null,
};

/**
 * A NocBridge for tests: commands answer from handlers the test sets, events are emitted by the
 * test, and it counts listeners so a test can prove everything was unsubscribed. Like the real
 * transports it passes on whatever it is given, checked only by the page.
 */
export class FakeBridge implements NocBridge {
  readonly calls: { name: CommandName; args: unknown }[] = [];
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private handlers: Handlers = {};

  constructor(snapshot: FleetSnapshot, info: AppInfo = DEMO_INFO) {
    this.answerSubscribe(snapshot);
    this.handle('app.info', () => ({ ok: true, value: info }));
  }

  handle<K extends CommandName>(name: K, handler: Handler<K>): void {
    (this.handlers as Record<K, Handler<K>>)[name] = handler;
  }

  /**
   * `name` answers with `result` only when the returned function is called: a host that is slow
   * to answer, for tests of what happens meanwhile (a stop, a second request).
   */
  answerLater(name: CommandName, result: unknown): () => void {
    let answer: () => void = () => undefined;
    this.handle(
      name,
      () =>
        new Promise((resolve) => {
          answer = () => {
            resolve(result);
          };
        }),
    );
    return () => {
      answer();
    };
  }

  /** `fleet.subscribe` answers with this snapshot from now on. */
  answerSubscribe(snapshot: FleetSnapshot): void {
    this.handle('fleet.subscribe', () => ({ ok: true, value: snapshot }));
  }

  invoke<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<unknown> {
    this.calls.push({ name, args });
    const handler = this.handlers[name];
    if (!handler) {
      const unknownCommand: BridgeResult<never> = {
        ok: false,
        error: { code: 'unknown-command', message: name },
      };
      return Promise.resolve(unknownCommand);
    }
    return Promise.resolve(handler(args));
  }

  on(name: EventName, listener: Listener): () => void {
    const set = this.listeners.get(name) ?? new Set<Listener>();
    this.listeners.set(name, set);
    // Wrapped, as contextBridge does: only the returned closure can remove it.
    const wrapped: Listener = (payload) => {
      listener(payload);
    };
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  }

  /** Any payload, valid or not: the page is what checks it. */
  emit(name: EventName, payload: unknown): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) listener(payload);
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
