/** Ack ids remembered: enough for any retry a dashboard makes, bounded for a long run. */
const REMEMBERED = 10_000;

/**
 * What the site did with each acknowledgement id (acks and un-acks alike): how often it was
 * received, and whether it was applied. A site applies an id once however often it arrives (a
 * dashboard re-sends what it had no answer for), and tests count on that.
 */
export class AckLedger {
  private readonly received = new Map<string, number>();
  private readonly applied = new Set<string>();

  /** Notes an arrival; true when this id was applied before (answer it again, change nothing). */
  arrived(ackId: string): boolean {
    this.received.set(ackId, (this.received.get(ackId) ?? 0) + 1);
    if (this.received.size > REMEMBERED) {
      const oldest = this.received.keys().next().value;
      if (oldest !== undefined) {
        this.received.delete(oldest);
        this.applied.delete(oldest);
      }
    }
    return this.applied.has(ackId);
  }

  markApplied(ackId: string): void {
    this.applied.add(ackId);
  }

  /** How many times `ackId` arrived. */
  receivedCount(ackId: string): number {
    return this.received.get(ackId) ?? 0;
  }

  wasApplied(ackId: string): boolean {
    return this.applied.has(ackId);
  }

  /** Every id that arrived, oldest first. */
  ids(): string[] {
    return [...this.received.keys()];
  }
}
