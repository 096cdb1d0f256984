import { z } from 'zod';

/**
 * For a page whose Content Security Policy forbids eval (the board's): zod cannot compile its
 * faster parsers there, and saying so before any schema is built skips the probe zod would
 * otherwise make (a `new Function` the policy refuses), which the browser reports as a
 * security-policy violation on every load. The hub, in Node, keeps the compiled parsers.
 */
export function schemasWithoutEval(): void {
  z.config({ jitless: true });
}
