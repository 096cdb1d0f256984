import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ICON_SIZE, ICON_SOURCE, makeIcon } from '../../scripts/make-icon.js';

const root = join(import.meta.dirname, '../..');

interface BuilderConfig {
  directories?: { buildResources?: string };
  electronFuses?: Record<string, unknown>;
}

function builderConfig(): BuilderConfig {
  return parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

/** The fuse names electron-builder accepts, from its own schema. */
function knownFuses(): string[] {
  const schema = JSON.parse(
    readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
  ) as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
  return Object.keys(schema.definitions.FuseOptionsV1.properties);
}

describe('packaging: Electron fuses', () => {
  it("flips the fuses Electron's security checklist recommends", () => {
    expect(builderConfig().electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it("names each fuse as electron-builder's schema does (a misspelt one would be ignored)", () => {
    const known = knownFuses();
    for (const name of Object.keys(builderConfig().electronFuses ?? {})) {
      expect(known).toContain(name);
    }
  });

  it('runs the development build unfused: npm start and the _electron tests use node_modules', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    // The launcher runs `electron-vite preview` (unfused, from node_modules) when the binary exists.
    expect(pkg.scripts.start).toBe('node scripts/require-node.mjs && tsx scripts/start.ts');
    expect(readFileSync(join(root, 'scripts', 'start.ts'), 'utf8')).toContain(
      "[ELECTRON_VITE, 'preview', ...process.argv.slice(2)]",
    );
    expect(pkg.scripts.dist).toMatch(/^npm run icon && .*electron-builder$/);
  });
});

describe('packaging: the app icon', () => {
  const dir = mkdtempSync(join(tmpdir(), 'noc-icon-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is rendered from assets/icon.svg into a 1024×1024 PNG in the build resources', async () => {
    expect(builderConfig().directories?.buildResources).toBe('build');
    const out = join(dir, 'build', 'icon.png');
    expect(await makeIcon(join(root, ICON_SOURCE), out)).toEqual({ width: 1024, height: 1024 });
    const png = readFileSync(out);
    // PNG signature, then the IHDR chunk: width and height, big-endian.
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([ICON_SIZE, ICON_SIZE]);
  });

  it('refuses an SVG that is not square', async () => {
    const svg = join(dir, 'wide.svg');
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"/>');
    await expect(makeIcon(svg, join(dir, 'wide.png'))).rejects.toThrow(
      'wide.svg rendered to 1024×512, not 1024×1024: the icon must be square',
    );
  });
});
