import { createKeywordScanner } from '../keyword-scan'
import type { KeywordScanner, ScanFlags } from '../keyword-scan'
import { operatorOrigin } from '../operators'
import { compilePackRegex } from '../pack-regex'
import { requiredLiteralPrefilter } from '../regex-literals'
import { normaliseText } from '../normalise-text'
import { safePathResolver } from '../safe-path'
import type { TextMatcher } from '../text'
import type { FactNode, FactRef, PlanNode } from './plan'

/*
 * The hot path: a plan turned into nested synchronous closures that answer only "does the rule fire".
 *
 * Operators are pure, so a group's result does not depend on the order its members are evaluated in or
 * on json-rules-engine's priority groups — those decide only which members the trace shows as evaluated.
 * The fast path therefore tries cheap members first and stops at the first decisive one. It allocates
 * nothing per condition, and reads facts from a vector filled once per lead (one slot per fact the pack
 * uses) rather than looking each one up by name.
 */

/** The values of the facts a pack uses, one slot per fact name (undefined when unknown). */
export type FactVector = readonly unknown[]

/** Whether a condition holds for one lead's fact vector. */
export type Predicate = (facts: FactVector) => boolean

/** Gives the vector slot of a fact name (assigning one on first use). */
export type SlotOf = (fact: string) => number

type Reader = (facts: FactVector) => unknown

const readerFor = (ref: FactRef, slotOf: SlotOf): Reader => {
  const slot = slotOf(ref.fact)
  const { path } = ref
  if (path === undefined) return (v) => v[slot]
  // As the almanac does: a path applies only to an object value.
  return (v) => {
    const value = v[slot]
    return value !== null && typeof value === 'object' ? safePathResolver(value, path) : value
  }
}

const TRUE: Predicate = () => true

const byCost = (children: readonly PlanNode[]): PlanNode[] =>
  children.map((c, i) => ({ c, i })).sort((a, b) => a.c.cost - b.c.cost || a.i - b.i).map((x) => x.c)

const allOf = (preds: readonly Predicate[]): Predicate => {
  switch (preds.length) {
    case 0:
      return TRUE
    case 1:
      return preds[0]!
    case 2: {
      const [a, b] = preds as [Predicate, Predicate]
      return (f) => a(f) && b(f)
    }
    case 3: {
      const [a, b, c] = preds as [Predicate, Predicate, Predicate]
      return (f) => a(f) && b(f) && c(f)
    }
    default:
      return (f) => {
        for (let i = 0; i < preds.length; i++) if (!preds[i]!(f)) return false
        return true
      }
  }
}

const anyOf = (preds: readonly Predicate[]): Predicate => {
  switch (preds.length) {
    case 0:
      // json-rules-engine answers true for an empty group, `any` included.
      return TRUE
    case 1:
      return preds[0]!
    case 2: {
      const [a, b] = preds as [Predicate, Predicate]
      return (f) => a(f) || b(f)
    }
    case 3: {
      const [a, b, c] = preds as [Predicate, Predicate, Predicate]
      return (f) => a(f) || b(f) || c(f)
    }
    default:
      return (f) => {
        for (let i = 0; i < preds.length; i++) if (preds[i]!(f)) return true
        return false
      }
  }
}

/**
 * What predicates of one compiled pack share: fact slots, the per-lead memo of shared conditions, and
 * the keyword scans of text facts.
 */
export interface PredicateContext {
  readonly slotOf: SlotOf
  /** Starts a new lead: memoised shared conditions are evaluated afresh. */
  nextLead(): void
}

/** Creates the context of one pack's predicates. */
export const createPredicateContext = (slotOf: SlotOf): PredicateContext & { readonly internal: ContextInternal } => {
  const internal: ContextInternal = {
    generation: 1,
    stamps: [],
    values: [],
    memoOf: new Map(),
    compiledOf: new Map(),
    scanners: new Map(),
    scans: new Map(),
    flagOf: new Map(),
  }
  return {
    slotOf,
    internal,
    nextLead() {
      internal.generation++
    },
  }
}

