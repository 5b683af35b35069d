import type { Issue } from '../errors'
import { FACTS, isFactName } from '../facts'
import type { FactName } from '../facts'
import { makeIssue } from '../_zod-issues'
import type { IssueLocation } from '../_zod-issues'

/*
 * Conditions that can never hold (永远不成立的条件). Analysts write `"value": 60` for "60% elderly" on a
 * share fact that runs from 0 to 1, or `>= 100` and `< 50` on one fact inside an `all` after an edit. The
 * pack still loads and the rule silently never fires; these checks say so where it was written.
 *
 * Only plain comparisons are reasoned about (a number, a list, true/false); a `{ "fact": … }` value or a
 * `path` is left alone, since its value is only known per lead.
 */

/** The values a numeric fact can take. */
interface FactRange {
  readonly min: number
  readonly max: number
  readonly integer: boolean
  /** Chinese words for the range, for messages. */
  readonly zh: string
  readonly en: string
}

const SHARE: FactRange = { min: 0, max: 1, integer: false, zh: '0到1之间的比例（0.6 即 60%）', en: 'a share between 0 and 1 (0.6 = 60%)' }

/** The range of a numeric fact: counts are whole numbers ≥ 0, amounts ≥ 0, shares 0–1. */
export const factRange = (fact: FactName): FactRange | undefined => {
  const def = FACTS[fact]
  if (fact.endsWith('Share')) return SHARE
  if (def.type === 'integer') return { min: 0, max: Infinity, integer: true, zh: '不小于0的整数', en: 'a whole number ≥ 0' }
  if (def.type === 'number') return { min: 0, max: Infinity, integer: false, zh: '不小于0的数', en: 'a number ≥ 0' }
  return undefined
}

/** An interval of numbers, with open or closed ends. */
interface Interval {
  lo: number
  loOpen: boolean
  hi: number
  hiOpen: boolean
}

const NUMERIC_OPS = new Set(['greaterThan', 'greaterThanInclusive', 'lessThan', 'lessThanInclusive'])

const intervalOf = (operator: string, value: number): Interval | undefined => {
  switch (operator) {
    case 'greaterThan':
      return { lo: value, loOpen: true, hi: Infinity, hiOpen: false }
    case 'greaterThanInclusive':
      return { lo: value, loOpen: false, hi: Infinity, hiOpen: false }
    case 'lessThan':
      return { lo: -Infinity, loOpen: false, hi: value, hiOpen: true }
    case 'lessThanInclusive':
      return { lo: -Infinity, loOpen: false, hi: value, hiOpen: false }
    case 'equal':
      return { lo: value, loOpen: false, hi: value, hiOpen: false }
    default:
      return undefined
  }
}

const intersect = (a: Interval, b: Interval): Interval => {
  const lo = a.lo > b.lo ? a : a.lo < b.lo ? b : { lo: a.lo, loOpen: a.loOpen || b.loOpen }
  const hi = a.hi < b.hi ? a : a.hi > b.hi ? b : { hi: a.hi, hiOpen: a.hiOpen || b.hiOpen }
  return { lo: lo.lo, loOpen: lo.loOpen, hi: hi.hi, hiOpen: hi.hiOpen }
}

const isEmpty = (i: Interval, integer: boolean): boolean => {
  if (integer) {
    const lo = i.loOpen ? Math.floor(i.lo) + 1 : Math.ceil(i.lo)
    const hi = i.hiOpen ? Math.ceil(i.hi) - 1 : Math.floor(i.hi)
    return lo > hi
  }
  return i.lo > i.hi || (i.lo === i.hi && (i.loOpen || i.hiOpen))
}

