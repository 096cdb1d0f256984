import { describe, expect, it } from 'vitest';
import {
  AFTER_FRAME_FALLBACK_MS,
  afterNextFrame,
  AT_ONCE,
  type FrameSource,
} from '../../renderer/src/store/after-frame.js';
import { FakeClock } from '../support/fake-clock.js';

/** Frames that come only when the test says so. */
class FakeFrames implements FrameSource {
  private next = 1;
  readonly waiting = new Map<number, () => void>();

  request(callback: () => void): number {
    const handle = this.next++;
    this.waiting.set(handle, callback);
    return handle;
  }

  cancel(handle: number): void {
    this.waiting.delete(handle);
  }

  /** Draws a frame: runs the callbacks that asked for it. */
  draw(): void {
    const callbacks = [...this.waiting.values()];
    this.waiting.clear();
    for (const callback of callbacks) callback();
  }
}

describe('afterNextFrame', () => {
  it('runs the work in a task after the next frame, not in the frame itself', () => {
    const clock = new FakeClock();
    const frames = new FakeFrames();
    const ran: string[] = [];
    afterNextFrame(clock, frames)(() => ran.push('work'));
    expect(ran).toEqual([]);
    frames.draw();
    // Still not: a frame's callbacks run before its layout and paint.
    expect(ran).toEqual([]);
    clock.advance(0);
    expect(ran).toEqual(['work']);
    // Once, and nothing left behind: the fallback timer went with it.
    clock.advance(AFTER_FRAME_FALLBACK_MS);
    expect(ran).toEqual(['work']);
    expect(clock.pendingCount).toBe(0);
    expect(frames.waiting.size).toBe(0);
  });

  it('runs the work after the fallback wait when no frame comes (a hidden window)', () => {
    const clock = new FakeClock();
    const frames = new FakeFrames();
    const ran: string[] = [];
    afterNextFrame(clock, frames)(() => ran.push('work'));
    clock.advance(AFTER_FRAME_FALLBACK_MS - 1);
    expect(ran).toEqual([]);
    clock.advance(1);
    expect(ran).toEqual(['work']);
    // The frame it asked for is given back, so a late frame runs nothing.
    expect(frames.waiting.size).toBe(0);
    expect(clock.pendingCount).toBe(0);
  });

  it('frees its frame and timers when cancelled, before or after the frame', () => {
    const clock = new FakeClock();
    const frames = new FakeFrames();
    const ran: string[] = [];
    const schedule = afterNextFrame(clock, frames);
    schedule(() => ran.push('one'))();
    expect(frames.waiting.size).toBe(0);
    expect(clock.pendingCount).toBe(0);

    const cancel = schedule(() => ran.push('two'));
    frames.draw();
    cancel();
    clock.advance(AFTER_FRAME_FALLBACK_MS);
    expect(ran).toEqual([]);
    expect(clock.pendingCount).toBe(0);
    // Cancelling again, or after it ran, is harmless.
    cancel();
  });

  it('AT_ONCE runs the work in the caller', () => {
    const ran: string[] = [];
    AT_ONCE(() => ran.push('work'))();
    expect(ran).toEqual(['work']);
  });
});
