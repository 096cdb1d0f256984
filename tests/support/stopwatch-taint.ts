import ts from 'typescript';
import {
  EQUALITY,
  type FunctionWithBody,
  ORDERING,
  dottedName,
  hasBody,
  isAssignment,
  memberName,
  rootIdentifier,
  unwrap,
} from './stopwatch-syntax.js';

/**
 * Which values in one file derive from the wall clock, found by a fixpoint over the syntax tree
 * (the TypeScript checker tells variables apart, so a `start` taken from a FakeClock in one test
 * is not the `start` taken from `Date.now()` in another).
 *
 * Two labels:
 * - `time`: a reading of the wall clock (`Date.now()`, `performance.now()`, `process.hrtime()`,
 *   `process.hrtime.bigint()`, `new Date()`) or anything computed from one: arithmetic, a
 *   variable it is stored in (also later, by assignment or `push`), a property of such a value, a
 *   method called on it, `Math.*`/`Number()`, a parameter it is passed to, and the result of a
 *   function that returns one (`timed()`).
 * - `verdict`: a comparison (`<`, `<=`, `>`, `>=`) with a `time` side, and what is computed from
 *   it (`const fast = elapsed < 2000`).
 * An injected clock (`clock.now()`) is not a source: it is the way tests should read time.
 */
export type Label = 'time' | 'verdict';
const LABELS: readonly Label[] = ['time', 'verdict'];

type Key = ts.Symbol | string;

const CLOCK_CALL = /(?:^|\.)(?:Date\.now|performance\.now|process\.hrtime(?:\.bigint)?)$/;
const DATE = /(?:^|\.)Date$/;
const NUMERIC = /^(?:Math\.\w+|Number|Number\.\w+|BigInt|parseInt|parseFloat|Date\.parse)$/;
/** Counts, not times: `times.length` is not a duration. */
const COUNTS = new Set(['length', 'size']);
/** Methods that store their arguments in the receiver. */
const MUTATORS = new Set(['push', 'unshift', 'splice', 'set', 'add', 'fill']);

export class ClockTaint {
  private readonly values: Record<Label, Set<Key>> = { time: new Set(), verdict: new Set() };
  private readonly functions: Record<Label, Set<Key>> = { time: new Set(), verdict: new Set() };

