// @ts-check
/**
 * What each part of the project may import: the one table the `noc/import-boundaries` lint
 * rule enforces and `npm run docs:imports` writes into docs/architecture.md.
 *
 * It is an allowlist: an import that no row allows is an error, and so is a file that lies in
 * no zone (a new folder must be added here first).
 *
 * Paths are relative to the project root, with `/` separators. A path ending in `/` is a folder
 * and everything under it; any other path is one module, written without its extension.
 *
 * Package specifiers are judged as written, so one that could walk out of its package
 * (`electron/../socket.io`: a `.`, `..` or empty segment) is refused everywhere. Where packages
 * are listed (not 'any'), a `require` the rule cannot read is refused too: `require` passed
 * around as a value, and `createRequire`.
 */

/**
 * @typedef {object} ImportZone
 * @property {string} name How the zone is named in messages and in the docs.
 * @property {readonly string[]} paths The folders (and root files) the zone covers.
 * @property {string} runsIn Where its code runs, for the docs.
 * @property {boolean} node Whether Node's built-in modules may be imported.
 * @property {readonly PackageEntry[] | 'any'} packages Packages it may import, or 'any'.
 * @property {readonly string[]} [forbiddenPackages] Packages denied even when packages is 'any'.
 * @property {readonly string[] | 'any'} folders Project folders and modules it may import.
 * @property {readonly string[]} [typeOnlyFolders] Allowed for `import type` / `export type` only
 *   (erased from the output, so nothing of them reaches the bundle).
 */

/**
 * A package name (the package and every subpath of it), or a package with the exact specifiers
 * allowed (any other subpath of it is refused).
 * @typedef {string | { readonly package: string; readonly only: readonly string[] }} PackageEntry
 */

/**
 * @typedef {object} LazyImport
 * @property {string} target The module (project path without extension).
 * @property {readonly string[]} from The files that may load it, each with its extension.
 * @property {string} why For the docs.
 */

/**
 * @typedef {object} RestrictedImport
 * @property {string} target The module (project path without extension).
 * @property {readonly string[]} from The folders (ending in `/`) or files that may import it.
 * @property {string} why For the docs.
 */

/** @type {readonly ImportZone[]} */
export const IMPORT_ZONES = [
  {
    name: 'shared/',
    paths: ['shared/'],
    runsIn: 'every side: hub, simulator, renderer, preload types',
    node: false,
    packages: ['zod', 'temporal-polyfill'],
    folders: ['shared/'],
  },
  {
    name: 'renderer/',
    paths: ['renderer/'],
    runsIn: 'the page (browser or Electron window)',
    node: false,
    packages: [
      'react',
      'react-dom',
      'zustand',
      'recharts',
      'socket.io-client',
      // The site view's device table renders only the rows in view (50,000-device sites).
      '@tanstack/react-virtual',
    ],
    folders: ['renderer/', 'shared/'],
  },
  {
    name: 'electron/preload/',
    paths: ['electron/preload/'],
    runsIn: 'the sandboxed preload',
    node: false,
    // Electron's renderer-side API only (contextBridge, ipcRenderer); `electron/main` and
    // `electron/common` are not for the preload.
    packages: [{ package: 'electron', only: ['electron', 'electron/renderer'] }],
    folders: ['electron/preload/', 'shared/bridge/channels'],
    typeOnlyFolders: ['shared/'],
  },
  {
    name: 'electron/hub/',
    paths: ['electron/hub/'],
    runsIn: 'plain Node (inside Electron main or serve)',
    node: true,
    // rrule-temporal: maintenance recurrences are expanded in the hub alone (180 KB the page
    // would otherwise parse at every load).
    packages: [
      'date-holidays',
      'kysely',
      'rrule-temporal',
      'socket.io-client',
      'temporal-polyfill',
      'yaml',
      'zod',
    ],
    folders: ['electron/hub/', 'shared/'],
  },
  {
    name: 'electron/serve/',
    paths: ['electron/serve/'],
    runsIn: 'plain Node',
    node: true,
    packages: ['socket.io', 'prom-client', 'zod'],
    folders: ['electron/serve/', 'electron/hub/', 'shared/'],
  },
  {
    name: 'electron/main/',
    paths: ['electron/main/'],
    runsIn: 'Electron main',
    node: true,
    packages: ['electron', 'zod'],
    folders: ['electron/main/', 'electron/hub/', 'shared/'],
  },
  {
    name: 'simulator/',
    paths: ['simulator/'],
    runsIn: 'plain Node',
    node: true,
    packages: ['socket.io', 'yaml', 'zod'],
    folders: ['simulator/', 'shared/'],
  },
  {
    name: 'tests/renderer/',
    paths: ['tests/renderer/'],
    runsIn: 'vitest in happy-dom',
    node: false,
    packages: [
      'react',
      'react-dom',
      'zustand',
      'recharts',
      'socket.io-client',
      'vitest',
      '@testing-library/react',
    ],
    // The fake clock imports only shared/'s Clock type, so it runs in a page as well as in Node.
    folders: ['tests/renderer/', 'renderer/', 'shared/', 'tests/support/fake-clock'],
  },
  {
    name: 'tests/, bench/, scripts/',
    paths: ['tests/', 'bench/', 'scripts/'],
    runsIn: 'Node (vitest, tsx)',
    node: true,
    packages: 'any',
    forbiddenPackages: ['electron'],
    folders: 'any',
  },
  {
    name: 'eslint/ and root configs',
    paths: ['eslint/', 'eslint.config.js', 'electron.vite.config.ts', 'vitest.config.ts'],
    runsIn: 'Node (build tools)',
    node: true,
    packages: 'any',
    folders: 'any',
  },
];

/**
 * Imports no zone allows, permitted only to the named files and only as a dynamic `import()`,
 * so the module becomes a chunk of its own that is loaded when it is used.
 * @type {readonly LazyImport[]}
 */
export const LAZY_IMPORTS = [
  {
    target: 'simulator/demo-fleet',
    from: ['electron/main/index.ts', 'electron/serve/cli.ts'],
    why: 'the hosts choose the demo fleet; the hub core never imports the simulator',
  },
];

/**
 * Modules inside a folder a zone may import that only some of its importers may take: the zone
 * table allows the folder, this list narrows it, for any kind of import.
 * @type {readonly RestrictedImport[]}
 */
export const RESTRICTED_IMPORTS = [
  {
    target: 'shared/schemas-without-eval',
    from: ['renderer/src/schema-config.ts'],
    why: "it turns zod's compiled parsers off for the whole process: right for the board's page, whose policy forbids eval; anywhere else it would make the hub slower",
  },
  {
    target: 'renderer/src/schema-config',
    from: ['renderer/src/main.tsx'],
    why: "importing it turns zod's compiled parsers off for the whole process; only the page's entry may, before any schema is built",
  },
];
