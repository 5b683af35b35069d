import { defineConfig } from 'vite'

/*
 * The console is bundled at install (the root `prepare` runs `build:bin`) into dist/, which chufei-api
 * serves under /console/. Everything is in the bundle: no CDN, so it works on an intranet with no internet.
 * `source` resolves @chufei/core to its TypeScript sources, so the console does not wait for core's build.
 */
export default defineConfig({
  base: '/console/',
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline <script> or data: module preload: the page's CSP allows only files from the server.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
    // The rule editor's chunk (CodeMirror and the in-page scorer) is about 670 kB, 220 kB gzipped, loaded only
    // on that page from the intranet server: the warning's 500 kB budget is for pages on the open internet.
    chunkSizeWarningLimit: 800,
  },
})
