/**
 * IPC channel names (Electron host). In a file of their own so the sandboxed preload, which
 * needs only these, does not bundle the contract's zod schemas.
 */
export const IPC_INVOKE = 'noc:invoke';
export const IPC_EVENT = 'noc:event';
