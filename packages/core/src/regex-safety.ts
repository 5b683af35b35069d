import { checkSync } from 'recheck'

/*
 * Rule packs may carry regular expressions, and a catastrophic one (`(a+)+$`) would hang scoring on a
 * crafted description. Every pattern is checked when the pack loads: a size bound, a syntax check, and
 * recheck's ReDoS analysis (pure JavaScript in browsers). Only patterns recheck proves safe are accepted.
 */

/** Longest regex source a pack may contain. */
export const MAX_REGEX_LENGTH = 500

/** Why a pattern was refused, as an issue code. */
export type RegexProblem = 'regex-too-long' | 'regex-syntax' | 'regex-catastrophic' | 'regex-unchecked'

/** Checks one rule pattern; undefined when it is safe to run on untrusted text. */
export const checkRegex = (source: string, flags = 'u'): { problem: RegexProblem; detail: string } | undefined => {
  if (source.length > MAX_REGEX_LENGTH) return { problem: 'regex-too-long', detail: `${source.length} > ${MAX_REGEX_LENGTH}` }
  try {
    new RegExp(source, flags)
  } catch (error) {
    return { problem: 'regex-syntax', detail: (error as Error).message }
  }
  const diagnostics = checkSync(source, flags, { timeout: 5_000 })
  if (diagnostics.status === 'safe') return undefined
  if (diagnostics.status === 'vulnerable') {
    return { problem: 'regex-catastrophic', detail: `${diagnostics.complexity.type}${diagnostics.attack ? `; attack: ${JSON.stringify(diagnostics.attack.string.slice(0, 40))}` : ''}` }
  }
  return { problem: 'regex-unchecked', detail: diagnostics.error.kind }
}
