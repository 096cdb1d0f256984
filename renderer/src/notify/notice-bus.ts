import type { Notice } from '../../../shared/notify/notice.js';

type Listener = (notices: readonly Notice[]) => void;

/**
 * The hub's notices as the page receives them, for whoever in the page wants them: the
 * browser's notifications, a screen's alarms. One listener that throws does not stop the rest.
 */
export class NoticeBus {
  private readonly listeners = new Set<Listener>();

  emit(notices: readonly Notice[]): void {
    for (const listener of this.listeners) {
      try {
        listener(notices);
      } catch (error) {
        console.error('notices: a listener failed:', error);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get size(): number {
    return this.listeners.size;
  }
}
