import { createContext, use, useEffect, useState, type RefObject } from 'react';

/**
 * Which of many elements are in view, with one IntersectionObserver for all of them (a board
 * of 2,000 rows observes them all at no cost per frame). Where there is no IntersectionObserver
 * (a test DOM), everything counts as in view.
 */
export class InView {
  private readonly observer: IntersectionObserver | null;
  private readonly listeners = new Map<Element, (visible: boolean) => void>();

  constructor(root: Element | null, margin = '200px') {
    this.observer =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver(
            (entries) => {
              for (const entry of entries) this.listeners.get(entry.target)?.(entry.isIntersecting);
            },
            { root, rootMargin: margin },
          );
  }

  watch(element: Element, listener: (visible: boolean) => void): () => void {
    if (!this.observer) return () => undefined;
    this.listeners.set(element, listener);
    this.observer.observe(element);
    return () => {
      this.listeners.delete(element);
      this.observer?.unobserve(element);
    };
  }

  dispose(): void {
    this.observer?.disconnect();
    this.listeners.clear();
  }
}

export const InViewContext = createContext<InView | null>(null);

/**
 * Whether the element is in view (or near it). In view until the observer says otherwise: it
 * reports every element it starts watching at once, so one far down a long list stops ticking
 * at the next frame, and nothing is left stale where no observer reports (a test DOM).
 */
export function useInView(ref: RefObject<Element | null>): boolean {
  const inView = use(InViewContext);
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!inView || !element) return undefined;
    return inView.watch(element, setVisible);
  }, [inView, ref]);
  return visible;
}
