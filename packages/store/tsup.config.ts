import { defineConfig } from 'tsup'

// `build:bin` (the root prepare, run by `npm ci`) builds only what the bins import: ESM without type
// declarations, which take most of the build time (typecheck and tests read the sources). `build` is full.
const full = process.env.npm_lifecycle_event !== 'build:bin'

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: full ? ['esm', 'cjs'] : ['esm'],
  dts: full,
  sourcemap: true,
  clean: true,
  // `import.meta.url` (the scoring worker's file) must not reach the CJS build as syntax: `require()` would fail.
  shims: true,
  target: 'node20',
  platform: 'node',
})
