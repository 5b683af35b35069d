/*
 * Required literals of a rule's regex (正则预筛): sets of strings such that every match of the pattern
 * (flags `gu`) contains one string of each set. The compiled engine runs a `matchesRegex` condition only on
 * texts where the keyword scanner saw a string of every set, so most texts never reach the regex engine.
 * Adjacent items are joined (`存(?:进|入)` needs 存进 or 存入, not just 存), and a pattern of several parts
 * needs each part (`(?:每月|每年)…(?:利息|分红)`), also across alternation branches (one set per choice of
 * a set from each branch, their union): on the bench’s sweep this took RE2 from 1.26 texts a lead to 0.11.
 *
 * The analysis is deliberately small and conservative: it understands literals, escaped syntax
 * characters, simple character classes and short ranges, groups, alternation and quantifiers, and answers
 * `undefined` ("no prefilter, always run the regex") on anything else. `regex-literals.property.test.ts`
 * checks the law on random patterns and texts. Linear in the pattern, the sets bounded; no regex is built
 * from pack content here.
 */

/** A set of strings one of which every match contains, or undefined when nothing is known. */
type Required = readonly string[] | undefined

/**
 * What is known of one item of a pattern: `required` as above; `exact`, every match is one of these
 * strings; `pre` / `suf`, every match starts / ends with one of these. Strings are never empty. Adjacent
 * items combine: `存(?:进|入)` requires 存进 or 存入, where each item alone requires only a single character.
 */
interface Known {
  readonly required: Required
  /** Requirements that all hold (`required` is the most selective of them); absent: just `required`. */
  readonly all?: readonly (readonly string[])[]
  readonly exact?: readonly string[]
  readonly pre?: readonly string[]
  readonly suf?: readonly string[]
}

const SYNTAX = new Set('^$\\.*+?()[]{}|/-'.split(''))
const MAX_SET = 64
const NOTHING: Known = { required: undefined }

class Unknown extends Error {}

const union = (a: Required, b: Required): Required => (a && b ? [...new Set([...a, ...b])] : undefined)

/** Every string of `a` followed by every string of `b`, or undefined when that is more than MAX_SET. */
const cross = (a: readonly string[], b: readonly string[]): string[] | undefined =>
  a.length * b.length > MAX_SET ? undefined : [...new Set(a.flatMap((x) => b.map((y) => x + y)))]

const bounded = (r: Required): Required => (r && r.length <= MAX_SET ? r : undefined)
const preOf = (k: Known): Required => k.exact ?? k.pre
const sufOf = (k: Known): Required => k.exact ?? k.suf

/** Of two requirements that both hold, the more selective one (longer strings, then fewer). */
const better = (a: Required, b: Required): Required => {
  if (!a) return b
  if (!b) return a
  const shortest = (r: readonly string[]) => Math.min(...r.map((s) => s.length))
  return shortest(b) > shortest(a) || (shortest(b) === shortest(a) && b.length < a.length) ? b : a
}

/**
 * What a sequence of items is known to hold. Runs of exact items are joined (their cross product), and a
 * run is extended by the prefixes of the item after it; every run so formed, and every item's own
 * requirement, is a requirement of the sequence, of which the most selective is kept.
 */
const sequenceOf = (items: readonly Known[]): Known => {
  if (items.length === 0) return NOTHING
  const all: (readonly string[])[] = []
  const hold = (r: Required) => {
    if (r && r.length > 0 && r.length <= MAX_SET) all.push(r)
  }
  // Every match of the items so far ends with one of `run` (undefined: nothing known).
  let run: Required
  for (const item of items) {
    if (item.exact) {
      const joined = run ? cross(run, item.exact) : item.exact
      if (!joined) hold(run)
      run = joined ?? item.exact
      continue
    }
    if (run) hold((item.pre && cross(run, item.pre)) || run)
    for (const r of item.all ?? [item.required]) hold(r)
    run = item.suf
  }
  hold(run)
  const best = all.reduce<Required>(better, undefined)
  // The sequence's own ends: the leading (trailing) exact run joined, else the first (last) item's end.
  const edge = (ordered: readonly Known[], join: (a: readonly string[], b: readonly string[]) => string[] | undefined, end: (k: Known) => Required): Required => {
    let acc: Required = end(ordered[0]!)
    for (let k = 1; k < ordered.length && ordered[k - 1]!.exact && acc; k++) {
      const next = ordered[k]!.exact ?? end(ordered[k]!)
      if (!next) break
      const joined = join(acc, next)
      if (!joined) break
      acc = joined
    }
    return acc
  }
  const exact = items.every((k) => k.exact) ? items.reduce<Required>((acc, k) => acc && cross(acc, k.exact!), ['']) : undefined
  return {
    required: best,
    all,
    ...(exact && exact.every((x) => x.length > 0) ? { exact } : {}),
    pre: edge(items, cross, preOf),
    suf: edge([...items].reverse(), (a, b) => cross(b, a), sufOf),
  }
}

