import type { Issue } from './errors'
import { makeIssue } from './_zod-issues'
import type { IssueLocation } from './_zod-issues'
import { MAX_CONDITION_DEPTH } from './validate-conditions'

/*
 * Shared conditions (共享条件) referenced from rules and from each other form a graph. Both engines
 * expand a reference where it stands, so a chain of references nests as deeply as the trees along it,
 * and a cycle never ends. This walks the graph without recursion (a chain can be as long as a pack has
 * conditions) and reports each cycle and each place where the nesting, references included, passes
 * MAX_CONDITION_DEPTH.
 */

/** A condition tree and where it is. Trees are already valid and at most MAX_CONDITION_DEPTH deep. */
export interface PlacedTree {
  readonly tree: unknown
  readonly pointer: string
  readonly at: (pointer: string) => IssueLocation
}

interface Reference {
  readonly name: string
  /** The level of the referencing node: the referenced tree's top takes its place. */
  readonly level: number
  readonly pointer: string
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The depth of a tree by itself, and its references with their levels. */
const shapeOf = ({ tree, pointer }: PlacedTree): { depth: number; refs: Reference[] } => {
  const refs: Reference[] = []
  let depth = 0
  const walk = (n: unknown, p: string, level: number): void => {
    if (!isObject(n) || level > MAX_CONDITION_DEPTH) return
    depth = Math.max(depth, level)
    if (typeof n.condition === 'string') refs.push({ name: n.condition, level, pointer: `${p}/condition` })
    for (const kind of ['all', 'any'] as const) {
      const list = n[kind]
      if (Array.isArray(list)) list.forEach((child, i) => walk(child, `${p}/${kind}/${i}`, level + 1))
    }
    if (n.not !== undefined) walk(n.not, `${p}/not`, level + 1)
  }
  walk(tree, pointer, 1)
  return { depth, refs }
}

/**
 * Checks the shared conditions by name and the rules' trees: every cycle of references, and every
 * reference that makes a tree nest deeper than MAX_CONDITION_DEPTH.
 */
export const checkConditionGraph = (shared: ReadonlyMap<string, PlacedTree>, rules: readonly PlacedTree[]): Issue[] => {
  const issues: Issue[] = []
  const shapes = new Map([...shared].map(([name, placed]) => [name, shapeOf(placed)]))
  /** The full depth of each shared condition, references expanded (finite even on a cycle: its edge is not followed). */
  const depthOf = new Map<string, number>()
  const active = new Set<string>()
  const tooDeep = (placed: PlacedTree, ref: Reference, via: string) =>
    issues.push(makeIssue('condition-too-deep', { max: MAX_CONDITION_DEPTH, via }, placed.at(ref.pointer)))

  for (const root of shapes.keys()) {
    if (depthOf.has(root)) continue
    const stack = [{ name: root, next: 0, depth: shapes.get(root)!.depth }]
    active.add(root)
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!
      const { refs } = shapes.get(frame.name)!
      if (frame.next < refs.length) {
        const ref = refs[frame.next++]!
        if (!shapes.has(ref.name)) continue
        if (active.has(ref.name)) {
          const target = shared.get(ref.name)!
          issues.push(makeIssue('circular-condition', { cycle: [...stack.map((f) => f.name), ref.name].join(' → ') }, target.at(target.pointer)))
          continue
        }
        const known = depthOf.get(ref.name)
        if (known === undefined) {
          stack.push({ name: ref.name, next: 0, depth: shapes.get(ref.name)!.depth })
          active.add(ref.name)
          frame.next--
          continue
        }
        const depth = ref.level - 1 + known
        // Reported once, where the nesting crosses the bound (not again at every reference above it).
        if (depth > MAX_CONDITION_DEPTH && known <= MAX_CONDITION_DEPTH) tooDeep(shared.get(frame.name)!, ref, ref.name)
        frame.depth = Math.max(frame.depth, depth)
        continue
      }
      stack.pop()
      active.delete(frame.name)
      depthOf.set(frame.name, frame.depth)
    }
  }

  for (const rule of rules) {
    for (const ref of shapeOf(rule).refs) {
      const known = depthOf.get(ref.name)
      if (known !== undefined && known <= MAX_CONDITION_DEPTH && ref.level - 1 + known > MAX_CONDITION_DEPTH) tooDeep(rule, ref, ref.name)
    }
  }
  return issues
}
