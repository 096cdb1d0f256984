import { connectBridge } from './connect.js';

/**
 * The page's one bridge, made while the page's modules are still being evaluated: main.tsx
 * imports this second (after schema-config.ts), so (in a browser) the socket to the serve host opens before React and the
 * board's hundreds of modules are evaluated, and its handshake runs meanwhile. Its first command,
 * the fleet subscription, then goes out as soon as the board asks rather than a handshake later.
 */
export const pageBridge = connectBridge();
