// @ts-check
import { relative, resolve, sep } from 'node:path';
import { checkImport, zoneOf } from './import-check.js';

/**
 * `noc/import-boundaries`: every import, re-export, `import()` and `require()` is checked
 * against the per-folder allowlist in import-rules.js (see docs/architecture.md).
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

    /**
     * @param {RuleNode} node
     * @param {unknown} source
     * @param {ImportKind} kind
     */
    const check = (node, source, kind) => {
      const specifier = literalPath(source);
      const message =
        specifier === null
          ? `${zone.name} has an import with a computed path, which cannot be checked; write the path as a string`
          : checkImport(file, specifier, kind);
      if (message !== null) context.report({ node, message });
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
      // `typeof import('x')` in a type: erased like `import type`.
      TSImportType(/** @type {RuleNode} */ node) {
        const argument = 'argument' in node ? node.argument : null;
        const literal =
          argument && typeof argument === 'object' && 'literal' in argument
            ? argument.literal
            : argument;
        check(node, literal, 'type');
      },
      CallExpression(node) {
        const { callee } = node;
        if (callee.type === 'Identifier' && callee.name === 'require') {
          check(node, node.arguments[0], 'static');
        }
      },
    };
  },
};

/** The project's own lint plugin. */
export const nocPlugin = {
  meta: { name: 'noc' },
  rules: { 'import-boundaries': importBoundaries },
};
