/**
 * The board's Content-Security-Policy, in one place for every host: the Electron app's app://
 * protocol and the `serve` host send it as a header, and the renderer build writes it into
 * index.html's meta tag (for a page opened some other way, e.g. `electron-vite dev`).
 *
 * `connect-src 'self'` is what lets a browser page open its WebSocket back to `serve`. Styles
 * allow inline: React sets `style` attributes. No form posts, no <base> rewriting, no framing.
 */
const PAGE_DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

/** Browsers ignore (and warn about) `frame-ancestors` in a meta tag: only headers carry it. */
const HEADER_ONLY_DIRECTIVES: readonly (readonly [string, string])[] = [
  ['frame-ancestors', "'none'"],
];

function serialize(directives: readonly (readonly [string, string])[]): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The policy as a response header (app:// protocol, `serve`). */
export const CONTENT_SECURITY_POLICY = serialize([...PAGE_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES]);

/** The same policy minus what a meta tag cannot carry: renderer/index.html's meta tag. */
export const META_CONTENT_SECURITY_POLICY = serialize(PAGE_DIRECTIVES);
