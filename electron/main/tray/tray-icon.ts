import type { Severity } from '../../../shared/protocol/alert.js';

/**
 * The tray icon, drawn here rather than shipped as files: a disc in the worst unhandled alert's
 * colour (the board's severity colours), green when there is none, hollow while notifications
 * are muted. Returned as a raw BGRA bitmap for Electron's `nativeImage.createFromBitmap`.
 */

const COLOURS: Record<Severity | 'ok', readonly [number, number, number]> = {
  ok: [0x2f, 0xb3, 0x44],
  'not-classified': [0x8d, 0x99, 0xa6],
  information: [0x4c, 0x8d, 0xff],
  warning: [0xf5, 0xd9, 0x0a],
  average: [0xff, 0xb2, 0x24],
  high: [0xff, 0x7a, 0x1a],
  disaster: [0xff, 0x47, 0x68],
};

export function trayBitmap(worst: Severity | null, size: number, muted: boolean): Buffer {
  const [r, g, b] = COLOURS[worst ?? 'ok'];
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const outer = size / 2 - 0.5;
  const inner = muted ? outer - Math.max(2, size / 6) : -1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - centre, y - centre);
      // A soft edge of one pixel, so the disc is round at 16 px.
      const alpha = Math.max(0, Math.min(1, outer - d + 0.5)) * (d < inner ? 0 : 1);
      const at = (y * size + x) * 4;
      // Premultiplied, as Skia's bitmaps are.
      pixels[at] = Math.round(b * alpha);
      pixels[at + 1] = Math.round(g * alpha);
      pixels[at + 2] = Math.round(r * alpha);
      pixels[at + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}
