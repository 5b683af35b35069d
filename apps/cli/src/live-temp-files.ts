import { rmSync } from 'node:fs'

/*
 * Temp files alive in this process (ledgers being written, spools), so the bin can remove them
 * synchronously if the process dies. A module of its own with no other import: the bin loads it before
 * any command, and `chufei --version` must not load the core for it.
 */

/** The paths; `atomic-file.ts` adds and removes its temp files here. */
export const liveTempFiles = new Set<string>()

/** Registers a scratch file (e.g. a spool) so {@link removeLiveTempFiles} cleans it up if the process dies. */
export const trackTempFile = (path: string): void => {
  liveTempFiles.add(path)
}

/** Stops tracking a scratch file once it has been removed. */
export const untrackTempFile = (path: string): void => {
  liveTempFiles.delete(path)
}

/**
 * Removes every temp file this process still has open. Synchronous, for `process.on('exit')` in the
 * bin — the last line of defence when the process is killed mid-write.
 */
export const removeLiveTempFiles = (): void => {
  for (const p of liveTempFiles) {
    try {
      rmSync(p, { force: true })
    } catch {
      // best effort while exiting
    }
  }
  liveTempFiles.clear()
}
