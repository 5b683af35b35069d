/*
 * Required literals of a rule's regex (正则预筛): a set of strings such that every match of the pattern
 * (flags `gu`) contains at least one of them. The compiled engine runs a `matchesRegex` condition only on
 * texts where the keyword scanner saw one of these strings, so most texts never reach the regex engine.
 *
 * The analysis is deliberately small and conservative: it understands literals, escaped syntax
 * characters, simple character classes, groups, alternation and quantifiers, and answers `undefined`
 * ("no prefilter, always run the regex") on anything else. `regex-literals.property.test.ts` checks the
 * law on random patterns and texts. Linear in the pattern; no regex is built from pack content here.
 */

/** A set of strings one of which every match contains, or undefined when nothing is known. */
type Required = readonly string[] | undefined

const SYNTAX = new Set('^$\\.*+?()[]{}|/-'.split(''))
const MAX_SET = 64

class Unknown extends Error {}

const union = (a: Required, b: Required): Required => (a && b ? [...new Set([...a, ...b])] : undefined)

/** Of two requirements that both hold, the more selective one (longer strings, then fewer). */
const better = (a: Required, b: Required): Required => {
  if (!a) return b
  if (!b) return a
  const shortest = (r: readonly string[]) => Math.min(...r.map((s) => s.length))
  return shortest(b) > shortest(a) || (shortest(b) === shortest(a) && b.length < a.length) ? b : a
}

/**
 * The literals every match of `source` contains, or undefined.
 *
 * @example requiredLiterals('月息\\d+分') // ['月息']
 */
export const requiredLiterals = (source: string): string[] | undefined => {
  let i = 0
  const peek = () => source[i]

  // One item of a sequence: a literal code unit (joined into runs) or a requirement.
  type Item = { readonly char: string } | { readonly required: Required }

  const parseAlternation = (): Required => {
    let result = parseSequence()
    while (peek() === '|') {
      i++
      result = union(result, parseSequence())
    }
    return result
  }

  const parseSequence = (): Required => {
    const items: Item[] = []
    while (i < source.length && peek() !== '|' && peek() !== ')') {
      const atom = parseAtom()
      const quantified = parseQuantifier()
      if (quantified === 'none') items.push(atom)
      else if (quantified === 'optional') items.push({ required: undefined })
      else items.push('char' in atom ? { required: [atom.char] } : atom)
    }
    let best: Required
    let run = ''
    const endRun = () => {
      if (run !== '') best = better(best, [run])
      run = ''
    }
    for (const item of items) {
      if ('char' in item) run += item.char
      else {
        endRun()
        best = better(best, item.required)
      }
    }
    endRun()
    return best
  }

  /** 'none', 'optional' (may be absent) or 'some' (at least once). */
  const parseQuantifier = (): 'none' | 'optional' | 'some' => {
    const c = peek()
    let min: number
    if (c === '*' || c === '?') {
      i++
      min = 0
    } else if (c === '+') {
      i++
      min = 1
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/u.exec(source.slice(i, i + 24))
      if (!m) throw new Unknown()
      i += m[0].length
      min = Number(m[1])
    } else return 'none'
    if (peek() === '?') i++
    return min === 0 ? 'optional' : 'some'
  }

  const parseAtom = (): Item => {
    const c = source[i]!
    if (c === '(') {
      i++
      let lookaround = false
      if (source.startsWith('?:', i)) i += 2
      else if (source.startsWith('?=', i) || source.startsWith('?!', i)) {
        i += 2
        lookaround = true
      } else if (source.startsWith('?<=', i) || source.startsWith('?<!', i)) {
        i += 3
        lookaround = true
      } else if (source.startsWith('?<', i)) {
        const close = source.indexOf('>', i)
        if (close < 0) throw new Unknown()
        i = close + 1
      } else if (c === '(' && peek() === '?') throw new Unknown()
      const inner = parseAlternation()
      if (peek() !== ')') throw new Unknown()
      i++
      return { required: lookaround ? undefined : inner }
    }
    if (c === '[') return { required: parseClass() }
    if (c === '\\') {
      const next = source[i + 1]
      if (next === undefined) throw new Unknown()
      i += 2
      if (SYNTAX.has(next)) return { char: next }
      // \d, \w, \b, \p{…}, \u…, back-references: nothing known (the atom may even be zero-width).
      if (next === 'p' || next === 'P') {
        const close = source.indexOf('}', i)
        if (source[i] !== '{' || close < 0) throw new Unknown()
        i = close + 1
      } else if (next === 'u' || next === 'x' || next === 'c' || next === 'k' || next === 'Q' || /\d/u.test(next)) throw new Unknown()
      return { required: undefined }
    }
    if (c === '.' || c === '^' || c === '$') {
      i++
      return { required: undefined }
    }
    if (c === ')' || c === ']' || c === '{' || c === '}' || c === '*' || c === '+' || c === '?') throw new Unknown()
    const code = c.charCodeAt(0)
    // A surrogate pair is one character in Unicode mode; keep it whole or give up.
    if (code >= 0xd800 && code <= 0xdfff) throw new Unknown()
    i++
    return { char: c }
  }

  /** A class of plain characters (no ranges, escapes or negation) is a small set; anything else unknown. */
  const parseClass = (): Required => {
    i++
    const negated = peek() === '^'
    if (negated) i++
    const chars = new Set<string>()
    let plain = !negated
    while (i < source.length && source[i] !== ']') {
      const c = source[i]!
      if (c === '\\') {
        const next = source[i + 1]
        if (next === undefined) throw new Unknown()
        if (next === 'u' || next === 'x' || next === 'c' || next === 'p' || next === 'P') throw new Unknown()
        i += 2
        if (SYNTAX.has(next)) chars.add(next)
        else plain = false
        continue
      }
      const code = c.charCodeAt(0)
      if (code >= 0xd800 && code <= 0xdfff) throw new Unknown()
      if (c === '-' || c === '[' || c === '^') plain = false
      else chars.add(c)
      i++
    }
    if (source[i] !== ']') throw new Unknown()
    i++
    return plain && chars.size > 0 && chars.size <= MAX_SET ? [...chars] : undefined
  }

  try {
    const required = parseAlternation()
    if (i !== source.length || !required || required.length === 0 || required.length > MAX_SET) return undefined
    return [...required]
  } catch (error) {
    if (error instanceof Unknown) return undefined
    throw error
  }
}
