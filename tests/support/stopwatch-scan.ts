import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { dottedName, memberName, unwrap } from './stopwatch-syntax.js';
import { ClockTaint, type Side, measures } from './stopwatch-taint.js';

/**
 * Finds tests that time themselves: an assertion on a value read from the wall clock. Such a
 * test passes or fails with the machine's load, not with the code; speed belongs in a benchmark
 * (bench/), and a test waits for the event itself with a generous timeout.
 *
 * Each file is parsed with the TypeScript compiler; stopwatch-taint.ts follows wall-clock readings
 * (`Date.now()`, `performance.now()`, `process.hrtime()`, `new Date()`) through variables,
 * arithmetic, record fields and the functions of the file that return them. The rule is about
 * ELAPSED time: a difference of two readings, or a reading against a duration. A finding is
 * - an ordering matcher (`toBeLessThan`, `toBeGreaterThanOrEqual`, `toBeWithin`, chai's
 *   `below`/`above`/`within`…) whose subject and bounds measure elapsed time (`measures` in
 *   stopwatch-taint.ts): `expect(Date.now() - t0).toBeLessThan(2000)`,
 *   `expect(Date.now()).toBeLessThan(t0 + 2000)`, `expect(performance.now()).toBeLessThan(16)`;
 * - a tolerance matcher (`toBeCloseTo`, `closeTo`, `approximately`) with a reading on either
 *   side: its tolerance is a duration; or
 * - `expect(…)`, `assert(…)`, `assert.*(…)` given such a comparison
 *   (`expect(Date.now() - t0 < 2000).toBe(true)`, `assert.ok(elapsed <= 2000)`).
 * Readings in order are not elapsed time and are allowed: a timestamp the code recorded between
 * two readings (`expect(rec.at).toBeLessThanOrEqual(Date.now())`) holds however slow the machine.
 * A deadline (`const deadline = Date.now() + timeoutMs; while (Date.now() < deadline)`) is fine:
 * ending a wait is not an assertion. So is any time read from an injected clock (`clock.now()`).
 */
export const STOPWATCH_RULE =
  'no assertion on elapsed wall-clock time: a difference of Date.now()/performance.now()/' +
  'process.hrtime()/new Date() readings, or a reading against a duration, must not meet an ' +
  'ordering matcher (toBeLessThan, toBeCloseTo…) or an expect/assert of a comparison (two ' +
  'readings in order, a timestamp bounded by Date.now(), are fine). Wait for the event ' +
  '(tests/support/wait.ts, Playwright waitFor) with a generous timeout and assert order and ' +
  'what is shown; use an injected FakeClock for thresholds; measure speed in bench/.';

export interface StopwatchFinding {
  readonly file: string;
  /** 1-based line of the ordering matcher, or of the assertion given a comparison. */
  readonly line: number;
  /** The whole assertion, whitespace collapsed. */
  readonly statement: string;
}

const ORDER_MATCHER =
  /^(?:toBe(?:Less|Greater)Than(?:OrEqual)?|toBeWithin|toBeBetween|toBeCloseTo|below|above|lessThan|greaterThan|least|most|within|lt|lte|gt|gte|closeTo|approximately|isBelow|isAbove|isAtMost|isAtLeast)$/;
/** Matchers with a tolerance: next to a reading, the tolerance is a duration. */
const TOLERANCE_MATCHER = /^(?:toBeCloseTo|closeTo|approximately)$/;
const CLOCK_WORD = /\b(?:Date|performance|hrtime)\b/;
const ASSERTION_ROOT = /^(?:expect|assert)(?:\.\w+)?$/;

/** The findings in one file's source text. */
export function findStopwatches(file: string, text: string): StopwatchFinding[] {
  if (!CLOCK_WORD.test(text)) return []; // no wall clock read, nothing to follow
  // A .txt fixture is read as TypeScript; the virtual name only picks the parser.
  const name = file.endsWith('.tsx') ? '/scanned.tsx' : '/scanned.ts';
  const kind = name.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, kind);
  const taint = new ClockTaint(checkerFor(source), source);

  const findings = new Map<string, StopwatchFinding>();
  const report = (at: ts.Node, call: ts.CallExpression) => {
    const line = source.getLineAndCharacterOfPosition(at.getStart(source)).line + 1;
    const statement = chainTop(call).getText(source).replace(/\s+/g, ' ').trim();
    findings.set(`${line}:${statement}`, { file, line, statement });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = unwrap(node.expression);
      const member = memberName(callee);
      if (member !== null && ORDER_MATCHER.test(member) && timedOrder(taint, node, member)) {
        report(ts.isPropertyAccessExpression(callee) ? callee.name : callee, node);
      }
      if (
        ASSERTION_ROOT.test(dottedName(callee) ?? '') &&
        node.arguments.some((arg) => taint.is(arg, 'verdict'))
      ) {
        report(node, node);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...findings.values()].sort((a, b) => a.line - b.line);
}

/**
 * An ordering matcher call: do its subject (`expect(subject)` at the root of the chain) and its
 * bounds measure elapsed time? `assert.isBelow(elapsed, 2000)` has no subject call.
 */
function timedOrder(taint: ClockTaint, matcher: ts.CallExpression, name: string): boolean {
  const sides = matcher.arguments.map((arg) => taint.side(arg));
  const subject = subjectSide(taint, unwrap(matcher.expression));
  if (subject) sides.push(subject);
  return TOLERANCE_MATCHER.test(name) ? sides.some((s) => s.time) : measures(sides);
}

function subjectSide(taint: ClockTaint, callee: ts.Expression): Side | null {
  let chain = ts.isPropertyAccessExpression(callee) ? callee.expression : null;
  while (chain && !ts.isCallExpression(chain)) {
    chain = ts.isPropertyAccessExpression(chain) ? chain.expression : null; // .not, .to.be
  }
  const root = chain ? dottedName(chain.expression) : null;
  if (!chain || !root || !/^expect(?:\.\w+)?$/.test(root)) return null;
  const [subject] = chain.arguments;
  if (!subject) return null;
  if (root !== 'expect.poll') return taint.side(subject);
  // `expect.poll(() => Date.now() - t0)` polls a function.
  const time = taint.isFunction(subject, 'time');
  return { time, span: taint.isFunction(subject, 'span'), duration: false };
}

/** The whole assertion a call belongs to: `expect(x).not.toBeLessThan(1)` from any part. */
function chainTop(node: ts.Node): ts.Node {
  let top = node;
  while (
    ts.isPropertyAccessExpression(top.parent) ||
    (ts.isCallExpression(top.parent) && top.parent.expression === top) ||
    ts.isAwaitExpression(top.parent) ||
    ts.isNonNullExpression(top.parent)
  ) {
    top = top.parent;
  }
  return top;
}

/**
 * A checker for one file alone (no lib, no imports resolved): enough to tell its variables
 * apart by scope, which is all the taint analysis asks of it.
 */
function checkerFor(source: ts.SourceFile): ts.TypeChecker {
  const options: ts.CompilerOptions = { noLib: true, noResolve: true, types: [], noEmit: true };
  const host: ts.CompilerHost = {
    getSourceFile: (fileName) => (fileName === source.fileName ? source : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (fileName) => fileName === source.fileName,
    readFile: () => undefined,
  };
  return ts.createProgram({ rootNames: [source.fileName], options, host }).getTypeChecker();
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
