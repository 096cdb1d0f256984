import { STATE_WORD } from '../../status/presentation.js';
import type { ShownState } from '../../status/site-freshness.js';

/** The site's connection state as a word, with the reason whenever it is not live. */
export function ConnectionState({ state, reason }: ShownState) {
  return (
    <span className="conn-state" data-state={state} data-testid="site-state">
      <span className="conn-state__word">{STATE_WORD[state]}</span>
      {state !== 'live' && reason ? <span className="conn-state__reason">{reason}</span> : null}
    </span>
  );
}
