import type { CommandContext } from '../../electron/hub/bridge/commands.js';
import type { Hub } from '../../electron/hub/hub.js';
import { VIEWER_COMMANDS } from '../../electron/serve/bridge-socket.js';

/**
 * A caller of the hub's bridge commands, as a browser on `serve` would be: a signed-in
 * technician, or (with null) a viewer limited to the viewer commands. `over` replaces any part.
 */
export function commandContext(
  hub: Hub,
  technician: string | null,
  over: Partial<CommandContext> = {},
): CommandContext {
  return {
    hub,
    info: {
      version: '0',
      demo: false,
      host: 'browser',
      thresholds: { staleAfterMs: 1000, downAfterMs: 5000 },
      clockSkewMs: 300_000,
      siteDownShare: 0.25,
      technician,
    },
    history: null,
    technician,
    subscribe: () => {
      throw new Error('not used');
    },
    reportError: () => ({ total: 0 }),
    ...(technician === null ? { allowed: VIEWER_COMMANDS } : {}),
    ...over,
  };
}
