// @ts-check
/**
 * Ways to load a module that the boundary rule could not read as an import: `require` passed
 * around as a value (`const req = require; req('electron')`, `require.call(null, 'electron')`),
 * `createRequire(import.meta.url)('electron')`, and `require` reached through a global object.
 * The calls it can read (`globalThis.require('x')`) are checked like `require('x')`; the rest
 * are refused in every zone whose packages are listed. `typeof require` in a type loads nothing
 * and is allowed.
 */

/** @typedef {import('eslint').Rule.RuleContext} RuleContext */
/** @typedef {import('eslint').Rule.RuleListener} RuleListener */
/** @typedef {import('estree').Node} EstreeNode */
/** @typedef {import('estree').MemberExpression} MemberExpression */

/** Objects whose `require` is Node's loader (the CommonJS `module` included). */
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self', 'module']);

/**
 * `a.b` and `a['b']` → `b`; null for a computed name.
 * @param {MemberExpression} member
 */
function propertyName(member) {
  const { property } = member;
  if (!member.computed && property.type === 'Identifier') return property.name;
  if (member.computed && property.type === 'Literal' && typeof property.value === 'string') {
    return property.value;
  }
  return null;
}

/**
 * `globalThis.require`, `global['require']`, `module.require`, `process.getBuiltinModule`.
 * @param {EstreeNode} node
 */
function isLoaderMember(node) {
  if (node.type !== 'MemberExpression' || node.object.type !== 'Identifier') return false;
  const name = propertyName(node);
  if (node.object.name === 'process') return name === 'getBuiltinModule';
  return name === 'require' && GLOBAL_OBJECTS.has(node.object.name);
}

/**
 * A callee that loads the module named by its first argument: `require` or a loader member.
 * @param {EstreeNode} callee
 */
export function isRequireCallee(callee) {
  return (callee.type === 'Identifier' && callee.name === 'require') || isLoaderMember(callee);
}

/**
 * @param {EstreeNode} node
 * @returns {boolean}
 */
function isCalledDirectly(node) {
  const parent = /** @type {EstreeNode & { parent?: EstreeNode }} */ (node).parent;
  return parent?.type === 'CallExpression' && parent.callee === node;
}

/**
 * Is this name inside `typeof …` in a type (`type R = typeof require`)? A type query reads
 * the name's type at compile time and loads nothing, so it is no use of `require` as a value.
 * @param {EstreeNode} node
 */
function isInTypeQuery(node) {
  // TypeScript's node types (TSTypeQuery, TSQualifiedName) are not in estree's union.
  /** @typedef {{ type: string, parent?: Ancestor }} Ancestor */
  for (let at = /** @type {Ancestor} */ (node).parent; at; at = at.parent) {
    if (at.type === 'TSTypeQuery') return true;
  }
  return false;
}

/**
 * The listeners that refuse a require the rule cannot read.
 * @param {RuleContext} context
 * @param {string} zoneName
 * @returns {RuleListener}
 */
export function hiddenRequireVisitors(context, zoneName) {
  const asValue = `${zoneName} may not use require as a value (renamed, passed on or called indirectly): what it loads cannot be checked; call require('…') with a string, or import`;
  const createRequire = `${zoneName} may not use createRequire: a require made at run time loads modules that cannot be checked; import the module instead`;
  /** @param {EstreeNode} node @param {string} message */
  const report = (node, message) => context.report({ node, message });

  return {
    ImportSpecifier(node) {
      const { imported } = node;
      const name = imported.type === 'Identifier' ? imported.name : imported.value;
      if (name === 'createRequire') report(node, createRequire);
    },
    // `module.createRequire`, `(await import('node:module')).createRequire`
    MemberExpression(node) {
      if (propertyName(node) === 'createRequire') report(node, createRequire);
      else if (isLoaderMember(node) && !isCalledDirectly(node)) report(node, asValue);
    },
    // `const { createRequire } = await import('node:module')`
    Property(node) {
      const parent = /** @type {EstreeNode & { parent?: EstreeNode }} */ (node).parent;
      const key = node.key.type === 'Identifier' ? node.key.name : null;
      if (parent?.type === 'ObjectPattern' && key === 'createRequire') report(node, createRequire);
    },
    // Every read of the global `require` that is not a direct call `require('…')`.
    'Program:exit'() {
      for (const scope of context.sourceCode.scopeManager.scopes) {
        for (const reference of scope.references) {
          const { identifier } = reference;
          if (identifier.type !== 'Identifier' || identifier.name !== 'require') continue;
          if ('isValueReference' in reference && reference.isValueReference === false) continue;
          if ((reference.resolved?.defs.length ?? 0) > 0) continue; // a local named require
          if (isInTypeQuery(identifier)) continue;
          if (!isCalledDirectly(identifier)) report(identifier, asValue);
        }
      }
    },
  };
}
