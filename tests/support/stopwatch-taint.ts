import ts from 'typescript';
import { learn } from './stopwatch-learn.js';
import {
  COUNTS,
  LABELS,
  type Label,
  NONE,
  type Paths,
  WHOLE,
  member,
  under,
  union,
  whole,
} from './stopwatch-paths.js';
import {
  EQUALITY,
  type FunctionWithBody,
  ORDERING,
  dottedName,
  hasBody,
  isDuration,
  memberName,
  propertyKey,
  unwrap,
} from './stopwatch-syntax.js';

/** A variable: its symbol, or its name when it is declared nowhere in the file. */
type Key = ts.Symbol | string;

/** One side of a comparison or of an ordering matcher. */
export interface Side {
  readonly time: boolean;
  readonly span: boolean;
  /** A number written in the test, or one added to a value (`2000`, `BUDGET_MS`, `x + 2000`). */
  readonly duration: boolean;
}

/**
 * Does a comparison of these sides measure elapsed time? Yes when a side is a span (a difference
 * of readings, a reading plus a timeout) or when a reading meets a duration
 * (`performance.now() < 2000`). Two readings in order (`rec.at <= Date.now()`, a timestamp the
 * code recorded bounded by a fresh reading) are an order of events, not a stopwatch: they do not
 * depend on how long anything took, so they are allowed.
 */
export const measures = (sides: readonly Side[]): boolean =>
  sides.some((s) => s.span) || (sides.some((s) => s.time) && sides.some((s) => s.duration));

const CLOCK_CALL = /(?:^|\.)(?:Date\.now|performance\.now|process\.hrtime(?:\.bigint)?)$/;
const DATE = /(?:^|\.)Date$/;
const NUMERIC = /^(?:Math\.\w+|Number|Number\.\w+|BigInt|parseInt|parseFloat|Date\.parse)$/;
/** Operators that give back one of their operands, not a new number. */
const CHOICE = new Set([
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
]);
/** Methods whose result is what their callback returns (`seen.map((s) => s.at)`). */
const CALLBACK_RESULT = new Set(['map', 'flatMap', 'then', 'reduce', 'reduceRight']);

type Facts = Record<Label, Map<Key, Set<string>>>;
const noFacts = (): Facts => ({ time: new Map(), span: new Map(), verdict: new Map() });

/**
 * Which values in one file derive from the wall clock, found by a fixpoint over the syntax tree
 * (the TypeScript checker tells variables apart, so a `start` taken from a FakeClock in one test
 * is not the `start` taken from `Date.now()` in another). What each node teaches is in
 * stopwatch-learn.ts; where in a value a label sits, in stopwatch-paths.ts.
 *
 * Three labels:
 * - `time`: a reading of the wall clock (`Date.now()`, `performance.now()`, `process.hrtime()`,
 *   `process.hrtime.bigint()`, `new Date()`) or anything computed from one: arithmetic, a
 *   variable it is stored in (also later, by assignment or `push`), a method called on it,
 *   `Math.*`/`Number()`, a parameter it is passed to, and the result of a function that returns
 *   one (`timed()`). A record labels only the fields that held one: in
 *   `{ version: 3, at: Date.now() }` the `at` is a time and the `version` is not.
 * - `span`: a time that is no longer a plain reading: a difference, a sum or any other arithmetic
 *   on one (`Date.now() - t0`, `t0 + 2000`), `process.hrtime(since)`.
 * - `verdict`: a comparison that measures elapsed time (see `measures`), and what is computed
 *   from it (`const fast = elapsed < 2000`).
 * An injected clock (`clock.now()`) is not a source: it is the way tests should read time.
 */
export class ClockTaint {
  /** What each variable holds, and what each function of the file returns. */
  private readonly values = noFacts();
  private readonly functions = noFacts();

