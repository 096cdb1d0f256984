import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOwnPage, resolveAppFile } from '../../electron/main/app-file.js';

const root = resolve('/opt/noc/renderer');

describe('app:// pages', () => {
  it('maps our URLs to files under the renderer folder', () => {
    expect(resolveAppFile(root, 'app://noc/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://noc/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://noc/assets/a%20b.js')).toBe(join(root, 'assets/a b.js'));
  });

  it('refuses other origins and anything that escapes the folder', () => {
    expect(resolveAppFile(root, 'https://noc/index.html')).toBeNull();
    // The URL parser folds dot segments (plain or %2e-encoded) at the root: still inside.
    expect(resolveAppFile(root, 'app://noc/../../etc/passwd')).toBe(join(root, 'etc/passwd'));
    expect(resolveAppFile(root, 'app://noc/%2e%2e/%2e%2e/etc/passwd')).toBe(
      join(root, 'etc/passwd'),
    );
    // An encoded slash survives parsing and is decoded afterwards: that one would escape.
    expect(resolveAppFile(root, 'app://noc/..%2fsecret')).toBeNull();
    expect(resolveAppFile(root, 'app://noc/%00')).toBeNull();
    expect(isOwnPage('app://nocx/index.html')).toBe(false);
  });
});
