import { describe, expect, it } from 'vitest';
import {
  CellPainter,
  type CellPalette,
} from '../../renderer/src/components/wall/canvas/cell-painter.js';
import { cellGap, gridCapacity } from '../../renderer/src/layout/wall-metrics.js';
import type { DeviceMap } from '../../renderer/src/store/fleet-data.js';
import type { Device, DeviceStatus } from '../../shared/protocol/device.js';
import { device } from './fleet-fixtures.js';

/**
 * The canvas grid's painter with a recording context: what it draws on a first paint, after one
 * device changed, after one left, for a stale site, and where a point lands.
 */

const PALETTE: CellPalette = {
  status: {
    up: 'green',
    warning: 'yellow',
    down: 'red',
    unknown: 'grey',
    maintenance: 'blue',
  },
  background: 'panel',
  glyph: 'ink',
};

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The parts of a 2D context the painter uses, recording the rectangles it draws. */
class RecordingContext {
  fillStyle = '';
  strokeStyle = '';
  lineWidth = 1;
  readonly fills: (Rect & { style: string })[] = [];
  readonly clears: Rect[] = [];
  readonly strokes: (Rect & { style: string })[] = [];

  fillRect(x: number, y: number, w: number, h: number): void {
    this.fills.push({ x, y, w, h, style: this.fillStyle });
  }
  clearRect(x: number, y: number, w: number, h: number): void {
    this.clears.push({ x, y, w, h });
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    this.strokes.push({ x, y, w, h, style: this.strokeStyle });
  }
  setTransform(): void {
    /* scale for the pixel ratio: nothing to record */
  }
  beginPath(): void {
    /* glyph path */
  }
  closePath(): void {
    /* glyph path */
  }
  arc(): void {
    /* glyph path */
  }
  moveTo(): void {
    /* glyph path */
  }
  lineTo(): void {
    /* glyph path */
  }
  rect(): void {
    /* glyph path */
  }
  fill(): void {
    /* glyph fill */
  }

  reset(): void {
    this.fills.length = 0;
    this.clears.length = 0;
    this.strokes.length = 0;
  }
}

/** A canvas whose 2D context is the recording one. */
function fakeCanvas(): { canvas: HTMLCanvasElement; ctx: RecordingContext } {
  const ctx = new RecordingContext();
  const fake = {
    width: 0,
    height: 0,
    getContext: (kind: string) => (kind === '2d' ? ctx : null),
  };
  return { canvas: fake as unknown as HTMLCanvasElement, ctx };
}

function devices(statuses: readonly DeviceStatus[]): DeviceMap {
  const entries = statuses.map((status, i): [string, Device] => {
    const id = `d${i}`;
    return [id, device(id, { status })];
  });
  return new Map(entries);
}

function painter(pitch: number, stale = false) {
  const { canvas, ctx } = fakeCanvas();
  return { canvas, ctx, painter: new CellPainter(canvas, pitch, stale, PALETTE, 1) };
}

