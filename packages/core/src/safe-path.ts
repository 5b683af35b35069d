/*
 * json-rules-engine resolves a condition's `path` with jsonpath-plus by default, whose filter
 * expressions can evaluate code. Rule packs come from anyone, so chufei replaces it with this resolver:
 * plain dotted paths over own properties only, nothing else.
 */

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor'])
const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Splits a simple path (`$.a.b`, `a.b`, `$.list.0`) into segments, or returns undefined when the path is
 * anything more (filters, wildcards, brackets, recursion) or names a prototype key.
 */
export const parseSimplePath = (path: string): string[] | undefined => {
  const body = path.startsWith('$.') ? path.slice(2) : path.startsWith('$') ? path.slice(1) : path
  if (body === '') return []
  const segments = body.split('.')
  return segments.every((s) => SEGMENT.test(s) && !FORBIDDEN.has(s)) ? segments : undefined
}

/**
 * The `pathResolver` given to every json-rules-engine Engine chufei creates: resolves simple paths over
 * own properties and answers `undefined` (unknown) for anything else — never evaluates, never walks a
 * prototype.
 */
export const safePathResolver = (value: unknown, path: string): unknown => {
  const segments = parseSimplePath(path)
  if (!segments) return undefined
  let current: unknown = value
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined
    current = (current as Record<string, unknown>)[segment]
  }
  return current
}
