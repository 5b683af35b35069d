import type { AnalysedText, TextMatcher, TextSettings } from './text'
import { createTextMatcher } from './text'
import { compilePackRegex } from './pack-regex'

/*
 * The operators a rule may use, as plain functions. The json-rules-engine reference engine registers
 * them (replacing its built-ins of the same names) and the compiled engine calls them directly, so both
 * engines share one definition of every comparison.
 *
 * Unknown stays unknown: every operator answers false when the fact is unknown (undefined or null).
 * That includes `notEqual` and `notIn`, whose json-rules-engine built-ins would answer true.
 */

/** An operator: fact value and condition value in, pass or fail out. */
export type OperatorFn = (factValue: unknown, value: unknown) => boolean

/** What each operator accepts, for the pack validator and the editor schema. */
export interface OperatorDefinition {
  /** Fact types it applies to. */
  readonly factTypes: readonly ('integer' | 'number' | 'boolean' | 'string' | 'text' | 'enum' | 'date')[]
  /** The shape of its value. */
  readonly value: 'number' | 'scalar' | 'scalar-list' | 'keyword-list' | 'regex' | 'boolean'
  readonly zh: string
  readonly en: string
}

/** Every operator a rule may use. */
export const OPERATORS = {
  equal: { factTypes: ['integer', 'number', 'boolean', 'string', 'text', 'enum', 'date'], value: 'scalar', zh: '等于', en: 'equals' },
  notEqual: { factTypes: ['integer', 'number', 'boolean', 'string', 'text', 'enum', 'date'], value: 'scalar', zh: '不等于（未知时不成立）', en: 'does not equal (false when unknown)' },
  in: { factTypes: ['integer', 'number', 'string', 'enum', 'date'], value: 'scalar-list', zh: '属于其中之一', en: 'is one of' },
  notIn: { factTypes: ['integer', 'number', 'string', 'enum', 'date'], value: 'scalar-list', zh: '不属于其中任何一个（未知时不成立）', en: 'is none of (false when unknown)' },
  lessThan: { factTypes: ['integer', 'number'], value: 'number', zh: '小于', en: 'is less than' },
  lessThanInclusive: { factTypes: ['integer', 'number'], value: 'number', zh: '小于等于', en: 'is at most' },
  greaterThan: { factTypes: ['integer', 'number'], value: 'number', zh: '大于', en: 'is greater than' },
  greaterThanInclusive: { factTypes: ['integer', 'number'], value: 'number', zh: '大于等于（达到）', en: 'is at least' },
  mentionsAny: { factTypes: ['text', 'string'], value: 'keyword-list', zh: '提及任一关键词（否定表述不算）', en: 'mentions any keyword (negated mentions do not count)' },
  matchesRegex: { factTypes: ['text', 'string'], value: 'regex', zh: '匹配正则表达式（否定表述不算；文字已转为小写、半角、去掉空白，正则也应如此书写）', en: 'matches the regular expression (negated matches do not count; text is lower-cased, half-width and without white space, so write the pattern that way)' },
  isKnown: { factTypes: ['integer', 'number', 'boolean', 'string', 'text', 'enum', 'date'], value: 'boolean', zh: '是否已知（填写）', en: 'is known (filled in)' },
} as const satisfies Record<string, OperatorDefinition>

export type OperatorName = keyof typeof OPERATORS

export const OPERATOR_NAMES = Object.keys(OPERATORS) as OperatorName[]

export const isOperatorName = (name: string): name is OperatorName => Object.hasOwn(OPERATORS, name)

const known = (v: unknown): boolean => v !== undefined && v !== null
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/**
 * What the compiler may assume about an operator function made by {@link createOperators}: its name and,
 * for the text operators, the matcher it answers with. Functions not listed here (custom operators) are
 * always called as they are.
 */
export interface OperatorOrigin {
  readonly name: OperatorName
  readonly matcher: TextMatcher
  /** The settings the matcher was made with. */
  readonly settings: TextSettings
}

const origins = new WeakMap<OperatorFn, OperatorOrigin>()

/** Where an operator function came from, when {@link createOperators} made it. */
export const operatorOrigin = (fn: OperatorFn): OperatorOrigin | undefined => origins.get(fn)

/**
 * Creates the operator functions of one pack (text operators depend on its negation settings).
 * Regex sources are compiled once (for RE2, see pack-regex.ts) and cached by source.
 */
export const createOperators = (settings: TextSettings): Record<OperatorName, OperatorFn> & { matcher: TextMatcher } => {
  const matcher = createTextMatcher(settings)
  // Many rules look at the same text of one lead; analyse each distinct text once while it is hot.
  const analysed = new Map<string, AnalysedText>()
  const analyse = (text: string): AnalysedText => {
    let a = analysed.get(text)
    if (!a) {
      if (analysed.size >= 64) analysed.delete(analysed.keys().next().value as string)
      a = matcher.analyse(text)
      analysed.set(text, a)
    }
    return a
  }
  const operators: Record<OperatorName, OperatorFn> & { matcher: TextMatcher } = {
    matcher,
    equal: (f, v) => known(f) && f === v,
    notEqual: (f, v) => known(f) && f !== v,
    in: (f, v) => known(f) && Array.isArray(v) && v.includes(f),
    notIn: (f, v) => known(f) && Array.isArray(v) && !v.includes(f),
    lessThan: (f, v) => isNumber(f) && isNumber(v) && f < v,
    lessThanInclusive: (f, v) => isNumber(f) && isNumber(v) && f <= v,
    greaterThan: (f, v) => isNumber(f) && isNumber(v) && f > v,
    greaterThanInclusive: (f, v) => isNumber(f) && isNumber(v) && f >= v,
    mentionsAny: (f, v) =>
      typeof f === 'string' && Array.isArray(v) && matcher.mentionsAny(analyse(f), v as string[]),
    matchesRegex: (f, v) => typeof f === 'string' && typeof v === 'string' && matcher.matchesRegex(analyse(f), compilePackRegex(v)),
    isKnown: (f, v) => known(f) === (v === true),
  }
  for (const name of OPERATOR_NAMES) origins.set(operators[name], { name, matcher, settings })
  return operators
}
