import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnsequencedEvent } from '../../shared/protocol/events.js';
import { siteModelToPlain } from '../../shared/site-model/site-model.js';
import { Journal } from '../../simulator/journal.js';
import { SiteWorld } from '../../simulator/world.js';
import { FakeClock } from '../support/fake-clock.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sim-journal-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const sample = (cpu: number): UnsequencedEvent => ({
  type: 'metric.sample',
  deviceId: 'gw-1',
  values: { cpu },
});

/** A journal fed by a storm world for `ticks` ticks, so it holds devices and open alerts. */
function filled(file: string | undefined, ticks: number) {
  const clock = new FakeClock();
  const world = new SiteWorld({
    siteId: 'site-07',
    devices: 40,
    scenario: 'storm',
    seed: 'journal',
    startAt: clock.now(),
    stormAtTick: 3,
  });
  const journal = new Journal({ siteId: 'site-07', clock, ...(file ? { file } : {}) });
  journal.append(world.initialEvents());
  for (let i = 0; i < ticks; i++) {
    clock.advance(1000);
    journal.append(world.tick(clock.now()));
  }
  return { clock, world, journal };
}

describe('Journal', () => {
  it('numbers from 1 by exactly 1, stamping the clock time', () => {
    const clock = new FakeClock();
    const journal = new Journal({ siteId: 's', clock });
    expect(journal.lastSeq).toBe(0);
    expect(journal.append([])).toEqual([]);
    const first = journal.append([sample(1), sample(2)]);
    clock.advance(250);
    const second = journal.append([sample(3)]);
    expect([...first, ...second].map((e) => [e.seq, e.at])).toEqual([
      [1, clock.now() - 250],
      [2, clock.now() - 250],
      [3, clock.now()],
    ]);
    expect(journal.lastSeq).toBe(3);
    expect(new Journal({ siteId: 's', clock }).stream).not.toBe(journal.stream);
  });

  it('writes a header line and one line per event, and reopens to the same model and stream', () => {
    const file = join(dir, 'site-07.jsonl');
    const { journal, clock } = filled(file, 12);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0] ?? '')).toEqual({ stream: journal.stream, siteId: 'site-07' });
    expect(lines).toHaveLength(journal.lastSeq + 1);
    expect(journal.model.alerts.size).toBeGreaterThan(0);

    const opened = Journal.open(file, { clock });
    expect(opened.stream).toBe(journal.stream);
    expect(opened.siteId).toBe('site-07');
    expect(opened.events.map((e) => e.seq)).toEqual(
      Array.from({ length: journal.lastSeq }, (_, i) => i + 1),
    );
    expect(siteModelToPlain(opened.model)).toEqual(siteModelToPlain(journal.model));

    // It continues the same numbering, in the same file.
    const [next] = opened.journal.append([sample(42)]);
    expect(next?.seq).toBe(journal.lastSeq + 1);
    const again = Journal.open(file, { clock });
    expect(again.journal.lastSeq).toBe(journal.lastSeq + 1);
    expect(again.events.at(-1)).toEqual(next);
  });

  it('refuses to overwrite an existing file', () => {
    const file = join(dir, 'taken.jsonl');
    filled(file, 1);
    expect(() => new Journal({ siteId: 'site-07', clock: new FakeClock(), file })).toThrow(
      /EEXIST/,
    );
  });

  it('drops a torn last line (a write cut short by a kill) and keeps appending cleanly', () => {
    const file = join(dir, 'torn.jsonl');
    const { journal, clock } = filled(file, 3);
    appendFileSync(file, '{"seq":999,"at":1,"type":"metric.sam');
    const opened = Journal.open(file, { clock });
    expect(opened.journal.lastSeq).toBe(journal.lastSeq);
    opened.journal.append([sample(7)]);
    expect(Journal.open(file, { clock }).journal.lastSeq).toBe(journal.lastSeq + 1);
  });

  it('reports damage inside the file with its line number', () => {
    const file = join(dir, 'bad.jsonl');
    const { clock } = filled(file, 1);
    appendFileSync(file, '{"seq":1,"at":1,"type":"metric.sample"}\n');
    expect(() => Journal.open(file, { clock })).toThrow(/bad\.jsonl:\d+: /);
  });

  it('since(): replays after a seq, or null for another stream, a future seq or a pruned range', () => {
    const clock = new FakeClock();
    const journal = new Journal({ siteId: 's', clock, capacity: 10 });
    for (let i = 0; i < 25; i++) journal.append([sample(i)]);
    expect(journal.oldestSeq).toBe(16);
    expect(journal.since(journal.stream, 15)?.map((e) => e.seq)).toEqual([
      16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    ]);
    expect(journal.since(journal.stream, 22)?.map((e) => e.seq)).toEqual([23, 24, 25]);
    expect(journal.since(journal.stream, 25)).toEqual([]);
    expect(journal.since(journal.stream, 14)).toBeNull();
    expect(journal.since(journal.stream, 26)).toBeNull();
    expect(journal.since('another-stream', 20)).toBeNull();

    const small = new Journal({ siteId: 's', clock });
    expect(small.since(small.stream, 0)).toEqual([]);
    small.append([sample(1), sample(2)]);
    expect(small.since(small.stream, 0)?.map((e) => e.seq)).toEqual([1, 2]);
  });
});
