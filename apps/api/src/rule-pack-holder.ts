import type { RulePackFiles, Scorer } from '@chufei/core'

/**
 * Holds the scorer of the rule pack being served (当前规则包). Reloads swap it in one assignment, so
 * a request sees either the old pack or the new one, never a mix: handlers read `current()` once and
 * use that scorer for the whole request (a batch included).
 */
export interface RulePackHolder {
  /** The scorer of the last good pack; undefined until one has loaded. */
  current(): Scorer | undefined
  /** The files the current pack was read from (path → JSON text), when it was read from a folder. */
  files(): RulePackFiles | undefined
  /** Serves `scorer` (read from `files`, when known) from now on. */
  replace(scorer: Scorer, files?: RulePackFiles): void
  /**
   * Runs `fn` after every swap started before it has finished: the folder's reloads and the console's
   * publish and rollback go through here, so an older read can never replace a newer pack.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>
}

/** A holder, optionally with a scorer (and the files it was read from) already loaded. */
export const createRulePackHolder = (initial?: Scorer, initialFiles?: RulePackFiles): RulePackHolder => {
  // One object, swapped in one assignment, so the scorer and its files never come from different packs.
  let loaded = { scorer: initial, files: initialFiles }
  let queue: Promise<unknown> = Promise.resolve()
  return {
    current: () => loaded.scorer,
    files: () => loaded.files,
    replace: (scorer, files) => {
      loaded = { scorer, files }
    },
    exclusive: (fn) => {
      const next = queue.then(fn)
      queue = next.catch(() => {})
      return next
    },
  }
}