interface SlotScan {
  lastText: string | undefined
  /** The last text, normalised, once made (the scan makes it only when it must). */
  normalised: string | undefined
  flags: ScanFlags | undefined
  mark: number
  /** Whether the last scan set any flag. */
  any: boolean
}

interface ContextInternal {
  generation: number
  readonly stamps: number[]
  readonly values: boolean[]
  readonly memoOf: Map<PlanNode, number>
  /** A shared condition's predicate, compiled once however many rules refer to it. */
  readonly compiledOf: Map<PlanNode, Predicate>
  /**
   * A scanner per matcher and text slot, holding only the words of that slot's conditions (and the cues):
   * a subject name is not searched for the keywords of descriptions, nor analysed for negation because one
   * occurs in it.
   */
  readonly scanners: Map<TextMatcher, Map<number, KeywordScanner>>
  /** Per text slot and scanner: the flags of the last text seen (names and texts repeat across leads). */
  readonly scans: Map<string, SlotScan>
  /** The scan flag each compiled text condition reads (a list or a literal set). */
  readonly flagOf: Map<FactNode, number>
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && v - v === 0
const FALSE: Predicate = () => false

/**
 * A leaf with a constant value, for operators made by `createOperators`, as a closure specialised to the
 * operator and value: the same answer as `op(fact, value) === true`, without the generic call. Text
 * operators read the one keyword scan of the text. Undefined when there is no specialisation.
 */
const specialise = (node: FactNode, slot: number, context: ContextInternal): Predicate | undefined => {
  const origin = operatorOrigin(node.op)
  if (!origin) return undefined
  const { value } = node
  switch (origin.name) {
    case 'equal':
      if (value === undefined || value === null) return FALSE
      return (f) => f[slot] === value
    case 'notEqual':
      return (f) => {
        const x = f[slot]
        return x !== undefined && x !== null && x !== value
      }
    case 'in':
    case 'notIn': {
      if (!Array.isArray(value)) return FALSE
      const list: readonly unknown[] = value
      if (origin.name === 'in') {
        return (f) => {
          const x = f[slot]
          return x !== undefined && x !== null && list.includes(x)
        }
      }
      return (f) => {
        const x = f[slot]
        return x !== undefined && x !== null && !list.includes(x)
      }
    }
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive': {
      if (!isNumber(value)) return FALSE
      const v = value
      switch (origin.name) {
        case 'lessThan':
          return (f) => {
            const x = f[slot]
            return isNumber(x) && x < v
          }
        case 'lessThanInclusive':
          return (f) => {
            const x = f[slot]
            return isNumber(x) && x <= v
          }
        case 'greaterThan':
          return (f) => {
            const x = f[slot]
            return isNumber(x) && x > v
          }
        default:
          return (f) => {
            const x = f[slot]
            return isNumber(x) && x >= v
          }
      }
    }
    case 'isKnown': {
      const wanted = value === true
      return (f) => {
        const x = f[slot]
        return (x !== undefined && x !== null) === wanted
      }
    }
    case 'mentionsAny':
    case 'matchesRegex': {
      let bySlot = context.scanners.get(origin.matcher)
      if (!bySlot) context.scanners.set(origin.matcher, (bySlot = new Map()))
      let scanner = bySlot.get(slot)
      if (!scanner) bySlot.set(slot, (scanner = createKeywordScanner(origin.settings)))
      const found = scanOf(context, scanner, slot)
      if (origin.name === 'mentionsAny') {
        if (!Array.isArray(value)) return FALSE
        const flag = scanner.addList(value as string[])
        context.flagOf.set(node, flag)
        return (f) => {
          const x = f[slot]
          return typeof x === 'string' && found(x, flag)
        }
      }
      if (typeof value !== 'string') return FALSE
      const { sets: literalSets, branches: branchSets } = requiredLiteralPrefilter(value)
      if (!literalSets) return undefined
      // One flag per literal set; a match needs a literal of each. The first (most selective) set is the
      // condition's evidence for skipping rules; the others are looked at once it is present.
      const [first, ...rest] = literalSets
      const flag = scanner.addLiterals(first!)
      const more = rest.filter(worthScanning).map((set) => scanner.addLiterals(set))
      // A pattern `A|B|…` also needs every set of one branch: a text holding literals of A and of B, but not
      // all of either, is not searched (on the bench's sweep this halved the texts RE2 found no match in).
      const branches = branchSets?.map((sets) => sets.filter(worthScanning).map((set) => scanner.addLiterals(set)))
      context.flagOf.set(node, flag)
      const state = context.scans.get(scanKey(context, scanner, slot))!
      const regex = compilePackRegex(value)
      const scanning = scanner
      // Loops, not some/every with arrow functions: this runs per lead on every text holding the first set.
      const holdsSomeBranch = (branches: readonly (readonly number[])[]): boolean => {
        for (let b = 0; b < branches.length; b++) {
          const sets = branches[b]!
          let s = 0
          while (s < sets.length && state.flags![sets[s]!] === state.mark) s++
          if (s === sets.length) return true
        }
        return false
      }
      // The regex runs only on a text that holds literals it needs; where it matches, whether the match is
      // negated is answered from the cues the slot's scan located (the operator would analyse the text anew).
      return (f) => {
        const x = f[slot]
        if (typeof x !== 'string' || !found(x, flag)) return false
        for (let m = 0; m < more.length; m++) if (state.flags![more[m]!] !== state.mark) return false
        if (branches && !holdsSomeBranch(branches)) return false
        const text = (state.normalised ??= normaliseText(x))
        return regex.test(text) && scanning.matchesRegex(regex, text)
      }
    }
  }
}

