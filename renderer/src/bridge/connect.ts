import type { NocBridge } from '../../../shared/bridge/contract.js';
import { createSocketBridge } from './socket-bridge.js';

declare global {
  interface Window {
    /** Set by Electron's preload; absent in a plain browser. */
    readonly noc?: NocBridge;
  }
}

/** Electron's preload bridge when there is one, else socket.io back to the serve host. */
export function connectBridge(): NocBridge {
  if (window.noc) return window.noc;
  const token = new URLSearchParams(window.location.search).get('token');
  return createSocketBridge({ token, origin: window.location.origin });
}
