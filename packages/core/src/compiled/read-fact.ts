import type { Facts } from '../facts'
import { safePathResolver } from '../safe-path'
import type { FactRef } from './plan'

/*
 * Reading a fact the way json-rules-engine's almanac does with chufei's settings: a fact that is not in
 * the lead's facts is undefined (allowUndefinedFacts), only own properties count, and a non-empty `path`
 * goes through the safe resolver when — and only when — the fact's value is an object.
 */

/** Reads one fact (and path) from a lead's facts. */
export type FactReader = (facts: Facts) => unknown

type FactBag = Readonly<Record<string, unknown>>

/** Builds the reader for a fact reference, as cheap as the name allows. */
export const createFactReader = (ref: FactRef): FactReader => {
  const { fact, path } = ref
  // Names that exist on Object.prototype (constructor, __proto__…) would read inherited values.
  const base: FactReader = fact in Object.prototype
    ? (facts) => (Object.hasOwn(facts, fact) ? (facts as FactBag)[fact] : undefined)
    : (facts) => (facts as FactBag)[fact]
  if (path === undefined) return base
  return (facts) => {
    const value = base(facts)
    return value !== null && typeof value === 'object' ? safePathResolver(value, path) : value
  }
}
