import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { cspMetaPlugin } from './scripts/vite-csp-meta.js';

const root = import.meta.dirname;

/** The packages every view needs at startup, by chunk (the rest is the board's own code). */
const STARTUP_CHUNKS = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  { name: 'temporal', test: /node_modules[\\/]temporal-polyfill[\\/]/ },
  {
    name: 'vendor',
    test: /node_modules[\\/](zod|socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io|@tanstack|zustand)[\\/]/,
  },
];

export default defineConfig({
  main: {
    build: {
      rolldownOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be a single CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), cspMetaPlugin()],
    build: {
      // Wall TVs load this over the network in serve mode: ship it small (NOC_RENDERER_MINIFY=0
      // keeps names, for a profile).
      minify: process.env.NOC_RENDERER_MINIFY !== '0',
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
        output: {
          // The page's code in four files rather than one, fetched at once (modulepreload): the
          // browser compiles each on a thread of its own, so a cold load waits for the largest
          // rather than for all of it in a row. On a 2-core machine busy with other work, 80 to
          // 176 ms sooner to the first rows; quiet, no difference (docs/performance.md). Recharts
          // stays in the chunk loaded when a chart is shown.
          codeSplitting: { groups: STARTUP_CHUNKS },
        },
      },
    },
  },
});
