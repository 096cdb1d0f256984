import ts from 'typescript';

/** The few facts about TypeScript syntax the stopwatch scan needs (stopwatch-taint.ts). */

/** Operators whose result is a yes/no about their operands, not a time. */
export const ORDERING = new Set([
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);
export const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.InstanceOfKeyword,
  ts.SyntaxKind.InKeyword,
]);

export const isAssignment = (kind: ts.SyntaxKind) =>
  kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;

export type FunctionWithBody =
  ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

export const hasBody = (node: ts.Node): node is FunctionWithBody =>
  ts.isFunctionDeclaration(node) ||
  ts.isFunctionExpression(node) ||
  ts.isArrowFunction(node) ||
  ts.isMethodDeclaration(node);

/** Wrappers that change neither the value nor where it came from. */
export function unwrap(node: ts.Expression): ts.Expression {
  let inner = node;
  while (
    ts.isParenthesizedExpression(inner) ||
    ts.isAsExpression(inner) ||
    ts.isSatisfiesExpression(inner) ||
    ts.isNonNullExpression(inner) ||
    ts.isTypeAssertionExpression(inner) ||
    ts.isAwaitExpression(inner)
  ) {
    inner = inner.expression;
  }
  return inner;
}

/** `a.b.c` for a chain of names, else null. */
export function dottedName(node: ts.Expression): string | null {
  const inner = unwrap(node);
  if (ts.isIdentifier(inner)) return inner.text;
  if (ts.isPropertyAccessExpression(inner)) {
    const left = dottedName(inner.expression);
    return left === null ? null : `${left}.${inner.name.text}`;
  }
  return null;
}

/** `a.b` → `b`, `a['b']` → `b`. */
export function memberName(node: ts.Expression): string | null {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    return node.argumentExpression.text;
  }
  return null;
}

/** `at`, `'at'`, `['at']` → `at`; null for a key only known at run time (`[key]`). */
export function propertyKey(name: ts.PropertyName): string | null {
  if (ts.isComputedPropertyName(name)) {
    const { expression } = name;
    return ts.isStringLiteralLike(expression) || ts.isNumericLiteral(expression)
      ? expression.text
      : null;
  }
  const named =
    ts.isIdentifier(name) ||
    ts.isPrivateIdentifier(name) ||
    ts.isStringLiteralLike(name) ||
    ts.isNumericLiteral(name);
  return named ? name.text : null;
}

/**
 * A number written in the test, or one added to a value: `2000`, `-1`, `2 * 1000`, `BUDGET_MS`
 * (a `const` of one), `t + 2000`. Beside a clock reading, such a number is a duration.
 */
export function isDuration(checker: ts.TypeChecker, node: ts.Expression, hops = 0): boolean {
  const e = unwrap(node);
  if (ts.isNumericLiteral(e) || ts.isBigIntLiteral(e)) return true;
  if (ts.isPrefixUnaryExpression(e)) return isDuration(checker, e.operand, hops);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const left = isDuration(checker, e.left, hops);
    const right = isDuration(checker, e.right, hops);
    const adds = op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.MinusToken;
    return adds ? left || right : left && right;
  }
  // `const a = b; const b = a` (a snippet need not compile) must not loop.
  if (!ts.isIdentifier(e) || hops > 4) return false;
  const declaration = checker.getSymbolAtLocation(e)?.valueDeclaration;
  return (
    declaration !== undefined &&
    ts.isVariableDeclaration(declaration) &&
    ts.isVariableDeclarationList(declaration.parent) &&
    (declaration.parent.flags & ts.NodeFlags.Const) !== 0 &&
    declaration.initializer !== undefined &&
    isDuration(checker, declaration.initializer, hops + 1)
  );
}
