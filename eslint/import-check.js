// @ts-check
import { isBuiltin } from 'node:module';
import { posix } from 'node:path';
import { IMPORT_ZONES, LAZY_IMPORTS, RESTRICTED_IMPORTS } from './import-rules.js';

/**
 * Judges one import against the table in import-rules.js. Pure (paths in, message out), so the
 * lint rule stays a thin walker over the syntax tree.
 */

/** @typedef {import('./import-rules.js').ImportZone} ImportZone */

/**
 * How the import is written: `static` (import/export … from, require), `type` (`import type`,
 * `export type`, erased from the output) or `dynamic` (`import()`, loaded when called).
 * @typedef {'static' | 'type' | 'dynamic'} ImportKind
 */

const SOURCE_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;

/**
 * Does a table path cover this project path? A folder (ending in `/`) covers everything under
 * it; a module path covers the module with any source extension.
 * @param {string} entry
 * @param {string} target A project path with its extension.
 */
function covers(entry, target) {
  if (entry.endsWith('/')) return target.startsWith(entry);
  return target.replace(SOURCE_EXTENSION, '') === entry || target === entry;
}

/**
 * The zone a file belongs to: the row with the longest path covering it (tests/renderer/ wins
 * over tests/).
 * @param {string} file Project-relative, `/` separators.
 * @returns {ImportZone | undefined}
 */
export function zoneOf(file) {
  let best;
  let bestLength = -1;
  for (const zone of IMPORT_ZONES) {
    for (const path of zone.paths) {
      if (covers(path, file) && path.length > bestLength) {
        best = zone;
        bestLength = path.length;
      }
    }
  }
  return best;
}

/**
 * The package a bare specifier names: `react-dom/client` → `react-dom`, `@a/b/c` → `@a/b`.
 * @param {string} specifier
 */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** @param {import('./import-rules.js').PackageEntry} entry */
const entryPackage = (entry) => (typeof entry === 'string' ? entry : entry.package);

/**
 * Does a bare specifier have a segment that a resolver would walk (`electron/../socket.io`,
 * `zod//x`, `zod/%2e%2e/yaml`)? Such a specifier names one package and loads another.
 * @param {string} specifier
 */
function hasWalkingSegment(specifier) {
  return specifier
    .replace(/%2e/gi, '.')
    .split('/')
    .some((segment) => segment === '' || segment === '.' || segment === '..');
}

/** @param {string} specifier */
const isRelative = (specifier) =>
  specifier === '.' ||
  specifier === '..' ||
  specifier.startsWith('./') ||
  specifier.startsWith('../');

/**
 * @param {readonly string[] | 'any'} list
 * @param {string} target
 */
function listCovers(list, target) {
  return list === 'any' || list.some((entry) => covers(entry, target));
}

/**
 * @param {readonly string[] | 'any'} list
 * @param {string} noun
 */
function describeList(list, noun) {
  if (list === 'any') return `any ${noun}`;
  return list.length === 0 ? `no ${noun}` : `${noun}: ${list.join(', ')}`;
}

/**
 * A package row as the messages and the docs write it: `electron (only electron,
 * electron/renderer)`.
 * @param {import('./import-rules.js').PackageEntry} entry
 */
export function describePackageEntry(entry) {
  return typeof entry === 'string' ? entry : `${entry.package} (only ${entry.only.join(', ')})`;
}

/**
 * @param {ImportZone} zone
 * @param {string} specifier
 * @param {ImportKind} kind
 * @returns {string | null}
 */
function checkPackage(zone, specifier, kind) {
  if (isBuiltin(specifier)) {
    return zone.node
      ? null
      : `${zone.name} may not import "${specifier}": it runs where Node built-ins do not exist (${zone.runsIn})`;
  }
  const name = packageName(specifier);
  const typeHint = kind === 'type' ? ' (type imports included)' : '';
  if (zone.packages === 'any') {
    if (!(zone.forbiddenPackages?.includes(name) ?? false)) return null;
    return `${zone.name} may not import the package "${specifier}"${typeHint}; allowed any packages except ${name}`;
  }
  const entry = zone.packages.find((candidate) => entryPackage(candidate) === name);
  if (typeof entry === 'string') return null;
  if (entry?.only.includes(specifier)) return null;
  if (entry) {
    return `${zone.name} may import "${name}" only as ${entry.only.map((only) => `"${only}"`).join(', ')}, not "${specifier}"${typeHint}`;
  }
  return `${zone.name} may not import the package "${specifier}"${typeHint}; allowed ${describeList(zone.packages.map(describePackageEntry), 'packages')}`;
}

/**
 * @param {ImportZone} zone
 * @param {string} file
 * @param {string} specifier
 * @param {ImportKind} kind
 * @returns {string | null}
 */
