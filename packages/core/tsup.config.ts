import { defineConfig } from 'tsup'

// `build:bin` (the root prepare, run by `npm ci`) builds only what the bins import: ESM without type
// declarations, which take most of the build time (typecheck and tests read the sources). `build` is full.
const full = process.env.npm_lifecycle_event !== 'build:bin'

export default defineConfig({
  entry: { index: 'src/index.ts', 'analyst/index': 'src/analyst/index.ts', 'node/index': 'src/node/index.ts' },
  format: full ? ['esm', 'cjs'] : ['esm'],
  dts: full,
  sourcemap: true,
  clean: true,
  // `import.meta.url` (worker file paths) must not reach the CJS build as syntax: `require()` would fail.
  shims: true,
  // One copy of each module across the entries (`.`, `./analyst`, `./node`), in CJS as in ESM: a class
  // such as ChufeiError must be the same class whichever entry a caller imported it from.
  splitting: true,
  target: 'node20',
  platform: 'neutral',
})