/** Unions of one requirement from each branch taken, at most this many (else only `required` is kept). */
const MAX_PRODUCT = 16

/**
 * What an alternation is known to hold: what every branch holds. A match holds all requirements of its
 * branch, so for any choice of one requirement per branch, their union holds: (A ∧ B) ∨ (C ∧ D) gives
 * A ∪ C, A ∪ D, B ∪ C and B ∪ D.
 */
const alternationOf = (branches: readonly Known[]): Known => {
  const all = (f: (k: Known) => Required): Required => bounded(branches.reduce<Required>((acc, k) => union(acc, f(k)), []))
  const exact = branches.every((k) => k.exact) ? all((k) => k.exact) : undefined
  const required = all((k) => k.required)
  let product: (readonly string[])[] | undefined = [[]]
  for (const k of branches) {
    const sets = k.all ?? (k.required ? [k.required] : [])
    product = product.flatMap((p) => sets.map((set) => union(p, set)!))
    if (product.length === 0 || product.length > MAX_PRODUCT) {
      product = undefined
      break
    }
  }
  const unions = product?.filter((set) => set.length <= MAX_SET)
  return { required, ...(unions ? { all: unions } : {}), ...(exact ? { exact } : {}), pre: all(preOf), suf: all(sufOf) }
}

/** Orders requirements most selective first, as {@link better} chooses. */
const bySelectivity = (a: readonly string[], b: readonly string[]): number => (better(a, b) === a ? (better(b, a) === b ? 0 : -1) : 1)

/** What is known of `source` as a whole, and of each branch of its top-level alternation; undefined when not understood. */
const analyse = (source: string): (Known & { readonly branches: readonly Known[] }) | undefined => {
  let i = 0
  const peek = () => source[i]
  let top: Known[] | undefined

  const parseAlternation = (): Known => {
    const branches = [parseSequence()]
    while (peek() === '|') {
      i++
      branches.push(parseSequence())
    }
    // The outermost alternation is parsed last: its branches are what a match of the whole pattern is one of.
    top = branches
    return branches.length === 1 ? branches[0]! : alternationOf(branches)
  }

  const parseSequence = (): Known => {
    const items: Known[] = []
    while (i < source.length && peek() !== '|' && peek() !== ')') {
      const atom = parseAtom()
      const quantified = parseQuantifier()
      if (quantified === 'none') items.push(atom)
      else if (quantified === 'optional') items.push(NOTHING)
      // At least once: the first repetition starts the match of the item, the last one ends it.
      else items.push({ required: atom.required, ...(atom.all ? { all: atom.all } : {}), pre: preOf(atom), suf: sufOf(atom) })
    }
    return sequenceOf(items)
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

  const parseAtom = (): Known => {
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
      return lookaround ? NOTHING : inner
    }
    if (c === '[') {
      const chars = parseClass()
      return chars ? { required: chars, exact: chars } : NOTHING
    }
    if (c === '\\') {
      const next = source[i + 1]
      if (next === undefined) throw new Unknown()
      i += 2
      if (SYNTAX.has(next)) return { required: [next], exact: [next] }
      // \d, \w, \b, \p{…}, \u…, back-references: nothing known (the atom may even be zero-width).
      if (next === 'p' || next === 'P') {
        const close = source.indexOf('}', i)
        if (source[i] !== '{' || close < 0) throw new Unknown()
        i = close + 1
      } else if (next === 'u' || next === 'x' || next === 'c' || next === 'k' || next === 'Q' || /\d/u.test(next)) throw new Unknown()
      return NOTHING
    }
    if (c === '.' || c === '^' || c === '$') {
      i++
      return NOTHING
    }
    if (c === ')' || c === ']' || c === '{' || c === '}' || c === '*' || c === '+' || c === '?') throw new Unknown()
    const code = c.charCodeAt(0)
    // A surrogate pair is one character in Unicode mode; keep it whole or give up.
    if (code >= 0xd800 && code <= 0xdfff) throw new Unknown()
    i++
    return { required: [c], exact: [c] }
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
      const to = source[i + 2]
      if (c !== '-' && c !== '[' && c !== '^' && source[i + 1] === '-' && to !== undefined && to !== ']' && to !== '\\' && to !== '[') {
        // A range of plain characters (a-z): its characters, when there are few.
        const last = to.charCodeAt(0)
        if (last >= 0xd800 && last <= 0xdfff) throw new Unknown()
        if (last < code || last - code >= MAX_SET) plain = false
        else for (let u = code; u <= last; u++) chars.add(String.fromCharCode(u))
        i += 3
        continue
      }
      if (c === '-' || c === '[' || c === '^') plain = false
      else chars.add(c)
      i++
    }
    if (source[i] !== ']') throw new Unknown()
    i++
    return plain && chars.size > 0 && chars.size <= MAX_SET ? [...chars] : undefined
  }

  try {
    const known = parseAlternation()
    return i === source.length ? { ...known, branches: top! } : undefined
  } catch (error) {
    if (error instanceof Unknown) return undefined
    throw error
  }
}

