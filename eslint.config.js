// @ts-check
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { nocPlugin } from './eslint/import-boundaries.js';

// Process boundaries are enforced here, not by memory: every folder's imports are checked
// against the allowlist in eslint/import-rules.js (the table in docs/architecture.md).

/** Browser code: the renderer and its tests, which run in happy-dom. */
const browserCode = ['renderer/**', 'tests/renderer/**'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      '.tsbuild/',
      'test-results/',
      'bench/results/',
      // Source text the boundary test lints as if it lived elsewhere; never code on its own.
      'tests/lint-fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { noc: nocPlugin },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'noc/import-boundaries': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // shared/ runs everywhere: neither Node's nor the browser's globals.
    files: ['shared/**'],
    languageOptions: { globals: {} },
  },
  {
    files: ['electron/**', 'simulator/**', 'bench/**', 'scripts/**', 'tests/**'],
    ignores: ['electron/preload/**', 'tests/renderer/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: browserCode,
    extends: [reactHooks.configs.flat.recommended, jsxA11y.flatConfigs.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      // The recommended options, plus `group` on a canvas: a wall tile's canvas holds the grid's
      // text (its problem devices) as fallback content, which an `img` would hide.
      'jsx-a11y/no-interactive-element-to-noninteractive-role': [
        'error',
        { tr: ['none', 'presentation'], canvas: ['img', 'group'] },
      ],
    },
  },
);
