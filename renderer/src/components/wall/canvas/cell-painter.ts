import type { DeviceStatus } from '../../../../../shared/protocol/device.js';
import { cellGap, gridCapacity, MIN_CANVAS_PITCH } from '../../../layout/wall-metrics.js';
import type { DeviceMap } from '../../../store/fleet-data.js';

/** What a cell shows, as a small number per cell so a repaint compares bytes, not objects. */
const STATUS_CODE: Readonly<Record<DeviceStatus, number>> = {
  up: 1,
  warning: 2,
  down: 3,
  unknown: 4,
  maintenance: 5,
};
const NOT_DRAWN = 0;

/** The theme's colours (theme.css), read once per painter. */
export interface CellPalette {
  readonly status: Readonly<Record<DeviceStatus, string>>;
  readonly background: string;
  readonly glyph: string;
}

export function readPalette(element: Element): CellPalette {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    status: {
      up: read('--up', '#2fb344'),
      warning: read('--warning', '#f5b700'),
      down: read('--down', '#ff4d4f'),
      unknown: read('--unknown', '#8d99a6'),
      maintenance: read('--maintenance', '#4c8dff'),
    },
    background: read('--panel', '#141a22'),
    glyph: '#05080b',
  };
}

/** Cells at least this big (CSS px) carry their status's shape, as the DOM cells' glyphs do. */
const GLYPH_MIN = 12;

/**
 * Draws one site's devices on a canvas: a square per device, coloured and shaped by status, in
 * the site's map order (cells keep their place as statuses change). It remembers what each cell
 * shows, so a repaint after a delta draws only the cells whose status changed: at 10,000 devices
 * and 2,000 updates a second that is a few hundred small rectangles a second, not a layout.
 */
export class CellPainter {
  private readonly context: CanvasRenderingContext2D | null;
  private drawn = new Uint8Array(0);
  private columns = 1;
  private rows = 0;
  private pitch: number;
  private count = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly wantedPitch: number,
    private readonly stale: boolean,
    private readonly palette: CellPalette,
    private readonly pixelRatio: number,
  ) {
    this.context = canvas.getContext('2d');
    this.pitch = wantedPitch;
  }

  /**
   * A new size (CSS px): the wall's pitch, or less if this tile came out smaller than planned
   * (a line of flags), so every device still gets a cell. Everything is drawn again.
   */
  resize(width: number, height: number, devices: number): void {
    let pitch = this.wantedPitch;
    while (pitch > MIN_CANVAS_PITCH && gridCapacity(width, height, pitch) < devices) pitch--;
    this.pitch = pitch;
    this.columns = Math.max(1, Math.floor((width + cellGap(pitch)) / pitch));
    this.rows = Math.max(0, Math.floor((height + cellGap(pitch)) / pitch));
    this.canvas.width = Math.round(width * this.pixelRatio);
    this.canvas.height = Math.round(height * this.pixelRatio);
    this.context?.setTransform(this.pixelRatio, 0, 0, this.pixelRatio, 0, 0);
    this.drawn = new Uint8Array(0);
    this.count = 0;
  }

  /** Draws the cells that changed since the last paint; returns how many it drew. */
  paint(devices: DeviceMap): number {
    if (this.drawn.length < devices.size) {
      const grown = new Uint8Array(Math.max(devices.size, this.drawn.length * 2, 64));
      grown.set(this.drawn);
      this.drawn = grown;
    }
    let index = 0;
    let changed = 0;
    for (const device of devices.values()) {
      const code = STATUS_CODE[device.status];
      if (this.drawn[index] !== code) {
        this.drawCell(index, device.status);
        this.drawn[index] = code;
        changed++;
      }
      index++;
    }
    for (let gone = index; gone < this.count; gone++) {
      this.clearCell(gone);
      this.drawn[gone] = NOT_DRAWN;
    }
    this.count = index;
    return changed;
  }

  /** Cells the canvas holds at its current pitch. */
  get capacity(): number {
    return this.columns * this.rows;
  }

  /** The index of the cell under a point (CSS px from the canvas's corner), or null. */
  cellAt(x: number, y: number): number | null {
    const column = Math.floor(x / this.pitch);
    const row = Math.floor(y / this.pitch);
    if (column < 0 || column >= this.columns || row < 0) return null;
    const index = row * this.columns + column;
    return index < this.count ? index : null;
  }

  private origin(index: number): [number, number] {
    return [(index % this.columns) * this.pitch, Math.floor(index / this.columns) * this.pitch];
  }

  private clearCell(index: number): void {
    const [x, y] = this.origin(index);
    this.context?.clearRect(x, y, this.pitch, this.pitch);
  }

  private drawCell(index: number, status: DeviceStatus): void {
    const ctx = this.context;
    if (!ctx) return;
    const [x, y] = this.origin(index);
    const size = this.pitch - cellGap(this.pitch);
    const colour = this.palette.status[status];
    ctx.clearRect(x, y, this.pitch, this.pitch);
    if (this.stale) {
      // Last known status, drawn hollow: not current (as the DOM cells of a stale tile are).
      ctx.fillStyle = this.palette.background;
      ctx.fillRect(x, y, size, size);
      ctx.strokeStyle = colour;
      ctx.lineWidth = Math.max(1, Math.round(size / 7));
      ctx.strokeRect(
        x + ctx.lineWidth / 2,
        y + ctx.lineWidth / 2,
        size - ctx.lineWidth,
        size - ctx.lineWidth,
      );
    } else {
      ctx.fillStyle = colour;
      ctx.fillRect(x, y, size, size);
    }
    if (size >= GLYPH_MIN)
      drawGlyph(ctx, status, x, y, size, this.stale ? colour : this.palette.glyph);
  }
}

/** The status's shape in the middle of a cell: ● ▲ ■ ◆ ⬟, as on the DOM cells and the legend. */
function drawGlyph(
  ctx: CanvasRenderingContext2D,
  status: DeviceStatus,
  x: number,
  y: number,
  size: number,
  colour: string,
): void {
  const cx = x + size / 2;
  const cy = y + size / 2;
  const r = size * 0.28;
  ctx.fillStyle = colour;
  ctx.beginPath();
  switch (status) {
    case 'up':
      ctx.arc(cx, cy, r * 0.7, 0, Math.PI * 2);
      break;
    case 'warning':
      ctx.moveTo(cx, cy - r);
      ctx.lineTo(cx + r, cy + r * 0.8);
      ctx.lineTo(cx - r, cy + r * 0.8);
      break;
    case 'down':
      ctx.rect(cx - r, cy - r, 2 * r, 2 * r);
      break;
    case 'unknown':
      ctx.moveTo(cx, cy - r);
      ctx.lineTo(cx + r, cy);
      ctx.lineTo(cx, cy + r);
      ctx.lineTo(cx - r, cy);
      break;
    case 'maintenance':
      for (let i = 0; i < 5; i++) {
        const angle = -Math.PI / 2 + (i * 2 * Math.PI) / 5;
        ctx.lineTo(cx + r * Math.cos(angle), cy + r * Math.sin(angle));
      }
      break;
  }
  ctx.closePath();
  ctx.fill();
}