/**
 * The literals every match of `source` contains, or undefined.
 *
 * @example requiredLiterals('月息\\d+分') // ['月息']
 * @example requiredLiterals('存(?:进|入)') // ['存进', '存入']
 */
export const requiredLiterals = (source: string): string[] | undefined => {
  const required = analyse(source)?.required
  return required && required.length > 0 && required.length <= MAX_SET ? [...required] : undefined
}

/** How many literal sets {@link requiredLiteralSets} gives at most. */
export const MAX_LITERAL_SETS = 4

/**
 * Several sets of literals such that every match of `source` contains one literal of EACH set, the most
 * selective set first (it is {@link requiredLiterals}); at most {@link MAX_LITERAL_SETS}. Undefined when
 * nothing is known. `(?:每月|每年)[^。]{0,4}(?:利息|分红)` gives both groups: a text must hold a word of each.
 *
 * @example requiredLiteralSets('(?:每月|每年)\\d+(?:利息|分红)') // [['每月', '每年'], ['利息', '分红']]
 */
export const requiredLiteralSets = (source: string): string[][] | undefined => setsOf(analyse(source))

/** The literal sets of what is known of a pattern or of one branch of it (see {@link requiredLiteralSets}). */
const setsOf = (known: Known | undefined): string[][] | undefined => {
  const best = known?.required
  if (!known || !best || best.length === 0 || best.length > MAX_SET) return undefined
  const key = (r: readonly string[]) => JSON.stringify([...r].sort())
  const sets = new Map<string, string[]>([[key(best), [...best]]])
  // A set implied by one already kept (every literal of the kept one contains one of it: 管 by 托管) adds nothing.
  const implied = (r: readonly string[]) => [...sets.values()].some((kept) => kept.every((k) => r.some((l) => k.includes(l))))
  for (const r of [...(known.all ?? [])].sort(bySelectivity)) if (sets.size < MAX_LITERAL_SETS && r.length <= MAX_SET && !sets.has(key(r)) && !implied(r)) sets.set(key(r), [...r])
  return [...sets.values()]
}

/** How many top-level branches {@link requiredLiteralBranches} describes at most. */
const MAX_BRANCHES = 16

/**
 * For a pattern that is an alternation at its top level (`A|B|C`), the literal sets of each branch (as
 * {@link requiredLiteralSets} gives them for that branch alone): every match of the pattern is a match of
 * one branch, so it contains a literal of every set of some branch. Sharper than the sets of the whole,
 * which only combine one requirement per branch: for `(?:买|消费)…返利|排队…返现` a text with 买 and 返现
 * but neither 返利 nor 排队 passes the whole's sets and no branch's. Undefined for a single branch, when
 * a branch is not understood or has no literal, or beyond {@link MAX_BRANCHES} branches.
 *
 * @example requiredLiteralBranches('买.{0,8}返利|排队.{0,8}返现') // [[['返利'], ['买']], [['排队'], ['返现']]]
 */
export const requiredLiteralBranches = (source: string): string[][][] | undefined => branchSetsOf(analyse(source))

const branchSetsOf = (known: ReturnType<typeof analyse>): string[][][] | undefined => {
  const branches = known?.branches
  if (!branches || branches.length < 2 || branches.length > MAX_BRANCHES) return undefined
  const sets = branches.map(setsOf)
  return sets.every((s): s is string[][] => s !== undefined) ? sets : undefined
}

/**
 * {@link requiredLiteralSets} and {@link requiredLiteralBranches} of one pattern from one parse: the compiled
 * engine needs both for every `matchesRegex` condition, and on a cold start (one `chufei score` of a short
 * sheet) parsing each of the default pack's patterns twice was a visible part of compiling it.
 */
export const requiredLiteralPrefilter = (source: string): { sets: string[][] | undefined; branches: string[][][] | undefined } => {
  const known = analyse(source)
  return { sets: setsOf(known), branches: branchSetsOf(known) }
}
