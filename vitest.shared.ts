import { defineConfig } from 'vitest/config'

/**
 * A backstop against a hang, not a budget: the slowest test (the CLI's golden output through json-rules-engine,
 * `score-engines.test.ts`) takes some 9 minutes on a loaded 2-core machine, and the default pack's differential
 * tests are split so that none takes more than about 5,
 * so no slow machine reaches this, while a test that hangs fails with its name well inside CI's 90-minute
 * limit instead of using it all up — which would land nothing and name nothing (stop 19: a browser test spun
 * at 100% CPU until the job was killed).
 */
const BACKSTOP_MS = 25 * 60_000

/**
 * The vitest settings every package shares. Tests assert behaviour, not speed (DEVELOPERS.md, "Testing under
 * load"): a test's work is bounded by its input, so no test or hook has a wall-clock budget a loaded machine
 * could miss — only the backstop above. A hang is caught by the test's own event waits (each names what it
 * waited for) or, failing that, by the backstop.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: BACKSTOP_MS,
    hookTimeout: BACKSTOP_MS,
  },
})
