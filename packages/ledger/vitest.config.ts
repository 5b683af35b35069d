import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Tests assert behaviour, not speed: every test's work is bounded, so a timeout is only a backstop
    // against a hang, generous enough that a loaded 2-core machine never hits it (DEVELOPERS.md).
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
})
