import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary.js';
import { nodeVersionProblem } from '../../scripts/node-version.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A stand-in node_modules/electron: path.txt naming `name`, and dist/ with `files`. */
function electronPackage(pathTxt: string | null, files: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'noc-electron-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'dist'));
  if (pathTxt !== null) writeFileSync(join(dir, 'path.txt'), pathTxt);
  for (const file of files) writeFileSync(join(dir, 'dist', file), '');
  return dir;
}

describe('the Electron binary check behind npm start', () => {
  it('finds the binary path.txt names under dist/', () => {
    const dir = electronPackage('electron', ['electron']);
    expect(findElectronBinary(dir, {})).toEqual({
      present: true,
      path: join(dir, 'dist', 'electron'),
    });
  });

  it('says why it is missing: no download, a deleted file, no package', () => {
    expect(findElectronBinary(electronPackage(null, []), {})).toEqual({
      present: false,
      why: 'its download did not run or failed',
    });
    expect(
      findElectronBinary(electronPackage(null, []), { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }),
    ).toEqual({
      present: false,
      why: 'its download did not run or failed (ELECTRON_SKIP_BINARY_DOWNLOAD is set)',
    });
    const gone = electronPackage('electron', []);
    expect(findElectronBinary(gone, {})).toEqual({
      present: false,
      why: `${join(gone, 'dist', 'electron')} is missing`,
    });
    expect(findElectronBinary(null, {})).toMatchObject({ present: false });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the electron package does', () => {
    const dir = electronPackage('electron', ['electron']);
    const other = electronPackage(null, ['electron']);
    const empty = electronPackage(null, []);
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(other, 'dist') })).toEqual({
      present: true,
      path: join(other, 'dist', 'electron'),
    });
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: empty })).toMatchObject({
      present: false,
    });
  });
});

describe('the Node version check behind npm start and npm test', () => {
  it('names the fix on an old Node and lets 24 and newer through', () => {
    expect(nodeVersionProblem('20.20.2')).toBe(
      'NOC Wallboard needs Node.js 24 or newer (this is 20.20.2): install it from ' +
        'https://nodejs.org, or run npm under it with `npx -y -p node@24 -- npm <command>` ' +
        '(for example `npx -y -p node@24 -- npm test`).',
    );
    expect(nodeVersionProblem('23.11.0')).toMatch(/^NOC Wallboard needs Node\.js 24/);
    expect(nodeVersionProblem('24.0.0')).toBeNull();
    expect(nodeVersionProblem('25.1.0')).toBeNull();
  });
});
