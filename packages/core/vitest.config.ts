import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared'

/*
 * The differential tests run json-rules-engine (the reference) over the default pack: on a fixture lead it
 * clones a shared condition some 76,000 times (840,000 objects), kept until the run ends, and about half its
 * time is the garbage collector's. Larger semi-spaces let more of it die young: about 10% less CPU a lead with
 * 64 MiB (docs/performance.md). Only the test workers' heap sizing; nothing a test asserts depends on it.
 */
export default mergeConfig(sharedConfig, defineConfig({ test: { execArgv: ['--max-semi-space-size=64'] } }))
