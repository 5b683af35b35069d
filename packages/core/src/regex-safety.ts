import { compilePackRegex } from './pack-regex'

/*
 * The early check of a pack's regular expressions, when the pack loads. Scoring cannot be frozen by a
 * pattern any more (pack-regex.ts: RE2 matches in linear time), so what is checked is what RE2 needs and
 * what keeps its linear factor small: a size bound, no lookaround and no back-references (each refused
 * with what to write instead), RE2's syntax, and a bound on the compiled program (nested counted
 * repetition such as `((a{1,9}){1,9}){1,9}` expands into one instruction per copy, and matching costs
 * the text's length times the program's size).
 *
 * recheck's ReDoS analysis is gone: the attack it detected cannot happen on RE2, it took seconds on a
 * pack of a few hundred patterns, and it refused harmless patterns.
 */

/** Longest regex source a pack may contain. */
export const MAX_REGEX_LENGTH = 500

/**
 * Largest compiled program a pack regex may have, in RE2 instructions (`programSize`). The default pack's
 * largest pattern has 130; a pattern at the bound matches a text of 10,000 characters in well under a
 * second on one core.
 */
export const MAX_REGEX_PROGRAM = 1000

/** Why a pattern was refused, as an issue code. */
export type RegexProblem = 'regex-too-long' | 'regex-lookaround' | 'regex-backreference' | 'regex-syntax' | 'regex-too-complex'

/**
 * The first construct RE2 does not have that a JavaScript pattern may use: a lookaround group or a
 * back-reference, outside character classes.
 */
export const findUnsupportedConstruct = (source: string): { problem: 'regex-lookaround' | 'regex-backreference'; construct: string } | undefined => {
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (c === '\\') {
      const next = source[i + 1] ?? ''
      if (!inClass && (/[1-9]/u.test(next) || (next === 'k' && (source[i + 2] === '<' || source[i + 2] === '{')))) {
        return { problem: 'regex-backreference', construct: next === 'k' ? /^\\k[<{][^>}]{0,20}[>}]?/u.exec(source.slice(i))![0] : `\\${next}` }
      }
      i++
    } else if (inClass) {
      if (c === ']') inClass = false
    } else if (c === '[') {
      inClass = true
      // A `]` first in a class is a literal in RE2.
      if (source[i + 1] === ']') i++
      else if (source[i + 1] === '^' && source[i + 2] === ']') i += 2
    } else if (c === '(') {
      const head = source.slice(i, i + 4)
      const construct = ['(?<=', '(?<!'].find((h) => head.startsWith(h)) ?? ['(?=', '(?!'].find((h) => head.startsWith(h))
      if (construct) return { problem: 'regex-lookaround', construct }
    }
  }
  return undefined
}

/** Checks one rule pattern; undefined when the pack may use it. */
export const checkRegex = (source: string): { problem: RegexProblem; detail: string } | undefined => {
  if (source.length > MAX_REGEX_LENGTH) return { problem: 'regex-too-long', detail: `${source.length} > ${MAX_REGEX_LENGTH}` }
  const unsupported = findUnsupportedConstruct(source)
  if (unsupported) return { problem: unsupported.problem, detail: unsupported.construct }
  let programSize: number
  try {
    programSize = compilePackRegex(source).programSize
  } catch (error) {
    return { problem: 'regex-syntax', detail: (error as Error).message.replace(/^error parsing regexp: /u, '') }
  }
  if (programSize > MAX_REGEX_PROGRAM) return { problem: 'regex-too-complex', detail: `${programSize} > ${MAX_REGEX_PROGRAM}` }
  return undefined
}
