import type { Scorer } from '@chufei/core'

/**
 * Holds the scorer of the rule pack being served (当前规则包). Reloads swap it in one assignment, so
 * a request sees either the old pack or the new one, never a mix: handlers read `current()` once and
 * use that scorer for the whole request (a batch included).
 */
export interface RulePackHolder {
  /** The scorer of the last good pack; undefined until one has loaded. */
  current(): Scorer | undefined
  /** Serves `scorer` from now on. */
  replace(scorer: Scorer): void
}

/** A holder, optionally with a scorer already loaded. */
export const createRulePackHolder = (initial?: Scorer): RulePackHolder => {
  let scorer = initial
  return {
    current: () => scorer,
    replace: (next) => {
      scorer = next
    },
  }
}
