/** The part of an element keepCentred uses (a row of the SLA board). */
export interface Centrable {
  scrollIntoView(options: ScrollIntoViewOptions): void;
}

/** What keepCentred watches, injected so tests can drive it. */
export interface CentreWatch {
  /** Calls `changed` whenever the size of `target` changes; returns the stop. */
  resized(target: Element, changed: () => void): () => void;
  /** Calls `acted` on the person's first wheel, touch, pointer press or key; returns the stop. */
  personActs(acted: () => void): () => void;
}

/** Events by which a person takes the scrolling over. */
const PERSON_EVENTS = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

/** The page's own: a ResizeObserver (its changes taken at the next frame) and window events. */
export const pageWatch: CentreWatch = {
  resized: (target, changed) => {
    if (typeof ResizeObserver === 'undefined') return () => undefined;
    // Scrolled at the next frame, not inside the observer's callback: a scroll there can lay
    // out a skipped row whose size changed, and a size change inside the callback is the
    // browser's "ResizeObserver loop" error (reported to the host as a renderer error).
    let frame: number | null = null;
    const observer = new ResizeObserver(() => {
      frame ??= requestAnimationFrame(() => {
        frame = null;
        changed();
      });
    });
    observer.observe(target);
    return () => {
      observer.disconnect();
      if (frame !== null) cancelAnimationFrame(frame);
      frame = null;
    };
  },
  personActs: (acted) => {
    const options = { capture: true, passive: true } as const;
    for (const name of PERSON_EVENTS) window.addEventListener(name, acted, options);
    return () => {
      for (const name of PERSON_EVENTS) window.removeEventListener(name, acted, options);
    };
  },
};

/**
 * Scrolls `element` to the middle of its scroll box, and again whenever `rows` (the list it is in)
 * changes size, until the person scrolls, touches, clicks or types, or the returned stop is
 * called. Why: the SLA board's rows out of view are not laid out (content-visibility) and count
 * as one line until they are, and a technician's rows grow by their acknowledge form once the
 * app's info arrives; as the rows above the target take their true heights it drifts, off
 * screen on a long board, long after a first scroll (a board opened from a notice).
 */
export function keepCentred(
  element: Centrable,
  rows: Element | null,
  watch: CentreWatch = pageWatch,
): () => void {
  const centre = (): void => {
    element.scrollIntoView({ block: 'center' });
  };
  centre();
  const stops: (() => void)[] = [];
  const stop = (): void => {
    for (const each of stops.splice(0)) each();
  };
  if (rows !== null) stops.push(watch.resized(rows, centre));
  stops.push(watch.personActs(stop));
  return stop;
}