const OP_ZH: Record<string, string> = {
  greaterThan: '>',
  greaterThanInclusive: '>=',
  lessThan: '<',
  lessThanInclusive: '<=',
  equal: '=',
  notEqual: '≠',
  in: '属于',
  notIn: '不属于',
  isKnown: 'isKnown',
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A fact condition with a plain value, as reasoned about here. */
interface Leaf {
  readonly fact: FactName
  readonly operator: string
  readonly value: unknown
  readonly pointer: string
}

const plainLeaf = (n: unknown, pointer: string): Leaf | undefined => {
  if (!isObject(n) || typeof n.fact !== 'string' || !isFactName(n.fact) || typeof n.operator !== 'string') return undefined
  if (n.path !== undefined || isObject(n.value)) return undefined
  return { fact: n.fact, operator: n.operator, value: n.value, pointer }
}

const describe = (l: Leaf): string => `${l.fact} ${OP_ZH[l.operator] ?? l.operator} ${JSON.stringify(l.value)}`

/** Why one comparison can never hold on its fact's range, or undefined. */
const unreachable = (leaf: Leaf): { zh: string; en: string } | undefined => {
  const range = factRange(leaf.fact)
  if (!range) return undefined
  const all: Interval = { lo: range.min, loOpen: false, hi: range.max, hiOpen: false }
  const outside = (v: number) => isEmpty(intersect(all, { lo: v, loOpen: false, hi: v, hiOpen: false }), range.integer)
  const hint = range === SHARE && typeof leaf.value === 'number' && leaf.value > 1 && leaf.value <= 100 ? `（是否应写 ${leaf.value / 100}？）` : ''
  const hintEn = hint ? ` (did you mean ${Number(leaf.value) / 100}?)` : ''
  const base = { zh: `“${leaf.fact}”是${range.zh}，${describe(leaf)} 永远不成立${hint}`, en: `"${leaf.fact}" is ${range.en}; ${describe(leaf)} never holds${hintEn}` }
  if ((NUMERIC_OPS.has(leaf.operator) || leaf.operator === 'equal') && typeof leaf.value === 'number') {
    const i = intervalOf(leaf.operator, leaf.value)
    return i && isEmpty(intersect(all, i), range.integer) ? base : undefined
  }
  if (leaf.operator === 'in' && Array.isArray(leaf.value) && leaf.value.length > 0) {
    return leaf.value.every((v) => typeof v === 'number' && outside(v)) ? base : undefined
  }
  return undefined
}

/** Why two comparisons on the same fact, both required, can never hold together, or undefined. */
const contradiction = (leaves: readonly Leaf[]): { a: Leaf; b: Leaf } | undefined => {
  const range = factRange(leaves[0]!.fact)
  let interval: Interval = { lo: range?.min ?? -Infinity, loOpen: false, hi: range?.max ?? Infinity, hiOpen: false }
  let bounds: Leaf[] = []
  let equal: Leaf | undefined
  let allowed: { set: Set<unknown>; leaf: Leaf } | undefined
  let knownTrue: Leaf | undefined
  let knownFalse: Leaf | undefined
  let used: Leaf | undefined
  for (const leaf of leaves) {
    const { operator, value } = leaf
    if (operator === 'isKnown' && typeof value === 'boolean') {
      if (value) knownTrue ??= leaf
      else knownFalse ??= leaf
      const clash = knownFalse && (knownTrue ?? used)
      if (clash && knownFalse) return { a: clash, b: knownFalse }
      continue
    }
    // Every other operator is false on an unknown fact, so it cannot go with `isKnown: false`.
    if (knownFalse) return { a: knownFalse, b: leaf }
    used ??= leaf
    if (operator === 'equal' && value !== undefined) {
      if (equal && equal.value !== value) return { a: equal, b: leaf }
      equal ??= leaf
    }
    if (operator === 'in' && Array.isArray(value)) {
      const set = new Set(allowed ? value.filter((v) => allowed!.set.has(v)) : value)
      if (set.size === 0) return { a: allowed?.leaf ?? leaf, b: leaf }
      allowed = { set, leaf: allowed?.leaf ?? leaf }
    }
    if (typeof value === 'number' && (NUMERIC_OPS.has(operator) || operator === 'equal')) {
      const next = intersect(interval, intervalOf(operator, value)!)
      bounds = [...bounds, leaf]
      if (isEmpty(next, range?.integer ?? false)) {
        // Name the earlier bound this one clashes with, not just the first condition seen.
        const other = bounds.slice(0, -1).find((b) => isEmpty(intersect(intervalOf(b.operator, b.value as number)!, intervalOf(operator, value)!), range?.integer ?? false))
        return { a: other ?? bounds[0]!, b: leaf }
      }
      interval = next
    }
  }
  for (const leaf of leaves) {
    if (equal && leaf.operator === 'notEqual' && leaf.value === equal.value) return { a: equal, b: leaf }
    if (equal && leaf.operator === 'notIn' && Array.isArray(leaf.value) && leaf.value.includes(equal.value)) return { a: equal, b: leaf }
    if (equal && allowed && !allowed.set.has(equal.value)) return { a: allowed.leaf, b: equal }
  }
  return undefined
}

/**
 * Finds comparisons that can never hold on their fact's range (`unreachable-threshold`) and `all` groups
 * whose conditions contradict each other (`never-fires` for a rule's top-level group, else
 * `contradictory-group`). `pointer` is where the tree sits (a rule's is `/rules/<i>/conditions`).
 */
export const findUnreachableConditions = (node: unknown, pointer: string, at: (pointer: string) => IssueLocation): Issue[] => {
  const issues: Issue[] = []
  const walk = (n: unknown, p: string, insideAll = false): void => {
    if (!isObject(n)) return
    const leaf = plainLeaf(n, p)
    if (leaf) {
      const why = unreachable(leaf)
      if (why) issues.push(makeIssue('unreachable-threshold', { detail: why.zh, detailEn: why.en }, at(`${p}/value`)))
      return
    }
    if (Array.isArray(n.any)) n.any.forEach((c, i) => walk(c, `${p}/any/${i}`))
    if (n.not !== undefined) walk(n.not, `${p}/not`)
    if (!Array.isArray(n.all)) return
    n.all.forEach((c, i) => walk(c, `${p}/all/${i}`, true))
    // A group nested directly in an `all` is checked together with its parent.
    if (insideAll) return
    // Conditions required together: this group's leaves and those of `all` groups nested directly in it.
    const required: Leaf[] = []
    const collect = (group: unknown[], gp: string) =>
      group.forEach((c, i) => {
        const l = plainLeaf(c, `${gp}/${i}`)
        if (l && !unreachable(l)) required.push(l)
        else if (isObject(c) && Array.isArray(c.all)) collect(c.all, `${gp}/${i}/all`)
      })
    collect(n.all, `${p}/all`)
    const byFact = new Map<string, Leaf[]>()
    for (const l of required) byFact.set(l.fact, [...(byFact.get(l.fact) ?? []), l])
    for (const leaves of byFact.values()) {
      if (leaves.length < 2) continue
      const clash = contradiction(leaves)
      if (!clash) continue
      const detail = `${describe(clash.a)}（${clash.a.pointer}）与 ${describe(clash.b)}（${clash.b.pointer}）不能同时成立`
      const detailEn = `${describe(clash.a)} (${clash.a.pointer}) and ${describe(clash.b)} (${clash.b.pointer}) cannot both hold`
      const topLevel = /^\/rules\/\d+\/conditions$/.test(p)
      issues.push(makeIssue(topLevel ? 'never-fires' : 'contradictory-group', { detail, detailEn }, at(`${p}/all`)))
    }
  }
  walk(node, pointer)
  return issues
}
