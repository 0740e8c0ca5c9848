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

/**
 * Absolute asset URLs (/assets/…) in the built page: routes are real paths (/runs/<id>), so a
 * relative ./assets would resolve under the route, and the desktop policy (base-uri 'none') allows
 * no <base> element. electron-vite sets the base to './' for a build, in a 'pre' plugin; this
 * ordinary plugin's hook runs after it.
 */
function absoluteAssetBase(): Plugin {
  return {
    name: 'switchboard-absolute-asset-base',
    apply: 'build',
    config: (config) => {
      config.base = '/';
    },
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
    plugins: [react(), cspMeta(), absoluteAssetBase()],
  },
});
