// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Process boundaries are enforced here, not by memory (see docs/architecture.md).
const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNode = { group: nodeModules, message: 'This side of the app must not import Node.' };
const noElectron = {
  regex: '^electron(/.*)?$',
  message: 'Only electron/main and electron/preload may import Electron.',
};
const noRenderer = {
  group: ['**/renderer/**'],
  message: 'The renderer is reached only through the bridge contract in shared/.',
};
const noHostCode = {
  group: ['**/electron/**', '**/simulator/**'],
  message: 'shared/ and renderer/ must not import host code.',
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', '.tsbuild/', 'test-results/', 'bench/results/'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noNode, noElectron, noRenderer, noHostCode] },
      ],
    },
  },
  {
    files: ['electron/hub/**'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer] }] },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', { patterns: [noNode, noElectron, noHostCode] }],
    },
  },
  {
    files: ['electron/serve/**'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer] }] },
  },
  {
    files: ['simulator/**', 'bench/**', 'scripts/**'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer] }] },
  },
  {
    files: ['tests/**'],
    ignores: ['tests/renderer/**'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron] }] },
  },
  {
    // Renderer tests run in happy-dom: browser code only, like the renderer itself.
    files: ['tests/renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: { 'no-restricted-imports': ['error', { patterns: [noNode, noElectron] }] },
  },
);