  constructor(
    private readonly checker: ts.TypeChecker,
    source: ts.SourceFile,
  ) {
    // Each pass can only add; stop when one adds nothing.
    for (let size = -1; size !== this.size();) {
      size = this.size();
      const visit = (node: ts.Node): void => {
        this.learn(node);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }

  /** Does this expression carry the label? */
  is(node: ts.Expression, label: Label): boolean {
    const e = unwrap(node);
    if (ts.isIdentifier(e)) return this.values[label].has(this.key(e));
    if (ts.isCallExpression(e)) return this.callIs(e, label);
    if (ts.isNewExpression(e)) {
      if (label !== 'time' || !DATE.test(dottedName(e.expression) ?? '')) return false;
      return !e.arguments?.length || e.arguments.some((arg) => this.is(arg, 'time'));
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      return !COUNTS.has(memberName(e) ?? '') && this.is(e.expression, label);
    }
    if (ts.isBinaryExpression(e)) return this.binaryIs(e, label);
    if (ts.isPrefixUnaryExpression(e)) {
      const negation = e.operator === ts.SyntaxKind.ExclamationToken;
      return negation === (label === 'verdict') && this.is(e.operand, label);
    }
    if (ts.isPostfixUnaryExpression(e)) return this.is(e.operand, label);
    if (ts.isConditionalExpression(e)) {
      return this.is(e.whenTrue, label) || this.is(e.whenFalse, label);
    }
    if (ts.isArrayLiteralExpression(e)) {
      return e.elements.some((el) => this.is(ts.isSpreadElement(el) ? el.expression : el, label));
    }
    if (ts.isObjectLiteralExpression(e)) return e.properties.some((p) => this.propertyIs(p, label));
    return false;
  }

  /** Is this expression a function whose result carries the label (`Date.now`, `timed`)? */
  isFunction(node: ts.Expression, label: Label): boolean {
    const e = unwrap(node);
    if (label === 'time' && CLOCK_CALL.test(dottedName(e) ?? '')) return true;
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return this.returns(e, label);
    if (ts.isIdentifier(e)) return this.functions[label].has(this.key(e));
    if (ts.isPropertyAccessExpression(e)) {
      // A method of this file (`helpers.timed()`), known only through the checker's symbol.
      const method = this.checker.getSymbolAtLocation(e.name);
      if (method && this.functions[label].has(method)) return true;
    }
    // `performance.now.bind(performance)`
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
      return e.expression.name.text === 'bind' && this.isFunction(e.expression.expression, label);
    }
    return false;
  }

  private size(): number {
    return LABELS.reduce((n, l) => n + this.values[l].size + this.functions[l].size, 0);
  }

  /** A variable: its symbol, or its name when it is declared nowhere in the file. */
  private key(node: ts.Node): Key {
    const symbol = ts.isShorthandPropertyAssignment(node.parent)
      ? this.checker.getShorthandAssignmentValueSymbol(node.parent)
      : this.checker.getSymbolAtLocation(node);
    // An undeclared name (a snippet, a global) is still one variable per file.
    return symbol ?? `name:${node.getText()}`;
  }

  private callIs(call: ts.CallExpression, label: Label): boolean {
    const callee = unwrap(call.expression);
    if (this.isFunction(callee, label)) return true;
    const member = memberName(callee);
    if (
      (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) &&
      !COUNTS.has(member ?? '') &&
      this.is(callee.expression, label)
    ) {
      return true; // `new Date().getTime()`, `elapsed.toFixed()`
    }
    const numeric = label === 'time' && NUMERIC.test(dottedName(callee) ?? '');
    return numeric && call.arguments.some((arg) => this.is(arg, 'time'));
  }

  private binaryIs(e: ts.BinaryExpression, label: Label): boolean {
    const op = e.operatorToken.kind;
    if (ORDERING.has(op)) {
      return label === 'verdict' && (this.is(e.left, 'time') || this.is(e.right, 'time'));
    }
    if (EQUALITY.has(op)) {
      return label === 'verdict' && (this.is(e.left, label) || this.is(e.right, label));
    }
    if (isAssignment(op) || op === ts.SyntaxKind.CommaToken) return this.is(e.right, label);
    return this.is(e.left, label) || this.is(e.right, label);
  }

  private propertyIs(property: ts.ObjectLiteralElementLike, label: Label): boolean {
    if (ts.isPropertyAssignment(property)) return this.is(property.initializer, label);
    if (ts.isShorthandPropertyAssignment(property)) {
      return this.values[label].has(this.key(property.name));
    }
    if (ts.isSpreadAssignment(property)) return this.is(property.expression, label);
    return false;
  }

  /** Does some `return` of this function (not of one nested in it) carry the label? */
  private returns(fn: FunctionWithBody, label: Label): boolean {
    const { body } = fn;
    if (!body) return false;
    if (!ts.isBlock(body)) return this.is(body, label);
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found || (node !== body && hasBody(node))) return;
      if (ts.isReturnStatement(node) && node.expression && this.is(node.expression, label)) {
        found = true;
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
    return found;
  }

  /** One pass's facts from one node. */
  private learn(node: ts.Node): void {
    if (ts.isVariableDeclaration(node) && node.initializer) this.bind(node.name, node.initializer);
    else if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) {
      this.assign(node.left, node.right);
    } else if (hasBody(node)) this.learnFunction(node);
    else if (ts.isCallExpression(node)) this.learnCall(node);
    else if (
      ts.isForOfStatement(node) &&
      ts.isVariableDeclarationList(node.initializer) &&
      node.initializer.declarations[0]
    ) {
      for (const label of LABELS) {
        if (this.is(node.expression, label)) {
          this.addNames(node.initializer.declarations[0].name, label);
        }
      }
    }
  }

  private bind(name: ts.BindingName, init: ts.Expression): void {
    for (const label of LABELS) {
      if (this.is(init, label)) this.addNames(name, label);
      if (ts.isIdentifier(name) && this.isFunction(init, label)) {
        this.functions[label].add(this.key(name));
      }
    }
    // `const { now } = performance`
    if (
      ts.isObjectBindingPattern(name) &&
      /(?:^|\.)(?:Date|performance)$/.test(dottedName(init) ?? '')
    ) {
      for (const element of name.elements) {
        const property = element.propertyName ?? element.name;
        if (ts.isIdentifier(property) && property.text === 'now' && ts.isIdentifier(element.name)) {
          this.functions.time.add(this.key(element.name));
        }
      }
    }
  }

