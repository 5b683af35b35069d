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
}

/** A holder, optionally with a scorer (and the files it was read from) already loaded. */
export const createRulePackHolder = (initial?: Scorer, initialFiles?: RulePackFiles): RulePackHolder => {
  // One object, swapped in one assignment, so the scorer and its files never come from different packs.
  let loaded = { scorer: initial, files: initialFiles }
  return {
    current: () => loaded.scorer,
    files: () => loaded.files,
    replace: (scorer, files) => {
      loaded = { scorer, files }
    },
  }
}
