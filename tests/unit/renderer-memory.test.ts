import { describe, expect, it } from 'vitest';
import { MemoryCeiling } from '../../electron/main/renderer-memory.js';
import { FakeClock } from '../support/fake-clock.js';

/** The board window's memory ceiling with a fake page and fake time. */

const settle = () => new Promise((resolve) => setImmediate(resolve));

function rig(readings: (number | null)[]) {
  const clock = new FakeClock(0);
  const page = { reloads: 0, destroyed: false, readings: [...readings] };
  let quiet = false;
  const lines: string[] = [];
  const ceiling = new MemoryCeiling(
    {
      memoryMb: () => Promise.resolve(page.readings.shift() ?? null),
      reload: () => {
        page.reloads++;
      },
      isDestroyed: () => page.destroyed,
    },
    clock,
    () => quiet,
    { ceilingMb: 1000, checkEveryMs: 60_000, minGapMs: 3 * 60_000 },
    (line) => lines.push(line),
  );
  const minute = async () => {
    clock.advance(60_000);
    await settle();
  };
  return { clock, page, ceiling, lines, minute, setQuiet: (q: boolean) => (quiet = q) };
}

describe('MemoryCeiling', () => {
  it('reloads a board over its ceiling at the next quiet moment, once, and counts it', async () => {
    const { page, ceiling, lines, minute, setQuiet } = rig([400, 1200, 1300, 1300, 500]);
    ceiling.start();
    await minute();
    expect(page.reloads).toBe(0);
    await minute();
    expect(ceiling.health.waiting).toBe(true);
    expect(page.reloads).toBe(0);
    await minute();
    expect(page.reloads).toBe(0);
    setQuiet(true);
    await minute();
    expect(page.reloads).toBe(1);
    await minute();
    expect(page.reloads).toBe(1);
    expect(ceiling.health).toEqual({ checks: 5, lastMb: 500, plannedReloads: 1, waiting: false });
    expect(lines).toEqual([
      'board window: renderer at 1200 MB, over its 1000 MB ceiling; reloading at the next quiet moment',
      'board window: planned reload (memory ceiling)',
    ]);
  });

  it('never reloads on a reading it could not take, and frees its timer on dispose', async () => {
    const { clock, page, ceiling, minute, setQuiet } = rig([null, null]);
    setQuiet(true);
    ceiling.start();
    await minute();
    await minute();
    expect(page.reloads).toBe(0);
    expect(ceiling.openResources).toBe(1);
    ceiling.dispose();
    expect(ceiling.openResources).toBe(0);
    expect(clock.pendingCount).toBe(0);
  });

  it('leaves at least its minimum gap between planned reloads, however high the memory stays', async () => {
    const { page, ceiling, minute, setQuiet } = rig(Array.from({ length: 8 }, () => 2000));
    setQuiet(true);
    ceiling.start();
    for (let i = 0; i < 8; i++) await minute();
    // Minutes 1, 4 and 7 (a three-minute gap here), not eight reloads.
    expect(page.reloads).toBe(3);
  });
});
