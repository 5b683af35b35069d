import { defineConfig } from 'tsup'

// `build:bin` (the root prepare, run by `npm ci`) builds only what the bins import: ESM without type
// declarations, which take most of the build time (typecheck and tests read the sources). `build` is full.
const full = process.env.npm_lifecycle_event !== 'build:bin'

export default defineConfig({
  // svg-chart: the charts alone, for the web console's bundle (the index pulls in the workbook writers).
  entry: { index: 'src/index.ts', 'svg-chart': 'src/svg-chart.ts' },
  format: full ? ['esm', 'cjs'] : ['esm'],
  dts: full,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
})
