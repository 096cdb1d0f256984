import { createContext, use, useEffect, useState, type RefObject } from 'react';

/**
 * Which of many elements are in view of a scrolling box, with one IntersectionObserver for all of
 * them (a board of 2,000 rows observes them all at no cost per frame). Made once and handed down
 * before the box exists; elements watched before it is attached are observed when it is. Where no
 * observer reports (happy-dom's never does), everything stays in view.
 */
export class InView {
  private observer: IntersectionObserver | null = null;
  private readonly listeners = new Map<Element, (visible: boolean) => void>();

  constructor(private readonly margin = '200px') {}

  /** Starts observing within `root` (the scrolling box). */
  attach(root: Element): void {
    this.detach();
    if (typeof IntersectionObserver === 'undefined') return;
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) this.listeners.get(entry.target)?.(entry.isIntersecting);
      },
      { root, rootMargin: this.margin },
    );
    for (const element of this.listeners.keys()) this.observer.observe(element);
  }

  detach(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  watch(element: Element, listener: (visible: boolean) => void): () => void {
    this.listeners.set(element, listener);
    this.observer?.observe(element);
    return () => {
      if (this.listeners.get(element) === listener) this.listeners.delete(element);
      this.observer?.unobserve(element);
    };
  }
}

export const InViewContext = createContext<InView | null>(null);

/**
 * Whether the element is in view (or near it). In view until the observer says otherwise: it
 * reports every element it starts watching at once, so one far down a long list stops ticking
 * at the next frame, and nothing is left stale where no observer reports.
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
