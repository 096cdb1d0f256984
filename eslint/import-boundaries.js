// @ts-check
import { relative, resolve, sep } from 'node:path';
import { checkImport, checkImportGlob, zoneOf } from './import-check.js';
import { hiddenRequireVisitors, isRequireCallee } from './hidden-require.js';

/**
 * `noc/import-boundaries`: every import, re-export, `import x = require()`, `import()`,
 * `require()` and Vite `import.meta.glob()` is checked against the per-folder allowlist in
 * import-rules.js (see docs/architecture.md).
 */

/** @typedef {import('./import-check.js').ImportKind} ImportKind */
/** @typedef {import('eslint').Rule.RuleModule} RuleModule */
/** @typedef {import('eslint').Rule.Node} RuleNode */

const ROOT = resolve(import.meta.dirname, '..');

/**
 * The string a module reference spells, or null when it is computed at run time.
 * @param {unknown} node
 * @returns {string | null}
 */
function literalPath(node) {
  if (typeof node !== 'object' || node === null || !('type' in node)) return null;
  if (node.type === 'Literal' && 'value' in node && typeof node.value === 'string') {
    return node.value;
  }
  if (node.type === 'TemplateLiteral' && 'expressions' in node && 'quasis' in node) {
    const { expressions, quasis } =
      /** @type {{ expressions: unknown[]; quasis: { value: { cooked: string } }[] }} */ (node);
    if (expressions.length === 0) return quasis[0]?.value.cooked ?? null;
  }
  return null;
}

/**
 * Is this callee Vite's `import.meta.glob` (or the old `globEager`)?
 * @param {import('estree').Node} callee
 */
function isImportMetaGlob(callee) {
  return (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'MetaProperty' &&
    callee.object.meta.name === 'import' &&
    callee.object.property.name === 'meta' &&
    callee.property.type === 'Identifier' &&
    (callee.property.name === 'glob' || callee.property.name === 'globEager')
  );
}

/** @type {RuleModule} */
export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Each folder imports only what its runtime allows (eslint/import-rules.js).',
    },
    schema: [],
  },
  create(context) {
    const file = relative(ROOT, context.filename).split(sep).join('/');
    if (file.startsWith('..')) return {}; // not part of this project
    const zone = zoneOf(file);
    if (!zone) {
      const message = `No import zone covers ${file}: add its folder to eslint/import-rules.js`;
      return {
        Program(node) {
          context.report({ node, message });
        },
      };
    }
    const computed = `${zone.name} has an import with a computed path, which cannot be checked; write the path as a string`;

    /**
     * @param {RuleNode} node
     * @param {unknown} source
     * @param {ImportKind} kind
     */
    const check = (node, source, kind) => {
      const specifier = literalPath(source);
      const message = specifier === null ? computed : checkImport(file, specifier, kind);
      if (message !== null) context.report({ node, message });
    };
    /**
     * Each literal pattern of `import.meta.glob(pattern | pattern[])`.
     * @param {RuleNode} node
     * @param {unknown} argument
     */
    const checkGlob = (node, argument) => {
      const patterns =
        typeof argument === 'object' && argument !== null && 'elements' in argument
          ? /** @type {unknown[]} */ (argument.elements)
          : [argument];
      for (const pattern of patterns) {
        const text = literalPath(pattern);
        const message = text === null ? computed : checkImportGlob(file, text);
        if (message !== null) context.report({ node, message });
      }
    };
    /** @param {unknown} node */
    const typeOnly = (node) =>
      typeof node === 'object' &&
      node !== null &&
      (('importKind' in node && node.importKind === 'type') ||
        ('exportKind' in node && node.exportKind === 'type'));

    return {
      // Only a declaration-level `import type` / `export type` is erased; with
      // verbatimModuleSyntax, `import { type X }` still loads the module.
      ImportDeclaration(node) {
        check(node, node.source, typeOnly(node) ? 'type' : 'static');
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source, typeOnly(node) ? 'type' : 'static');
      },
      ExportAllDeclaration(node) {
        check(node, node.source, typeOnly(node) ? 'type' : 'static');
      },
      ImportExpression(node) {
        check(node, node.source, 'dynamic');
      },
      // `typeof import('x')` in a type: erased like `import type`. typescript-eslint 8 names the
      // string `source`; `argument` (a literal type around it) is its deprecated older name.
      TSImportType(/** @type {RuleNode} */ node) {
        const source =
          'source' in node && node.source ? node.source : 'argument' in node ? node.argument : null;
        const literal =
          source && typeof source === 'object' && 'literal' in source ? source.literal : source;
        check(node, literal, 'type');
      },
      // `import fs = require('fs')` (`import type x = require()` is erased).
      TSImportEqualsDeclaration(/** @type {RuleNode} */ node) {
        const reference = 'moduleReference' in node ? node.moduleReference : null;
        if (
          reference &&
          typeof reference === 'object' &&
          'type' in reference &&
          reference.type === 'TSExternalModuleReference' &&
          'expression' in reference
        ) {
          check(node, reference.expression, typeOnly(node) ? 'type' : 'static');
        }
      },
      CallExpression(node) {
        const { callee } = node;
        if (isRequireCallee(callee)) check(node, node.arguments[0], 'static');
        else if (isImportMetaGlob(callee)) {
          checkGlob(node, node.arguments[0]);
          // Vite resolves the patterns against `base`, which would move them past the check.
          if (globOptionsMayMove(node.arguments[1])) {
            context.report({
              node,
              message: `${zone.name} may not give import.meta.glob a \`base\` (or options the rule cannot read): write the pattern relative to the file, so the folders it reaches can be checked`,
            });
          }
        }
      },
      // Where packages are listed, a require the rule cannot read is itself refused.
      ...(zone.packages === 'any' ? {} : hiddenRequireVisitors(context, zone.name)),
    };
  },
};

/**
 * Whether import.meta.glob's options could move its patterns: a `base` key, a spread or computed
 * key, or options that are not an object literal. No options, or a literal without them, cannot.
 * @param {unknown} options
 */
function globOptionsMayMove(options) {
  if (options === undefined) return false;
  if (typeof options !== 'object' || options === null || !('type' in options)) return true;
  if (options.type !== 'ObjectExpression' || !('properties' in options)) return true;
  return /** @type {unknown[]} */ (options.properties).some((property) => {
    if (typeof property !== 'object' || property === null || !('type' in property)) return true;
    if (property.type !== 'Property' || !('key' in property) || !('computed' in property)) {
      return true;
    }
    if (property.computed) return true;
    const key = /** @type {{ type?: string; name?: string; value?: unknown }} */ (property.key);
    const name = key.type === 'Identifier' ? key.name : key.value;
    return name === 'base';
  });
}

/** The project's own lint plugin. */
export const nocPlugin = {
  meta: { name: 'noc' },
  rules: { 'import-boundaries': importBoundaries },
};
