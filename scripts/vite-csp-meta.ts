import type { HtmlTagDescriptor, Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from '../shared/security/csp.js';

/** The meta tag, first in <head>: a policy covers only what comes after it in the document. */
export function cspMetaTag(): HtmlTagDescriptor {
  return {
    tag: 'meta',
    attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
    injectTo: 'head-prepend',
  };
}

/**
 * Writes the board's CSP (shared/security/csp.ts) into index.html at build and dev time, so the
 * page's meta tag can never drift from the headers the hosts send.
 */
export function cspMetaPlugin(): Plugin {
  return {
    name: 'noc-csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [cspMetaTag()],
    },
  };
}
