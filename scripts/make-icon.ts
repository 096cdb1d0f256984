// npm run icon — the app icon for electron-builder: build/icon.png (1024×1024) rendered from
// assets/icon.svg. electron-builder makes the .ico and .icns from this PNG itself. The PNG is
// build output (git-ignored); `npm run dist` makes it first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

export const ICON_SIZE = 1024;
export const ICON_SOURCE = 'assets/icon.svg';
export const ICON_OUTPUT = 'build/icon.png';

let wasmReady: Promise<void> | null = null;

/** resvg's wasm may be initialised once per process. */
function loadResvg(): Promise<void> {
  wasmReady ??= initWasm(
    readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')),
  );
  return wasmReady;
}

/** Renders `svgFile` to a square PNG of `size` pixels at `outFile`; returns its dimensions. */
export async function makeIcon(
  svgFile: string,
  outFile: string,
  size = ICON_SIZE,
): Promise<{ width: number; height: number }> {
  await loadResvg();
  const resvg = new Resvg(readFileSync(svgFile, 'utf8'), { fitTo: { mode: 'width', value: size } });
  const image = resvg.render();
  try {
    if (image.width !== size || image.height !== size) {
      throw new Error(
        `${svgFile} rendered to ${image.width}×${image.height}, not ${size}×${size}: the icon must be square`,
      );
    }
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, image.asPng());
    return { width: image.width, height: image.height };
  } finally {
    image.free();
    resvg.free();
  }
}

const invoked = process.argv[1] ? pathToFileURL(resolve(process.argv[1])).href : '';
if (import.meta.url === invoked) {
  const { width, height } = await makeIcon(ICON_SOURCE, ICON_OUTPUT);
  console.log(`written ${ICON_OUTPUT} (${width}×${height}) from ${ICON_SOURCE}`);
}
