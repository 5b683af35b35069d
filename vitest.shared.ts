import { defineConfig } from 'vitest/config'

/**
 * The vitest settings every package shares. Tests assert behaviour, not speed (DEVELOPERS.md, "Testing under
 * load"): a test's work is bounded by its input, so no test or hook has a wall-clock budget a loaded machine
 * could miss — `0` turns vitest's timeouts off. A hang is caught by the test's own event waits (each names
 * what it waited for) and, in CI, by the job's limit.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 0,
    hookTimeout: 0,
  },
})