/**
 * Whether a literal set beyond a condition's first is worth a flag in the scan: not when it holds a single
 * digit — dates and amounts put digits in most texts, and the scan would record each one for a check that
 * rarely fails. Leaving a set out only lets the regex run on more texts; it never changes a result.
 */
const worthScanning = (set: readonly string[]): boolean => !set.some((literal) => literal.length === 1 && literal >= '0' && literal <= '9')

const scanKey = (context: ContextInternal, scanner: KeywordScanner, slot: number): string =>
  `${slot}\u0000${[...context.scanners.values()].findIndex((bySlot) => bySlot.get(slot) === scanner)}`

/** The scan state of a slot's text for a scanner, made on first use. */
const scanStateOf = (context: ContextInternal, scanner: KeywordScanner, slot: number): SlotScan => {
  const key = scanKey(context, scanner, slot)
  let state = context.scans.get(key)
  if (!state) {
    state = { lastText: undefined, normalised: undefined, flags: undefined, mark: 0, any: false }
    context.scans.set(key, state)
  }
  return state
}

/** Scans `text` into `s` unless it is the text last scanned there (names and texts repeat across leads). */
const rescan = (s: SlotScan, scanner: KeywordScanner, text: string): void => {
  if (text === s.lastText) return
  // Flags are allocated at the first scan, when every list and literal set of the pack is registered.
  s.flags ??= scanner.createFlags()
  s.mark = s.mark === 0x7fffffff ? 1 : s.mark + 1
  if (s.mark === 1) s.flags.fill(0)
  s.normalised = scanner.scan(text, s.flags, s.mark)
  s.any = scanner.setAny()
  s.lastText = text
}

/** Whether a flag is set in the scan of a slot's text, rescanned only when the text differs from the last one seen there. */
const scanOf = (context: ContextInternal, scanner: KeywordScanner, slot: number): ((text: string, flag: number) => boolean) => {
  const s = scanStateOf(context, scanner, slot)
  return (text, flag) => {
    rescan(s, scanner, text)
    return s.flags![flag] === s.mark
  }
}

/** What one lead's scan of a text found, as a text condition reads it: its flag is set when it equals `mark`. */
export interface ScanState {
  readonly flags: ScanFlags | undefined
  readonly mark: number
}

