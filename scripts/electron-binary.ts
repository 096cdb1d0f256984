import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Is the Electron binary on disk? Resolved as the `electron` package's own index.js does
 * (node_modules/electron/path.txt names the file under dist/, or under
 * ELECTRON_OVERRIDE_DIST_PATH), but without its side effect: index.js starts a download when
 * the file is missing, which is what ends in "Electron uninstall" on a machine without one.
 */

export type ElectronBinary =
  | { readonly present: true; readonly path: string }
  | { readonly present: false; readonly why: string };

/** The command that re-runs the package's download (it is what `npm install` would have run). */
export const ELECTRON_INSTALL_COMMAND = 'node node_modules/electron/install.js';

/** The installed `electron` package's folder as seen from `root`, or null when it is absent. */
export function electronPackageDir(root: string): string | null {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

export function findElectronBinary(
  packageDir: string | null,
  env: Readonly<Record<string, string | undefined>>,
): ElectronBinary {
  if (packageDir === null) return { present: false, why: 'the electron package is not installed' };
  const pathFile = join(packageDir, 'path.txt');
  const named = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override !== undefined && override !== '') {
    const path = join(override, named ?? 'electron');
    return existsSync(path)
      ? { present: true, path }
      : { present: false, why: `ELECTRON_OVERRIDE_DIST_PATH has no ${path}` };
  }
  if (named === null) {
    const skipped = env.ELECTRON_SKIP_BINARY_DOWNLOAD
      ? ' (ELECTRON_SKIP_BINARY_DOWNLOAD is set)'
      : '';
    return { present: false, why: `its download did not run or failed${skipped}` };
  }
  const path = join(packageDir, 'dist', named);
  return existsSync(path) ? { present: true, path } : { present: false, why: `${path} is missing` };
}
