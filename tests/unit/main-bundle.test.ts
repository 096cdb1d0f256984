import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The Electron main bundle must not carry the simulator (https and socket.io servers, journals)
 * for a hub that watches real sites: the demo fleet is a chunk of its own, loaded by `import()`
 * only when there is no config. Reads the build that `npm test` makes before the suites run.
 */
const OUT = join(import.meta.dirname, '../../out/main');
const built = existsSync(join(OUT, 'index.js'));
if (!built)
  console.log('main-bundle: skipped — no out/main/index.js (run `npx electron-vite build`)');

describe.skipIf(!built)('the Electron main bundle', () => {
  const index = built ? readFileSync(join(OUT, 'index.js'), 'utf8') : '';
  const chunks = built && existsSync(join(OUT, 'chunks')) ? readdirSync(join(OUT, 'chunks')) : [];

  it('holds none of the simulator', () => {
    expect(index).not.toMatch(/\bSimSite = class\b|class SimSite\b/);
    expect(index).not.toContain('demo-token');
  });

  it('loads the demo fleet lazily, from a chunk of its own that holds the simulator', () => {
    const demo = chunks.find((name) => name.startsWith('demo-fleet'));
    expect(demo).toBeDefined();
    expect(index).toContain(`import("./chunks/${demo ?? ''}")`);
    expect(readFileSync(join(OUT, 'chunks', demo ?? ''), 'utf8')).toMatch(
      /\bSimSite = class\b|class SimSite\b/,
    );
  });
});