  private assign(left: ts.Expression, right: ts.Expression): void {
    const target = unwrap(left);
    for (const label of LABELS) {
      if (ts.isIdentifier(target) && this.isFunction(right, label)) {
        this.functions[label].add(this.key(target));
      }
      if (!this.is(right, label)) continue;
      if (ts.isArrayLiteralExpression(target) || ts.isObjectLiteralExpression(target)) {
        this.addNames(target, label); // `[s, ns] = process.hrtime()`
      } else {
        const root = rootIdentifier(target); // `t0 = …`, `seen[i] = …`, `run.at = …`
        if (root) this.values[label].add(this.key(root));
      }
    }
  }

  private learnFunction(fn: FunctionWithBody): void {
    for (const label of LABELS) {
      if (!this.returns(fn, label)) continue;
      const names: ts.Node[] = [];
      if (fn.name) names.push(fn.name);
      let holder: ts.Node = fn.parent;
      while (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder)) {
        holder = holder.parent;
      }
      if (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) {
        names.push(holder.name);
      }
      for (const name of names) this.functions[label].add(this.key(name));
    }
  }

  private learnCall(call: ts.CallExpression): void {
    const callee = unwrap(call.expression);
    const member = memberName(callee);
    for (const label of LABELS) {
      const tainted = call.arguments.map((arg) => this.is(arg, label));
      // A value passed to a function of this file taints the parameter it lands in.
      const target = this.localFunction(callee);
      target?.parameters.forEach((parameter, index) => {
        const passed = parameter.dotDotDotToken ? tainted.slice(index) : [tainted[index]];
        if (passed.includes(true)) this.addNames(parameter.name, label);
      });
      if (member !== null && MUTATORS.has(member) && tainted.includes(true)) {
        const root = ts.isPropertyAccessExpression(callee)
          ? rootIdentifier(callee.expression)
          : null;
        if (root) this.values[label].add(this.key(root));
      }
      // `times.forEach((t) => …)`: the callback's element parameter.
      const onTainted =
        (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) &&
        !COUNTS.has(member ?? '') &&
        this.is(callee.expression, label);
      if (!onTainted) continue;
      const position = member === 'reduce' || member === 'reduceRight' ? 1 : 0;
      for (const arg of call.arguments) {
        const parameter = hasBody(arg) ? arg.parameters[position] : undefined;
        if (parameter) this.addNames(parameter.name, label);
      }
    }
  }

  /** The function of this file a callee names, if any. */
  private localFunction(callee: ts.Expression): FunctionWithBody | null {
    if (hasBody(callee)) return callee;
    if (!ts.isIdentifier(callee)) return null;
    const declaration = this.checker.getSymbolAtLocation(callee)?.valueDeclaration;
    if (!declaration) return null;
    if (hasBody(declaration)) return declaration;
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const init = unwrap(declaration.initializer);
      if (hasBody(init)) return init;
    }
    return null;
  }

  private addNames(name: ts.Node, label: Label): void {
    if (ts.isIdentifier(name) || ts.isShorthandPropertyAssignment(name)) {
      this.values[label].add(this.key(ts.isIdentifier(name) ? name : name.name));
      return;
    }
    ts.forEachChild(name, (child) => {
      // In `{ at: when }` the variable is `when`; the property name `at` binds nothing.
      if (ts.isBindingElement(child)) this.addNames(child.name, label);
      else if (ts.isPropertyAssignment(child)) this.addNames(child.initializer, label);
      else if (ts.isSpreadElement(child) || ts.isSpreadAssignment(child)) {
        this.addNames(child.expression, label);
      } else if (
        ts.isIdentifier(child) ||
        ts.isShorthandPropertyAssignment(child) ||
        ts.isArrayLiteralExpression(child) ||
        ts.isObjectLiteralExpression(child) ||
        ts.isArrayBindingPattern(child) ||
        ts.isObjectBindingPattern(child)
      ) {
        this.addNames(child, label);
      }
    });
  }
}