function checkProjectPath(zone, file, specifier, kind) {
  const target = posix.normalize(posix.join(posix.dirname(file), specifier));
  if (target.startsWith('../') || target === '..') {
    return `${zone.name} may not import "${specifier}": it resolves outside the project`;
  }
  const restricted = RESTRICTED_IMPORTS.find((rule) => covers(rule.target, target));
  if (restricted && !listCovers(restricted.from, file)) {
    return `${zone.name} may not import "${specifier}" (${target}): only ${restricted.from.join(', ')} may (${restricted.why})`;
  }
  if (listCovers(zone.folders, target)) return null;
  const lazy = LAZY_IMPORTS.find((rule) => covers(rule.target, target));
  if (lazy?.from.includes(file)) {
    if (kind === 'dynamic') return null;
    return `${zone.name} may import "${specifier}" (${target}) only lazily, with import(), so it stays out of the bundle until used`;
  }
  if (kind === 'type' && listCovers(zone.typeOnlyFolders ?? [], target)) return null;
  const typeOnly = zone.typeOnlyFolders?.length
    ? `; with "import type" only: ${zone.typeOnlyFolders.join(', ')}`
    : '';
  return `${zone.name} may not import "${specifier}" (${target}); allowed ${describeList(zone.folders, 'folders')}${typeOnly}`;
}

/**
 * The lint message for an import the table does not allow, or null when it is allowed.
 * @param {string} file The importing file, project-relative with `/` separators.
 * @param {string} rawSpecifier As written in the source.
 * @param {ImportKind} kind
 * @returns {string | null}
 */
export function checkImport(file, rawSpecifier, kind) {
  const zone = zoneOf(file);
  if (!zone) {
    return `No import zone covers ${file}: add its folder to eslint/import-rules.js`;
  }
  if (rawSpecifier.startsWith('#')) {
    return `${zone.name} may not import "${rawSpecifier}": package.json "imports" aliases are not in the import table; import by relative path or package name`;
  }
  const specifier = rawSpecifier.replace(/[?#].*$/, ''); // Vite's `?raw`, `?url` suffixes
  if (specifier.includes('\\')) {
    return `${zone.name} may not import "${specifier}": write paths with / separators`;
  }
  if (specifier.startsWith('/')) {
    return `${zone.name} may not import "${specifier}": import project files by relative path`;
  }
  if (isRelative(specifier)) return checkProjectPath(zone, file, specifier, kind);
  if (hasWalkingSegment(specifier)) {
    return `${zone.name} may not import "${specifier}": a package specifier with a ".", ".." or empty segment can load a different package than it names; write the package name and its subpath only`;
  }
  return checkPackage(zone, specifier, kind);
}

const GLOB_SYNTAX = /[*?[\]{}()!]/;

/**
 * The lint message for a Vite `import.meta.glob` pattern the table does not allow, or null. The
 * pattern is judged by the folder its literal part reaches: everything under that folder could
 * match, so the whole folder must be allowed (a pattern without wildcards is one module).
 * Negative patterns (`!…`) only narrow a match and are not judged.
 * @param {string} file The importing file, project-relative with `/` separators.
 * @param {string} pattern As written in the source.
 * @returns {string | null}
 */
export function checkImportGlob(file, pattern) {
  const zone = zoneOf(file);
  if (!zone) {
    return `No import zone covers ${file}: add its folder to eslint/import-rules.js`;
  }
  if (pattern.startsWith('!')) return null;
  if (!isRelative(pattern)) {
    return `${zone.name} may not glob "${pattern}": write import.meta.glob patterns relative to the file (./ or ../) so the folders they reach can be checked`;
  }
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((segment) => GLOB_SYNTAX.test(segment));
  if (firstGlob < 0) return checkImport(file, pattern, 'static');
  if (segments.slice(firstGlob).some((segment) => segment === '.' || segment === '..')) {
    return `${zone.name} may not glob "${pattern}": "." or ".." after a wildcard reaches folders that cannot be checked`;
  }
  const folder = `${posix.normalize(posix.join(posix.dirname(file), ...segments.slice(0, firstGlob)))}/`;
  if (folder.startsWith('../')) {
    return `${zone.name} may not glob "${pattern}": it reaches outside the project`;
  }
  // A restricted module under the folder could match: only its own importers may glob there.
  const restricted = RESTRICTED_IMPORTS.find(
    (rule) => (folder === './' || rule.target.startsWith(folder)) && !listCovers(rule.from, file),
  );
  if (restricted) {
    return `${zone.name} may not glob "${pattern}": it can match ${restricted.target}, which only ${restricted.from.join(', ')} may import (${restricted.why})`;
  }
  if (
    zone.folders === 'any' ||
    zone.folders.some((entry) => entry.endsWith('/') && folder.startsWith(entry))
  ) {
    return null;
  }
  return `${zone.name} may not glob "${pattern}": it can match anything under ${folder === './' ? 'the project root' : folder}; allowed ${describeList(zone.folders, 'folders')}`;
}
