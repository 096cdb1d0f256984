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

  it('allows a deadline that only ends a wait, and durations on an injected clock', () => {
    expect(fixture('deadline-allowed.txt')).toEqual([]);
  });
});