/** What a text condition answered from the keyword scan cannot hold without. */
export interface TextEvidence {
  /** Names the scan (text slot and scanner): conditions with the same `scan` share it. */
  readonly scan: string
  /** Scans the lead's text (once per text) and holds when the scan found anything at all. */
  readonly scanned: Predicate
  /** The state `scanned` leaves, and the condition's flag in it: set when its list is mentioned, its literals present. */
  readonly state: ScanState
  readonly flag: number
}

/**
 * For a text condition answered from the keyword scan (`mentionsAny`, or `matchesRegex` with required
 * literals) and compiled in `context`: what holds whenever the condition does — the scan of the text
 * set the condition's own flag (its list mentioned, not negated; a literal it needs present). Undefined
 * for any other condition. Most texts of a sweep mention nothing a pack looks for, and the rest only a
 * few of its lists, so most text rules are ruled out by a look at a flag.
 */
export const textEvidence = (node: FactNode, slotOf: SlotOf, context: PredicateContext): TextEvidence | undefined => {
  const internal = (context as PredicateContext & { internal: ContextInternal }).internal
  const origin = operatorOrigin(node.op)
  if (!origin || node.valueFact !== undefined || node.fact.path !== undefined) return undefined
  if (origin.name !== 'mentionsAny' && origin.name !== 'matchesRegex') return undefined
  const slot = slotOf(node.fact.fact)
  const scanner = internal.scanners.get(origin.matcher)?.get(slot)
  const flag = internal.flagOf.get(node)
  if (!scanner || flag === undefined) return undefined
  const s = scanStateOf(internal, scanner, slot)
  const scanned: Predicate = (f) => {
    const x = f[slot]
    if (typeof x !== 'string') return false
    rescan(s, scanner, x)
    return s.any
  }
  return { scan: scanKey(internal, scanner, slot), scanned, state: s, flag }
}

/**
 * A shared condition is evaluated once per lead however many rules refer to it (operators are pure,
 * so its answer cannot change within a lead).
 */
const memoised = (target: PlanNode, inner: Predicate, context: ContextInternal): Predicate => {
  let index = context.memoOf.get(target)
  if (index === undefined) {
    index = context.stamps.length
    context.memoOf.set(target, index)
    context.stamps.push(0)
    context.values.push(false)
  }
  const i = index
  const { stamps, values } = context
  return (f) => {
    if (stamps[i] === context.generation) return values[i]!
    const result = inner(f)
    stamps[i] = context.generation
    values[i] = result
    return result
  }
}

/** Compiles a plan node into a predicate. */
export const compilePredicate = (node: PlanNode, slotOf: SlotOf, context?: PredicateContext): Predicate => {
  const internal = context ? (context as PredicateContext & { internal: ContextInternal }).internal : undefined
  const compile = (n: PlanNode): Predicate => {
    switch (n.kind) {
      case 'all':
        return allOf(byCost(n.children).map(compile))
      case 'any':
        return anyOf(byCost(n.children).map(compile))
      case 'not': {
        const inner = compile(n.child)
        return (f) => !inner(f)
      }
      case 'reference': {
        if (!internal) return compile(n.target)
        // Compiled once: compiling it again per reference registered its keyword lists again (a new scan
        // flag each time) and recompiled its regexes — most of the time createScorer took on the default pack.
        let predicate = internal.compiledOf.get(n.target)
        if (predicate === undefined) {
          predicate = memoised(n.target, compile(n.target), internal)
          internal.compiledOf.set(n.target, predicate)
        }
        return predicate
      }
      case 'fact': {
        const { op, value } = n
        if (n.valueFact) {
          const read = readerFor(n.fact, slotOf)
          const readValue = readerFor(n.valueFact, slotOf)
          return (f) => op(read(f), readValue(f)) === true
        }
        const slot = slotOf(n.fact.fact)
        if (n.fact.path === undefined) {
          const special = internal ? specialise(n, slot, internal) : undefined
          if (special) return special
          return (f) => op(f[slot], value) === true
        }
        const read = readerFor(n.fact, slotOf)
        return (f) => op(read(f), value) === true
      }
    }
  }
  return compile(node)
}
