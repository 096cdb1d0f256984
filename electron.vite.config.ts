import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { cspMetaPlugin } from './scripts/vite-csp-meta.js';

const root = import.meta.dirname;

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
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
