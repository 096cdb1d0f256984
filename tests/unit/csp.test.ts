import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'vite';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY as SERVE_POLICY } from '../../electron/serve/security-headers.js';
import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
} from '../../shared/security/csp.js';
import { cspMetaPlugin } from '../../scripts/vite-csp-meta.js';

const root = join(import.meta.dirname, '../..');

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

/** Vite writes ' as &#39; in attributes; a browser reads it back as '. */
function decodeAttribute(value: string): string {
  return value.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

/** renderer/index.html as Vite turns it into the page, with our plugin only. */
async function transformedIndexHtml(): Promise<string> {
  const server = await createServer({
    configFile: false,
    root: join(root, 'renderer'),
    logLevel: 'silent',
    appType: 'custom',
    plugins: [cspMetaPlugin()],
    server: { middlewareMode: true, hmr: false, watch: null, ws: false },
  });
  try {
    const source = readFileSync(join(root, 'renderer/index.html'), 'utf8');
    return await server.transformIndexHtml('/index.html', source);
  } finally {
    await server.close();
  }
}

describe('the Content-Security-Policy, in one place', () => {
  it('allows only our own origin, and no forms, <base> or framing', () => {
    expect(Object.fromEntries(directives(CONTENT_SECURITY_POLICY))).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      // serve's page opens its WebSocket back to its own host.
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
  });

  it('leaves out of the meta tag only what a meta tag cannot carry', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(directives(META_CONTENT_SECURITY_POLICY)).toEqual(header);
  });

  it('is what serve sends', () => {
    expect(SERVE_POLICY).toBe(CONTENT_SECURITY_POLICY);
  });

  it('is written into index.html by the build, before anything it governs', async () => {
    const source = readFileSync(join(root, 'renderer/index.html'), 'utf8');
    // No hand-written copy to drift.
    expect(source).not.toMatch(/<meta[^>]+Content-Security-Policy/i);
    const html = await transformedIndexHtml();
    const metas = [
      ...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g),
    ];
    expect(metas.map((m) => decodeAttribute(m[1] ?? ''))).toEqual([META_CONTENT_SECURITY_POLICY]);
    const metaAt = html.indexOf('http-equiv="Content-Security-Policy"');
    // (In dev, Vite's own /@vite/client script is put first; the build has none.)
    expect(metaAt).toBeLessThan(html.indexOf('src="./src/main.tsx"'));
    expect(metaAt).toBeLessThan(html.indexOf('<title'));
  });
});
