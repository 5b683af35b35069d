import { RE2JS } from 're2js'

/*
 * The regular expressions of a rule pack (规则包正则) run on RE2 (re2js, a pure-JavaScript port): matching
 * takes time linear in the text whatever the pattern, so a crafted pattern such as `((a{1,5}){1,5}){1,5}$`
 * cannot freeze the scorer — the attack is impossible rather than detected. The price is RE2's syntax:
 * no lookaround (`(?=` `(?!` `(?<=` `(?<!`) and no back-references (`\1`); regex-safety.ts refuses them
 * with a message saying what to write instead.
 *
 * Where a match is, for the negation check (否定表述): the start of the pattern's first capturing group
 * when that group took part in the match, else the start of the match. So context that RE2 cannot look
 * behind for is written as a non-capturing prefix and the words themselves as the group:
 * `(?:^|[^招投开评竞])(标会)` is 标会 not preceded by 招/投/开/评/竞, negated when 标会 is.
 *
 * Both engines (json-rules-engine's operators and the compiled fast path) use these objects, so they
 * agree on every match.
 */

/** A rule pattern compiled for the linear-time engine. */
export interface PackRegex {
  readonly source: string
  /** RE2's approximate cost of the pattern (instructions of its program). */
  readonly programSize: number
  /** Whether the pattern matches anywhere in `text`. */
  test(text: string): boolean
  /**
   * Whether `accept` takes the position of some match: matches are tried left to right, each search
   * starting where the previous match ended (as a global JavaScript regex does), until one is accepted.
   */
  someMatch(text: string, accept: (index: number) => boolean): boolean
}

const HEX = /^[0-9a-fA-F]{4}$/

/**
 * JavaScript's `\uXXXX` and `\u{…}` escapes written as RE2's `\x{…}` (people copy `[\u4e00-\u9fa5]` from
 * everywhere); everything else is passed to RE2 as written, so its errors name what the analyst wrote.
 */
const toRe2Syntax = (source: string): string => {
  if (!source.includes('\\u')) return source
  let out = ''
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (c !== '\\') {
      out += c
      continue
    }
    const next = source[i + 1]
    if (next === 'u' && HEX.test(source.slice(i + 2, i + 6))) {
      out += `\\x{${source.slice(i + 2, i + 6)}}`
      i += 5
    } else if (next === 'u' && source[i + 2] === '{') {
      out += '\\x'
      i += 1
    } else {
      out += c + (next ?? '')
      i += 1
    }
  }
  return out
}

const compile = (source: string): PackRegex => {
  const re = RE2JS.compile(toRe2Syntax(source))
  const grouped = re.groupCount() > 0
  // The compiled engine tests a text and then runs the operator, which tests it again: remember the last answer.
  let lastText: string | undefined
  let lastResult = false
  const test = (text: string): boolean => {
    if (text !== lastText) {
      lastResult = re.test(text)
      lastText = text
    }
    return lastResult
  }
  return {
    source,
    programSize: re.programSize(),
    test,
    someMatch(text, accept) {
      // The lazy DFA answers "no match at all" without positions; most texts stop here.
      if (!test(text)) return false
      const m = re.matcher(text)
      while (m.find()) {
        const group = grouped ? m.start(1) : -1
        if (accept(group >= 0 ? group : m.start())) return true
      }
      return false
    },
  }
}

/** Compiled patterns by source: packs repeat patterns and both engines compile each one. Bounded. */
const cache = new Map<string, PackRegex>()
const MAX_CACHED = 1024

/**
 * Compiles a rule pattern (cached by source).
 *
 * @throws the engine's syntax error (an `Error`) when RE2 cannot compile it — lookaround and
 * back-references included; pack validation reports these as located issues before any rule runs
 */
export const compilePackRegex = (source: string): PackRegex => {
  let regex = cache.get(source)
  if (!regex) {
    regex = compile(source)
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string)
    cache.set(source, regex)
  }
  return regex
}
