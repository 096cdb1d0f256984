import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STOPWATCH_RULE, findStopwatches, scanForStopwatches } from '../support/stopwatch-scan.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'tests', 'support', 'stopwatch-fixtures');

/** Fixtures are .txt, so the scan of tests/ below does not find them. */
const fixture = (name: string) => findStopwatches(name, readFileSync(join(FIXTURES, name), 'utf8'));
const lines = (name: string) => fixture(name).map((f) => f.line);
/** A fixture's line as a finding quotes it: trimmed, without the semicolon. */
const sourceLine = (name: string, line: number) =>
  (readFileSync(join(FIXTURES, name), 'utf8').split('\n')[line - 1] ?? '').trim().replace(/;$/, '');

describe('no test times itself', () => {
  it('finds no assertion on elapsed wall-clock time in tests/', () => {
    const findings = scanForStopwatches(ROOT, join(ROOT, 'tests')).map(
      (f) => `${f.file}:${f.line}: ${f.statement}`,
    );
    expect(findings, STOPWATCH_RULE).toEqual([]);
  });

  it("catches the wallboard test's old `elapsed < 2000` and the Electron test's old bound", () => {
    // Statements are compared by line, not spelled out here: this file is scanned too.
    expect(fixture('old-wallboard.txt')).toEqual([
      { file: 'old-wallboard.txt', line: 10, statement: sourceLine('old-wallboard.txt', 10) },
    ]);
    expect(fixture('old-electron-app.txt')).toEqual([
      { file: 'old-electron-app.txt', line: 4, statement: sourceLine('old-electron-app.txt', 4) },
    ]);
  });

  it('catches bounds on times taken earlier, across lines, and performance.now()', () => {
    expect(lines('old-killed-site.txt')).toEqual([6, 9]);
    expect(lines('old-performance-now.txt')).toEqual([4]);
  });

  it('follows readings through variables: two readings subtracted, a typed `let`', () => {
    expect(fixture('two-readings.txt')).toEqual([
      { file: 'two-readings.txt', line: 5, statement: sourceLine('two-readings.txt', 5) },
    ]);
    expect(lines('typed-let.txt')).toEqual([4]);
  });

  it('catches a comparison handed to expect or assert, directly or through a variable', () => {
    expect(lines('comparison-in-expect.txt')).toEqual([3, 5]);
    expect(lines('assert-ok.txt')).toEqual([5, 6]);
  });

  it('knows every wall clock: process.hrtime(), hrtime.bigint(), new Date()', () => {
    expect(lines('hrtime.txt')).toEqual([3, 7]);
    expect(lines('new-date.txt')).toEqual([3, 7]);
  });

  it('catches a helper that returns a duration, declared after the test that uses it', () => {
    expect(lines('timed-helper.txt')).toEqual([3, 4]);
  });

  it('follows a clock field, not its neighbours, and still catches a reading against a duration', () => {
    // Two clock fields subtracted: directly, from a local helper, destructured; a reading
    // against `t0 + 2000`, a const budget, a recorded timestamp plus 2000; a tolerance.
    expect(lines('fields-and-bounds.txt')).toEqual([4, 5, 8, 9, 10, 11, 13]);
  });

  it('allows the other fields of a record with a clock field, and readings in order', () => {
    // `snap.version` beside `snap.at`, `mk(Date.now(), 1).n`, and a recorded timestamp between
    // two readings: `expect(rec.at).toBeLessThanOrEqual(Date.now())` measures no elapsed time.
    expect(fixture('allowed-fields.txt')).toEqual([]);
  });

  it('allows a deadline that only ends a wait, and durations on an injected clock', () => {
    expect(fixture('deadline-allowed.txt')).toEqual([]);
    // A FakeClock seeded from Date.now(), a timestamp compared for equality, a count of
    // readings, and a `started` from the fake clock beside one from Date.now() in another block.
    expect(fixture('allowed-clocks.txt')).toEqual([]);
  });
});
