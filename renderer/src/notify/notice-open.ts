import { checkEvent } from '../../../shared/bridge/check-payload.js';
import type { NocBridge } from '../../../shared/bridge/contract.js';
import { navigate } from '../routing/hash-route.js';
import { noticeHref } from './notice-href.js';

/**
 * The Electron shell tells the window a native notice was clicked (`notice.open`): the board
 * shows what it was about. A payload that fails the contract is reported, never followed.
 * Returns the stop.
 */
export function followNoticeClicks(
  bridge: NocBridge,
  invalid: (problem: string) => void,
  go: (href: string) => void = navigate,
): () => void {
  return bridge.on('notice.open', (payload) => {
    const checked = checkEvent('notice.open', payload);
    if (checked.ok) go(noticeHref(checked.value));
    else invalid(checked.problem);
  });
}
