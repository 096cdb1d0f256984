import type { SiteHealth } from '../../../../shared/fleet/health.js';
import { STATE_WORD } from '../../status/presentation.js';

interface ConnectionStateProps {
  readonly health: SiteHealth;
  /** Whether the bridge still reaches the hub; if not, nothing the hub said can be called live. */
  readonly connected: boolean;
}

/** The site's connection state as a word, with the reason whenever it is not live. */
export function ConnectionState({ health, connected }: ConnectionStateProps) {
  const state = connected ? health.state : 'stale';
  const reason = connected ? health.reason : 'no connection to the hub';
  return (
    <span className="conn-state" data-state={state} data-testid="site-state">
      <span className="conn-state__word">{STATE_WORD[state]}</span>
      {state !== 'live' && reason ? <span className="conn-state__reason">{reason}</span> : null}
    </span>
  );
}
