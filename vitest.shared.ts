import { defineConfig } from 'vitest/config'

/**
 * A backstop against a hang, not a budget: the tests that run json-rules-engine on the default pack (core's
 * differential tests, the CLI's `score-engines.test.ts`) are split into groups, none of which took more than about
 * 3 minutes on a loaded 2-core machine (the whole sweep in one test had reached 20), so no slow machine reaches this, while a test that hangs fails with its name well inside CI's 90-minute
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
