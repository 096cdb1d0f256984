import ts from 'typescript';
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
} from './stopwatch-paths.js';
import {
  type FunctionWithBody,
  dottedName,
  hasBody,
  isAssignment,
  memberName,
  propertyKey,
  unwrap,
} from './stopwatch-syntax.js';
import type { ClockTaint } from './stopwatch-taint.js';

/**
 * What one node of a file teaches the clock taint (stopwatch-taint.ts) in one pass: which
 * variables, parameters and fields now hold a labelled value, and which functions return one.
 */

/** Methods that store their arguments in the receiver. */
const MUTATORS = new Set(['push', 'unshift', 'splice', 'set', 'add', 'fill']);

export function learn(taint: ClockTaint, node: ts.Node): void {
  if (ts.isVariableDeclaration(node) && node.initializer) bind(taint, node.name, node.initializer);
  else if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) {
    assign(taint, node);
  } else if (hasBody(node)) learnFunction(taint, node);
  else if (ts.isCallExpression(node)) learnCall(taint, node);
  else if (
    ts.isForOfStatement(node) &&
    ts.isVariableDeclarationList(node.initializer) &&
    node.initializer.declarations[0]
  ) {
    // An element of an array is what the array holds.
    const { name } = node.initializer.declarations[0];
    for (const label of LABELS) addNames(taint, name, label, taint.paths(node.expression, label));
  }
}

function bind(taint: ClockTaint, name: ts.BindingName, init: ts.Expression): void {
  for (const label of LABELS) {
    addNames(taint, name, label, taint.paths(init, label));
    if (ts.isIdentifier(name)) taint.addFunction(name, label, taint.returnsOf(init, label));
  }
  // `const { now } = performance`
  if (
    ts.isObjectBindingPattern(name) &&
    /(?:^|\.)(?:Date|performance)$/.test(dottedName(init) ?? '')
  ) {
    for (const element of name.elements) {
      const property = element.propertyName ?? element.name;
      if (ts.isIdentifier(property) && property.text === 'now' && ts.isIdentifier(element.name)) {
        taint.addFunction(element.name, 'time', WHOLE);
      }
    }
  }
}

/** `t0 = …`, `t += …`, `run.at = …`, `[s, ns] = process.hrtime()`. */
function assign(taint: ClockTaint, node: ts.BinaryExpression): void {
  const target = unwrap(node.left);
  for (const label of LABELS) {
    if (ts.isIdentifier(target)) {
      taint.addFunction(target, label, taint.returnsOf(node.right, label));
    }
    // What the target holds now: the right side for `=`, a new number for `+=`.
    const held = taint.paths(node, label);
    if (ts.isArrayLiteralExpression(target) || ts.isObjectLiteralExpression(target)) {
      addNames(taint, target, label, held);
    } else store(taint, target, label, held);
  }
}

/** `run.at = …` labels `run` at `at`; `seen[i] = …` labels `seen` (an element is the array). */
function store(taint: ClockTaint, target: ts.Expression, label: Label, paths: Paths): void {
  let inner = unwrap(target);
  let held = paths;
  while (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
    const name = memberName(inner);
    if (name !== null) held = under(name, held);
    inner = unwrap(inner.expression);
  }
  if (ts.isIdentifier(inner)) taint.addValue(inner, label, held);
}

function learnFunction(taint: ClockTaint, fn: FunctionWithBody): void {
  for (const label of LABELS) {
    const returned = taint.returnPaths(fn, label);
    if (returned.size === 0) continue;
    const names: ts.Node[] = [];
    if (fn.name) names.push(fn.name);
    let holder: ts.Node = fn.parent;
    while (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder)) {
      holder = holder.parent;
    }
    if (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) {
      names.push(holder.name);
    }
    for (const name of names) taint.addFunction(name, label, returned);
  }
}

function learnCall(taint: ClockTaint, call: ts.CallExpression): void {
  const callee = unwrap(call.expression);
  const method = memberName(callee);
  const onMember = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee);
  for (const label of LABELS) {
    const passed = call.arguments.map((arg) => taint.paths(arg, label));
    // A value passed to a function of this file labels the parameter it lands in.
    localFunction(taint.checker, callee)?.parameters.forEach((parameter, index) => {
      const got = parameter.dotDotDotToken ? union(...passed.slice(index)) : passed[index];
      addNames(taint, parameter.name, label, got ?? NONE);
    });
    if (!onMember) continue;
    // `seen.push(Date.now())`, `run.times.push(…)`
    if (method !== null && MUTATORS.has(method)) {
      store(taint, callee.expression, label, union(...passed));
    }
    // `times.forEach((t) => …)`: the callback's element parameter.
    const receiver = COUNTS.has(method ?? '') ? NONE : taint.paths(callee.expression, label);
    if (receiver.size === 0) continue;
    const position = method === 'reduce' || method === 'reduceRight' ? 1 : 0;
    for (const arg of call.arguments) {
      const parameter = hasBody(arg) ? arg.parameters[position] : undefined;
      if (parameter) addNames(taint, parameter.name, label, receiver);
    }
  }
}

/** The function of this file a callee names, if any. */
function localFunction(checker: ts.TypeChecker, callee: ts.Expression): FunctionWithBody | null {
  if (hasBody(callee)) return callee;
  if (!ts.isIdentifier(callee)) return null;
  const declaration = checker.getSymbolAtLocation(callee)?.valueDeclaration;
  if (!declaration) return null;
  if (hasBody(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const init = unwrap(declaration.initializer);
    if (hasBody(init)) return init;
  }
  return null;
}

/**
 * The variables a binding or an assignment target names, each given its part of `paths`:
 * in `const { at: when, n } = rec` the variable `when` gets `rec.at`, and `n` gets `rec.n`.
 */
function addNames(taint: ClockTaint, name: ts.Node, label: Label, paths: Paths): void {
  if (paths.size === 0) return;
  if (ts.isIdentifier(name)) taint.addValue(name, label, paths);
  else if (ts.isObjectBindingPattern(name)) {
    for (const element of name.elements) {
      const { propertyName } = element;
      const shorthand = ts.isIdentifier(element.name) ? element.name.text : null;
      const key = propertyName ? propertyKey(propertyName) : shorthand;
      const part = element.dotDotDotToken ? paths : member(paths, key);
      addNames(taint, element.name, label, part);
    }
  } else if (ts.isArrayBindingPattern(name)) {
    for (const element of name.elements) {
      if (ts.isBindingElement(element)) addNames(taint, element.name, label, paths);
    }
  } else if (ts.isArrayLiteralExpression(name)) {
    for (const element of name.elements) {
      addNames(taint, ts.isSpreadElement(element) ? element.expression : element, label, paths);
    }
  } else if (ts.isObjectLiteralExpression(name)) {
    for (const property of name.properties) {
      if (ts.isPropertyAssignment(property)) {
        const part = member(paths, propertyKey(property.name));
        addNames(taint, property.initializer, label, part);
      } else if (ts.isShorthandPropertyAssignment(property)) {
        taint.addValue(property.name, label, member(paths, property.name.text));
      } else if (ts.isSpreadAssignment(property)) {
        addNames(taint, property.expression, label, paths);
      }
    }
  } else if (ts.isPropertyAccessExpression(name) || ts.isElementAccessExpression(name)) {
    store(taint, name, label, paths); // `[run.at] = …`
  }
}
