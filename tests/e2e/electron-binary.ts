import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron binary the `_electron` tests launch, or null where it is missing (installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed): those tests then skip and say why.
 */
export function electronBinary(): string | null {
  const pkg = join('node_modules', 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = override ? join(override, relative) : join(pkg, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

export function sayWhySkipped(file: string): void {
  console.log(
    `${file} skipped: no Electron binary in node_modules/electron/dist ` +
      '(installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed). ' +
      'Run `npm install` where GitHub is reachable to run these tests.',
  );
}
