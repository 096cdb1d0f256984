import { createContext, use } from 'react';
import type { NocBridge } from '../../../shared/bridge/contract.js';

/** The bridge, for views that ask the hub for something (the history view's queries). */
export const BridgeContext = createContext<NocBridge | null>(null);

export function useBridge(): NocBridge {
  const bridge = use(BridgeContext);
  if (!bridge) throw new Error('useBridge needs a BridgeContext provider (see App)');
  return bridge;
}