  constructor(
    readonly checker: ts.TypeChecker,
    source: ts.SourceFile,
  ) {
    // Each pass can only add; stop when one adds nothing.
    for (let size = -1; size !== this.size();) {
      size = this.size();
      const visit = (node: ts.Node): void => {
        learn(this, node);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }

  /** Does this expression's value itself carry the label? */
  is(node: ts.Expression, label: Label): boolean {
    return this.paths(node, label).has('');
  }

  /** Is this expression a function whose result carries the label (`Date.now`, `timed`)? */
  isFunction(node: ts.Expression, label: Label): boolean {
    return this.returnsOf(node, label).has('');
  }

  side(node: ts.Expression): Side {
    const time = this.is(node, 'time');
    return { time, span: this.is(node, 'span'), duration: isDuration(this.checker, node) };
  }

  /** Where in this expression's value the label sits. */
  paths(node: ts.Expression, label: Label): Paths {
    const e = unwrap(node);
    if (ts.isIdentifier(e)) return this.values[label].get(this.key(e)) ?? NONE;
    if (ts.isCallExpression(e)) return this.callPaths(e, label);
    if (ts.isNewExpression(e)) {
      if (label === 'verdict' || !DATE.test(dottedName(e.expression) ?? '')) return NONE;
      if (!e.arguments?.length) return label === 'time' ? WHOLE : NONE;
      return e.arguments.some((arg) => this.is(arg, label)) ? WHOLE : NONE;
    }
    if (ts.isPropertyAccessExpression(e))
      return member(this.paths(e.expression, label), e.name.text);
    if (ts.isElementAccessExpression(e)) {
      // `rec['at']` reads a field; `seen[1]` and `seen[i]` read an element, which is the array.
      const inner = this.paths(e.expression, label);
      const name = memberName(e);
      return name === null ? inner : member(inner, name);
    }
    if (ts.isBinaryExpression(e)) return this.binaryPaths(e, label);
    if (ts.isPrefixUnaryExpression(e)) return this.prefixPaths(e, label);
    if (ts.isPostfixUnaryExpression(e)) return whole(this.paths(e.operand, label));
    if (ts.isConditionalExpression(e)) {
      return union(this.paths(e.whenTrue, label), this.paths(e.whenFalse, label));
    }
    if (ts.isArrayLiteralExpression(e)) {
      return union(
        ...e.elements.map((el) => this.paths(ts.isSpreadElement(el) ? el.expression : el, label)),
      );
    }
    if (ts.isObjectLiteralExpression(e)) {
      return union(...e.properties.map((p) => this.propertyPaths(p, label)));
    }
    return NONE;
  }

  /** What calling this function value gives: `Date.now`, `timed`, `(s) => s.at`. */
  returnsOf(node: ts.Expression, label: Label): Paths {
    const e = unwrap(node);
    if (CLOCK_CALL.test(dottedName(e) ?? '')) return label === 'time' ? WHOLE : NONE;
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return this.returnPaths(e, label);
    if (ts.isIdentifier(e)) return this.functions[label].get(this.key(e)) ?? NONE;
    if (ts.isPropertyAccessExpression(e)) {
      // A method of this file (`helpers.timed()`), known only through the checker's symbol.
      const method = this.checker.getSymbolAtLocation(e.name);
      if (method) return this.functions[label].get(method) ?? NONE;
    }
    // `performance.now.bind(performance)`
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
      const bound = e.expression.name.text === 'bind';
      return bound ? this.returnsOf(e.expression.expression, label) : NONE;
    }
    return NONE;
  }

  /** What some `return` of this function (not of one nested in it) gives. */
  returnPaths(fn: FunctionWithBody, label: Label): Paths {
    const { body } = fn;
    if (!body) return NONE;
    if (!ts.isBlock(body)) return this.paths(body, label);
    const found: Paths[] = [];
    const visit = (node: ts.Node): void => {
      if (node !== body && hasBody(node)) return;
      if (ts.isReturnStatement(node) && node.expression) {
        found.push(this.paths(node.expression, label));
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
    return union(...found);
  }

  /** For stopwatch-learn.ts: the variable `name` (may) hold the label at these paths. */
  addValue(name: ts.Node, label: Label, paths: Paths): void {
    this.add(this.values[label], name, paths);
  }

  /** For stopwatch-learn.ts: the function `name` (may) return the label at these paths. */
  addFunction(name: ts.Node, label: Label, paths: Paths): void {
    this.add(this.functions[label], name, paths);
  }

  private add(facts: Map<Key, Set<string>>, name: ts.Node, paths: Paths): void {
    if (paths.size === 0) return;
    const key = this.key(name);
    const known = facts.get(key) ?? new Set<string>();
    for (const path of paths) known.add(path);
    facts.set(key, known);
  }

  private size(): number {
    let n = 0;
    for (const label of LABELS) {
      for (const facts of [this.values[label], this.functions[label]]) {
        for (const paths of facts.values()) n += paths.size;
      }
    }
    return n;
  }

  private key(node: ts.Node): Key {
    const symbol = ts.isShorthandPropertyAssignment(node.parent)
      ? this.checker.getShorthandAssignmentValueSymbol(node.parent)
      : this.checker.getSymbolAtLocation(node);
    // An undeclared name (a snippet, a global) is still one variable per file.
    return symbol ?? `name:${node.getText()}`;
  }

  private callPaths(call: ts.CallExpression, label: Label): Paths {
    const callee = unwrap(call.expression);
    const name = dottedName(callee) ?? '';
    // `process.hrtime(since)` is the time since `since`.
    if (label === 'span' && /hrtime$/.test(name) && call.arguments.length > 0) return WHOLE;
    const found = [this.returnsOf(callee, label)];
    if (label !== 'verdict' && NUMERIC.test(name)) {
      found.push(call.arguments.some((arg) => this.is(arg, label)) ? WHOLE : NONE);
    }
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
      // A method of a labelled value gives what it holds: `new Date().getTime()`,
      // `elapsed.toFixed()`, `seen.find(…)`; but `times.length` is a count.
      const method = memberName(callee);
      if (!COUNTS.has(method ?? '')) found.push(this.paths(callee.expression, label));
      if (CALLBACK_RESULT.has(method ?? '')) {
        found.push(...call.arguments.map((arg) => this.returnsOf(arg, label)));
      }
    }
    return union(...found);
  }

  private binaryPaths(e: ts.BinaryExpression, label: Label): Paths {
    const op = e.operatorToken.kind;
    if (ORDERING.has(op)) {
      return label === 'verdict' && measures([this.side(e.left), this.side(e.right)])
        ? WHOLE
        : NONE;
    }
    if (EQUALITY.has(op)) {
      return label === 'verdict' && (this.is(e.left, label) || this.is(e.right, label))
        ? WHOLE
        : NONE;
    }
    if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.CommaToken) {
      return this.paths(e.right, label);
    }
    if (CHOICE.has(op)) return union(this.paths(e.left, label), this.paths(e.right, label));
    // Arithmetic (`+=` too) makes a new number: from a time, a span.
    if (label === 'verdict') return NONE;
    return this.is(e.left, 'time') || this.is(e.right, 'time') ? WHOLE : NONE;
  }

  private prefixPaths(e: ts.PrefixUnaryExpression, label: Label): Paths {
    if (e.operator === ts.SyntaxKind.ExclamationToken) {
      return label === 'verdict' ? whole(this.paths(e.operand, label)) : NONE;
    }
    if (label === 'verdict') return NONE;
    // `+new Date()` is still the reading; `-t` and `++t` are new numbers.
    const keeps = e.operator === ts.SyntaxKind.PlusToken;
    return this.is(e.operand, keeps ? label : 'time') ? WHOLE : NONE;
  }

  private propertyPaths(property: ts.ObjectLiteralElementLike, label: Label): Paths {
    if (ts.isPropertyAssignment(property)) {
      return under(propertyKey(property.name), this.paths(property.initializer, label));
    }
    if (ts.isShorthandPropertyAssignment(property)) {
      const held = this.values[label].get(this.key(property.name)) ?? NONE;
      return under(property.name.text, held);
    }
    if (ts.isSpreadAssignment(property)) return this.paths(property.expression, label);
    return NONE; // methods and accessors
  }
}