describe('CellPainter', () => {
  it('draws every device on the first paint, in its status colour', () => {
    const { ctx, painter: p } = painter(10);
    p.resize(100, 100, 12);
    const fleet = devices(['up', 'down', 'warning', 'up', 'unknown', 'maintenance', ...up(6)]);
    expect(p.paint(fleet)).toBe(12);
    expect(ctx.fills).toHaveLength(12);
    expect(ctx.fills.slice(0, 6).map((f) => f.style)).toEqual([
      'green',
      'red',
      'yellow',
      'green',
      'grey',
      'blue',
    ]);
    // Each cell in its own place: 10 columns of 10 px, the cell less its gap.
    const size = 10 - cellGap(10);
    expect(ctx.fills[1]).toMatchObject({ x: 10, y: 0, w: size, h: size });
    expect(ctx.fills[11]).toMatchObject({ x: 10, y: 10, w: size, h: size });
    expect(new Set(ctx.fills.map((f) => `${f.x},${f.y}`)).size).toBe(12);
    expect(ctx.strokes).toHaveLength(0);
  });

  it('draws exactly the one cell whose status changed on the next paint', () => {
    const { ctx, painter: p } = painter(10);
    p.resize(100, 100, 30);
    const before = devices(up(30));
    p.paint(before);
    ctx.reset();

    const after = new Map(before);
    after.set('d17', device('d17', { status: 'down' }));
    expect(p.paint(after)).toBe(1);
    expect(ctx.fills).toEqual([
      { x: 70, y: 10, w: 10 - cellGap(10), h: 10 - cellGap(10), style: 'red' },
    ]);
    expect(ctx.clears).toEqual([{ x: 70, y: 10, w: 10, h: 10 }]);

    // Nothing changed: nothing drawn.
    ctx.reset();
    expect(p.paint(after)).toBe(0);
    expect(ctx.fills).toHaveLength(0);
    expect(ctx.clears).toHaveLength(0);
  });

  it('clears the cell of a device that is gone', () => {
    const { ctx, painter: p } = painter(10);
    p.resize(100, 100, 5);
    const fleet = devices(up(5));
    p.paint(fleet);
    ctx.reset();

    const fewer = new Map(fleet);
    fewer.delete('d4');
    expect(p.paint(fewer)).toBe(0);
    expect(ctx.fills).toHaveLength(0);
    expect(ctx.clears).toEqual([{ x: 40, y: 0, w: 10, h: 10 }]);
    // And the point over it names no device now.
    expect(p.cellAt(45, 5)).toBeNull();
    expect(p.cellAt(35, 5)).toBe(3);
  });

  it('draws a stale site hollow: the background filled, the status as an outline', () => {
    const { ctx, painter: p } = painter(10, true);
    p.resize(100, 100, 3);
    p.paint(devices(['up', 'down', 'warning']));
    expect(ctx.strokes.map((s) => s.style)).toEqual(['green', 'red', 'yellow']);
    expect(ctx.fills.map((f) => f.style)).toEqual(['panel', 'panel', 'panel']);
    // The outline is inside the cell.
    const size = 10 - cellGap(10);
    for (const [i, stroke] of ctx.strokes.entries()) {
      expect(stroke.x).toBeGreaterThanOrEqual(i * 10);
      expect(stroke.x + stroke.w).toBeLessThanOrEqual(i * 10 + size);
    }
  });

  it('lowers its pitch when the box is too small for every device at the wanted one', () => {
    const { canvas, painter: p } = painter(20);
    // 100 × 60 at 20 px holds 5 × 3 = 15 cells; 200 devices need a smaller pitch.
    expect(gridCapacity(100, 60, 20)).toBeLessThan(200);
    p.resize(100, 60, 200);
    expect(p.capacity).toBeGreaterThanOrEqual(200);
    expect(canvas.width).toBe(100);
    expect(canvas.height).toBe(60);

    // Room enough: the wanted pitch is kept (5 columns of 20 px over 100 px).
    p.resize(100, 60, 10);
    expect(p.capacity).toBe(gridCapacity(100, 60, 20));
  });

  it('sizes the canvas in device pixels for the pixel ratio', () => {
    const { canvas } = fakeCanvas();
    const p = new CellPainter(canvas, 10, false, PALETTE, 2);
    p.resize(100.4, 50, 10);
    expect([canvas.width, canvas.height]).toEqual([201, 100]);
  });

  it('maps a point to the cell under it, and to nothing outside the cells', () => {
    const { painter: p } = painter(10);
    p.resize(100, 100, 25);
    p.paint(devices(up(25)));
    expect(p.cellAt(0, 0)).toBe(0);
    expect(p.cellAt(9.5, 9.5)).toBe(0);
    expect(p.cellAt(35, 5)).toBe(3);
    expect(p.cellAt(5, 15)).toBe(10);
    expect(p.cellAt(45, 25)).toBe(24);
    // Past the last device, left of or above the canvas, right of the last column.
    expect(p.cellAt(55, 25)).toBeNull();
    expect(p.cellAt(5, 95)).toBeNull();
    expect(p.cellAt(-1, 5)).toBeNull();
    expect(p.cellAt(5, -1)).toBeNull();
    expect(p.cellAt(105, 5)).toBeNull();
  });

  it('draws nothing, and does not throw, without a 2D context', () => {
    const canvas = { width: 0, height: 0, getContext: () => null };
    const p = new CellPainter(canvas as unknown as HTMLCanvasElement, 10, false, PALETTE, 1);
    p.resize(100, 100, 3);
    expect(() => p.paint(devices(['up', 'down', 'up']))).not.toThrow();
  });
});

function up(n: number): DeviceStatus[] {
  return Array<DeviceStatus>(n).fill('up');
}
