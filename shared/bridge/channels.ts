/**
 * Every name a bridge transport uses, in one place. In a file of its own, free of imports, so
 * the sandboxed preload, which needs only these, does not bundle the contract's zod schemas.
 */

/** Electron IPC: the page invokes commands on one channel and hears events on the other. */
export const IPC_INVOKE = 'noc:invoke';
export const IPC_EVENT = 'noc:event';

/** The `serve` mode's socket.io namespace for the page's bridge. */
export const BRIDGE_NAMESPACE = '/bridge';
/** socket.io events on that namespace: `invoke`(name, args, ack) and `event`(name, payload). */
export const SOCKET_INVOKE = 'invoke';
export const SOCKET_EVENT = 'event';

/**
 * Electron IPC, main ↔ preload only (the page never sees them): the main process asks a board
 * window's preload for its renderer's memory (`process.getProcessMemoryInfo()`, which only the
 * renderer itself can call), and the preload answers on the second, once per ask.
 */
export const IPC_MEMORY_ASK = 'noc:memory-ask';
export const IPC_MEMORY = 'noc:memory';
