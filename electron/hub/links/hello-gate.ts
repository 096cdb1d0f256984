import type { Hello } from '../../../shared/protocol/messages.js';
import { protocolMismatch } from '../../../shared/protocol/version.js';
import type { LinkIngest } from './link-ingest.js';
import { idConflict } from './link-reasons.js';
import type { LinkStatus } from './link-status.js';
import type { LinkCounters } from './link-types.js';

/** What a hello decides for its connection. */
export type HelloVerdict =
  /** Not the connection's first message of its kind: counted as a bad payload, nothing else. */
  | { readonly kind: 'ignored' }
  /** A foreign protocol major: retrying cannot help. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** Unreadable, or another site at this address: drop this connection, retry with backoff. */
  | { readonly kind: 'retry'; readonly reason: string }
  /** The right site: sync. `changed` when what it announces differs from its last hello. */
  | { readonly kind: 'accepted'; readonly hello: Hello; readonly changed: boolean };

/**
 * Who answers at a link's address. The first accepted hello fixes the site id: another id later
 * is a conflict (another site must never replace this one's devices), and its reason stays the
 * link's reason until the right site answers again, so an older stall of the right site's data
 * cannot hide it. Only a hello whose content changed needs telling the fleet: an unchanged one
 * on every reconnect would be a fleet update for nothing.
 */
export class HelloGate {
  /** `address answered as "x", expected "y"` from the last conflict until the right site is back. */
  conflict: string | null = null;
  private siteId: string | null = null;
  private lastAccepted: string | null = null;

  constructor(
    private readonly ingest: LinkIngest,
    private readonly counters: LinkCounters,
  ) {}

  /**
   * Only a connection's first hello counts: a repeated one is counted and ignored (a sync per
   * hello would be a resync without brakes, and a fleet update each).
   */
  check(payload: unknown, status: LinkStatus): HelloVerdict {
    if (!this.ingest.inTurn('hello', status)) return { kind: 'ignored' };
    const hello = this.ingest.hello(payload, status);
    if (!hello) {
      // Nothing can follow a hello we cannot read: try again later, saying why.
      const problem = this.counters.lastBadPayload ?? 'invalid';
      return { kind: 'retry', reason: `unreadable hello (${problem})` };
    }
    const mismatch = protocolMismatch(hello.protocolVersion);
    if (mismatch) return { kind: 'refused', reason: mismatch };
    if (this.siteId !== null && hello.siteId !== this.siteId) {
      this.counters.idConflicts++;
      this.conflict = idConflict(hello.siteId, this.siteId);
      return { kind: 'retry', reason: this.conflict };
    }
    this.siteId = hello.siteId;
    this.conflict = null;
    // The validated hello has the schema's keys in the schema's order: its JSON is canonical.
    const text = JSON.stringify(hello);
    const changed = text !== this.lastAccepted;
    this.lastAccepted = text;
    return { kind: 'accepted', hello, changed };
  }
}
