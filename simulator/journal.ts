import { randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { systemClock } from '../shared/system-clock.js';
import type { Clock } from '../shared/clock.js';
import { describeIssues } from '../shared/protocol/errors.js';
import { SiteEvent } from '../shared/protocol/events.js';
import type { UnsequencedEvent } from '../shared/protocol/events.js';
import { StreamId } from '../shared/protocol/messages.js';
import { Id } from '../shared/protocol/primitives.js';
import { applySiteEvent, emptySiteModel } from '../shared/site-model/site-model.js';
import type { SiteModel } from '../shared/site-model/site-model.js';

/**
 * Numbers a site's events and remembers them: in memory (a bounded ring, for replays) and,
 * optionally, in a JSONL file whose first line names the stream. A batch is on disk before it
 * is handed back for sending, so a site killed at any moment never forgets an event it sent.
 */

const JournalHeader = z.strictObject({ stream: StreamId, siteId: Id });

export interface JournalOptions {
  readonly siteId: string;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** JSONL file to create; it must not exist yet (reopen an existing one with Journal.open). */
  readonly file?: string;
  /** Events kept in memory for replay (default 100 000); older ones need a snapshot. */
  readonly capacity?: number;
}

export interface OpenedJournal {
  readonly journal: Journal;
  readonly siteId: string;
  readonly stream: string;
  /** Every event in the file, in order. */
  readonly events: readonly SiteEvent[];
  /** The journal's model (kept current as it grows), rebuilt by applying every event. */
  readonly model: SiteModel;
}

export class Journal {
  readonly siteId: string;
  readonly stream: string;
  readonly file: string | null;
  /** Devices and open alerts as of lastSeq: what a snapshot sends. */
  readonly model: SiteModel = emptySiteModel();
  private readonly clock: Clock;
  private readonly capacity: number;
  private readonly ring: SiteEvent[] = [];
  /** Index of the oldest event once the ring is full (0 until then). */
  private head = 0;
  private last = 0;

  constructor(options: JournalOptions, resume?: { stream: string; events: readonly SiteEvent[] }) {
    this.siteId = options.siteId;
    this.clock = options.clock ?? systemClock;
    this.file = options.file ?? null;
    this.capacity = options.capacity ?? 100_000;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${String(this.capacity)}`);
    }
    this.stream = resume?.stream ?? randomUUID();
    if (resume) {
      for (const event of resume.events) this.remember(event);
    } else if (this.file !== null) {
      const header = JSON.stringify({ stream: this.stream, siteId: this.siteId });
      writeFileSync(this.file, `${header}\n`, { flag: 'wx' });
    }
  }

  /**
   * Reloads a journal file and continues its stream. A torn last line (the process died inside a
   * write, so that batch was never sent) is cut off; damage anywhere else is an error.
   */
  static open(file: string, options: { clock?: Clock; capacity?: number } = {}): OpenedJournal {
    const bytes = readFileSync(file);
    const lastNewline = bytes.lastIndexOf(0x0a);
    if (lastNewline < bytes.length - 1) truncateSync(file, lastNewline + 1);
    const lines = bytes
      .subarray(0, lastNewline + 1)
      .toString('utf8')
      .split('\n');
    lines.pop();
    const header = JournalHeader.safeParse(parseJson(lines[0] ?? ''));
    if (!header.success) {
      throw new Error(`${file}:1: not a journal header: ${describeIssues(header.error)}`);
    }
    const events: SiteEvent[] = [];
    for (let i = 1; i < lines.length; i++) {
      const parsed = SiteEvent.safeParse(parseJson(lines[i] ?? ''));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${describeIssues(parsed.error)}`);
      const expected = (events.at(-1)?.seq ?? 0) + 1;
      if (parsed.data.seq !== expected) {
        throw new Error(`${file}:${i + 1}: seq ${parsed.data.seq}, expected ${expected}`);
      }
      events.push(parsed.data);
    }
    const { stream, siteId } = header.data;
    const journal = new Journal({ ...options, siteId, file }, { stream, events });
    return { journal, siteId, stream, events, model: journal.model };
  }

  /** Seq of the newest event (0 before the first). */
  get lastSeq(): number {
    return this.last;
  }

  /** Seq of the oldest event still in memory (lastSeq + 1 when there is none). */
  get oldestSeq(): number {
    return this.last - this.ring.length + 1;
  }

  /** Numbers a batch (`at` defaults to the clock), writes it to the file, then returns it. */
  append(events: readonly UnsequencedEvent[], at: number = this.clock.now()): SiteEvent[] {
    // seq and at last: a SiteEvent passed in by mistake must not keep its old numbering.
    const numbered = events.map((event, i): SiteEvent => ({
      ...event,
      seq: this.last + 1 + i,
      at,
    }));
    if (numbered.length === 0) return numbered;
    if (this.file !== null) {
      appendFileSync(this.file, numbered.map((e) => JSON.stringify(e)).join('\n') + '\n');
    }
    for (const event of numbered) this.remember(event);
    return numbered;
  }

  /**
   * The events after `after` in `stream`, or null when they cannot be replayed: another stream,
   * a seq this journal never reached, or a range already dropped from memory.
   */
  since(stream: string, after: number): SiteEvent[] | null {
    if (stream !== this.stream || !Number.isInteger(after) || after < 0 || after > this.last) {
      return null;
    }
    if (after < this.oldestSeq - 1) return null;
    const out: SiteEvent[] = [];
    const size = this.ring.length;
    for (let i = after + 1 - this.oldestSeq; i < size; i++) {
      const event = this.ring[(this.head + i) % size];
      if (event) out.push(event);
    }
    return out;
  }

  private remember(event: SiteEvent): void {
    if (this.ring.length < this.capacity) {
      this.ring.push(event);
    } else {
      this.ring[this.head] = event;
      this.head = (this.head + 1) % this.capacity;
    }
    this.last = event.seq;
    applySiteEvent(this.model, event);
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
