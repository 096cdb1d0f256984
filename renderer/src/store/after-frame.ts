import type { Clock, TimerHandle } from '../../../shared/clock.js';

/** Runs `run` later (or now); returns a cancel that is safe to call at any time. */
export type AfterFrame = (run: () => void) => () => void;

/** The page's animation frames, injected so tests can step them. */
export interface FrameSource {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

/** Longest wait for a frame: a hidden tab or window gets none, and its board must still follow. */
export const AFTER_FRAME_FALLBACK_MS = 100;

/** What a test asks for: the work at once, in the caller's task. */
export const AT_ONCE: AfterFrame = (run) => {
  run();
  return () => undefined;
};

const pageFrames: FrameSource = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => {
    cancelAnimationFrame(handle);
  },
};

/**
 * Runs `run` in a task of its own just after the next frame has been drawn (a timer set from that
 * frame's callback), or after AFTER_FRAME_FALLBACK_MS if no frame comes first. Why: a delta batch
 * used to be reduced, rendered by React and laid out in one go, ~50 ms at load (b) of
 * bench:render; reducing it in one task and rendering it in the next lets a frame fall between
 * them (docs/performance.md, "Load (b): the batch split in two").
 */
export function afterNextFrame(clock: Clock, frames: FrameSource = pageFrames): AfterFrame {
  return (run) => {
    let done = false;
    let frame: number | null = null;
    let afterDraw: TimerHandle | null = null;
    const finish = (): void => {
      if (done) return;
      cancel();
      run();
    };
    // The frame first: if asking for one throws, no timer is left behind to run later.
    frame = frames.request(() => {
      frame = null;
      // A timer set inside the frame's callbacks runs after that frame's style, layout and paint.
      if (!done) afterDraw = clock.setTimeout(finish, 0);
    });
    const fallback = clock.setTimeout(finish, AFTER_FRAME_FALLBACK_MS);
    function cancel(): void {
      done = true;
      clock.clearTimeout(fallback);
      if (afterDraw !== null) clock.clearTimeout(afterDraw);
      if (frame !== null) frames.cancel(frame);
      afterDraw = null;
      frame = null;
    }
    return cancel;
  };
}
