// @ts-check
import { format, resolveConfig } from 'prettier';
import { IMPORT_ZONES, LAZY_IMPORTS, RESTRICTED_IMPORTS } from './import-rules.js';

/**
 * The import rules as the Markdown table in docs/architecture.md, written from the same table
 * the lint rule enforces, so the doc cannot drift from the rule (a unit test compares them).
 */

export const TABLE_START =
  '<!-- import-rules:start: written by `npm run docs:imports` from eslint/import-rules.js -->';
export const TABLE_END = '<!-- import-rules:end -->';

/** @param {readonly string[]} items */
const code = (items) => items.map((item) => `\`${item}\``).join(', ');

/** @param {import('./import-rules.js').ImportZone} zone */
function packagesCell(zone) {
  const node = zone.node ? ['Node built-ins'] : [];
  if (zone.packages === 'any') {
    const except = zone.forbiddenPackages?.length ? ` but ${code(zone.forbiddenPackages)}` : '';
    return [...node, `any package${except}`].join(', ');
  }
  const packages = zone.packages.map((entry) =>
    typeof entry === 'string'
      ? code([entry])
      : `${code([entry.package])} (exactly ${code(entry.only)})`,
  );
  return [...node, ...packages].join(', ') || 'none';
}

/** @param {import('./import-rules.js').ImportZone} zone */
function foldersCell(zone) {
  const folders = zone.folders === 'any' ? 'any' : code(zone.folders);
  const typeOnly = zone.typeOnlyFolders?.length
    ? `; \`import type\` only: ${code(zone.typeOnlyFolders)}`
    : '';
  return `${folders}${typeOnly}`;
}

/** The table and its notes, before Prettier aligns the columns. */
export function importTableMarkdown() {
  const rows = IMPORT_ZONES.map(
    (zone) =>
      `| ${code(zone.paths)} | ${zone.runsIn} | ${packagesCell(zone)} | ${foldersCell(zone)} |`,
  );
  const lazy = LAZY_IMPORTS.map(
    (rule) =>
      `- \`${rule.target}\` only from ${code(rule.from)}, only as a dynamic \`import()\`: ${rule.why}.`,
  );
  const restricted = RESTRICTED_IMPORTS.map(
    (rule) => `- \`${rule.target}\` only from ${code(rule.from)}: ${rule.why}.`,
  );
  return [
    '| folder | runs in | may import packages | may import project folders |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    'Allowed only lazily (a chunk of its own, loaded when used):',
    '',
    ...lazy,
    '',
    'Allowed only to some of the folders that may import its folder:',
    '',
    ...restricted,
    '',
  ].join('\n');
}

/**
 * The table as it appears in the doc (trimmed), formatted with the project's Prettier settings so the
 * doc also passes `prettier --check`.
 * @param {string} docFile The Markdown file it goes into (for Prettier's config lookup).
 */
export async function formattedImportTable(docFile) {
  const config = (await resolveConfig(docFile)) ?? {};
  const table = await format(importTableMarkdown(), { ...config, parser: 'markdown' });
  return table.trim();
}

/**
 * The text between the markers, trimmed, or null when the doc has none.
 * @param {string} doc
 */
export function currentImportTable(doc) {
  const from = doc.indexOf(TABLE_START);
  const to = doc.indexOf(TABLE_END);
  if (from < 0 || to < from) return null;
  return doc.slice(from + TABLE_START.length, to).trim();
}

/**
 * The doc with the table between the markers replaced.
 * @param {string} doc
 * @param {string} table
 */
export function withImportTable(doc, table) {
  const from = doc.indexOf(TABLE_START);
  const to = doc.indexOf(TABLE_END);
  if (from < 0 || to < from) {
    throw new Error(`the doc has no "${TABLE_START}" … "${TABLE_END}" markers to write between`);
  }
  // Blank lines around the table, as Prettier writes them.
  return `${doc.slice(0, from + TABLE_START.length)}\n\n${table.trim()}\n\n${doc.slice(to)}`;
}
