// Build of the three Electron parts; the main build also emits serve.js, the headless server, and
// engine-host.js, the engine host process the app forks.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { PANEL_META_CSP } from './src/shared/panel-csp';

/** The policy as a meta tag in the built page only: the dev server's hot reload needs an inline script. */
function cspMeta(): Plugin {
  return {
    name: 'switchboard-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: PANEL_META_CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          serve: resolve(import.meta.dirname, 'src/main/server/serve.ts'),
          'engine-host': resolve(import.meta.dirname, 'src/main/host/host-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot load ES modules: one CommonJS file (index.cjs).
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
    plugins: [react(), cspMeta()],
  },
});
