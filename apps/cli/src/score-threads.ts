import { availableParallelism } from 'node:os'

/** `--threads`: a number of worker threads (0 = score in the main thread) or `auto`. */
export type ThreadsOption = number | 'auto'

/** Below this input size `auto` never starts workers: starting them costs more than they save. */
export const AUTO_POOL_MIN_BYTES = 8 * 1024 * 1024

/**
 * The worker threads a run uses. A number is taken as given. `auto` uses workers only where they were
 * measured to pay (see docs/performance.md): a large input on a machine with cores to spare besides the
 * one reading the sheet — on two cores the structured clone of each lead and result costs about as much
 * as scoring it, so the main thread scores alone.
 */
export const chooseThreads = (
  option: ThreadsOption,
  context: { inputBytes: number | null; cores?: number },
): number => {
  if (option !== 'auto') return option
  const cores = context.cores ?? availableParallelism()
  if (cores < 3 || context.inputBytes === null || context.inputBytes < AUTO_POOL_MIN_BYTES) return 0
  return Math.min(cores - 1, 8)
}
