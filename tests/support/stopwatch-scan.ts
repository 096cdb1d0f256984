import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Finds tests that time themselves: a value taken from the wall clock compared with an ordering
 * matcher. Such a test passes or fails with the machine's load, not with the code; speed belongs
 * in a benchmark (bench/), and a test waits for the event itself with a generous timeout.
 *
 * The rule is a grep, so anyone can check it by eye. In one file:
 * 1. a stopwatch is any variable assigned from an expression that calls `Date.now()` or
 *    `performance.now()` (`const started = Date.now()`, `const elapsed = Date.now() - t0`);
 * 2. a statement (text between semicolons) using `toBeLessThan`, `toBeLessThanOrEqual`,
 *    `toBeGreaterThan` or `toBeGreaterThanOrEqual` is a finding when it names a stopwatch or
 *    calls the clock itself (`expect(Date.now() - started).toBeLessThan(2000)`).
 * A deadline (`const deadline = Date.now() + timeoutMs`) is fine as long as no such matcher
 * compares it: that is how tests/support/wait.ts gives up, not something a test asserts.
 */
export const STOPWATCH_RULE =
  'no assertion on elapsed wall-clock time: a value from Date.now()/performance.now() must not ' +
  'meet toBeLessThan/toBeLessThanOrEqual/toBeGreaterThan/toBeGreaterThanOrEqual in the same ' +
  'file. Wait for the event (tests/support/wait.ts, Playwright waitFor) with a generous ' +
  'timeout and assert order and what is shown; use an injected FakeClock for thresholds; ' +
  'measure speed in bench/.';

export interface StopwatchFinding {
  readonly file: string;
  /** 1-based line of the ordering matcher. */
  readonly line: number;
  readonly statement: string;
}

const CLOCK_CALL = /\b(?:Date|performance)\.now\(\)/;
const CLOCK_ASSIGNMENT = /\b(\w+)\s*(?::\s*\w+\s*)?=(?![=>])[^;]*?\b(?:Date|performance)\.now\(\)/g;
const ORDER_MATCHER =
  /\.(?:toBeLessThan|toBeLessThanOrEqual|toBeGreaterThan|toBeGreaterThanOrEqual)\(/;

/** The findings in one file's source text. */
export function findStopwatches(file: string, text: string): StopwatchFinding[] {
  const source = withoutComments(text);
  const stopwatches = new Set([...source.matchAll(CLOCK_ASSIGNMENT)].map((m) => m[1] ?? ''));
  const findings: StopwatchFinding[] = [];
  let offset = 0;
  for (const statement of source.split(';')) {
    const matcher = ORDER_MATCHER.exec(statement);
    if (matcher && readsClock(statement, stopwatches)) {
      const line = source.slice(0, offset + matcher.index).split('\n').length;
      findings.push({ file, line, statement: statement.trim().replace(/\s+/g, ' ') });
    }
    offset += statement.length + 1;
  }
  return findings;
}

/** Comments assert nothing; blanked out, keeping their line breaks so line numbers hold. */
function withoutComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:])\/\/[^\n]*/g, '$1');
}

function readsClock(statement: string, stopwatches: ReadonlySet<string>): boolean {
  if (CLOCK_CALL.test(statement)) return true;
  for (const name of stopwatches) if (new RegExp(`\\b${name}\\b`).test(statement)) return true;
  return false;
}

/** Every .ts and .tsx file under `dir`, scanned; paths in findings are relative to `root`. */
export function scanForStopwatches(root: string, dir: string): StopwatchFinding[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.tsx?$/.test(path))
    .sort();
  return files.flatMap((path) => {
    const full = join(dir, path);
    return findStopwatches(relative(root, full), readFileSync(full, 'utf8'));
  });
}
