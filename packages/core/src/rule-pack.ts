import * as z from 'zod'
import { ChufeiError } from './errors'
import type { Issue, SafeResult } from './errors'
import { contentHash } from './hash'
import { parseJsonSource } from './json-source'
import type { JsonSource } from './json-source'
import {
  PackConfigSchema,
  RuleFileSchema,
  TopLevelConditionSchema,
} from './rule-pack-schema'
import type { PackConfig, PatternDefinition, Rule, TopLevelCondition } from './rule-pack-schema'
import { makeIssue, zodToIssues } from './_zod-issues'
import type { IssueLocation } from './_zod-issues'
import { jsonSourceIssues } from './_json-issues'
import { validateCondition } from './validate-conditions'
import { checkConditionGraph } from './condition-graph'
import type { PlacedTree } from './condition-graph'
import type { ConditionContext } from './validate-conditions'
import { PATTERNS } from './vocabulary'
import { checkDatedFigures, checkRuleNamePlaceholders, datedFactDefinition } from './dated-figures'

/** A rule as loaded: its definition plus where it came from. */
export interface LoadedRule extends Rule {
  /** File the rule is in, relative to the pack folder. */
  readonly file: string
  /** JSON pointer of the rule in its file. */
  readonly pointer: string
}

/**
 * A validated rule pack (规则包), ready for {@link createScorer}. Immutable once loaded.
 */
export interface RulePack {
  readonly name: string
  readonly version: string
  /** `sha256:…` over the canonical content of pack.json and every rule file. */
  readonly hash: string
  readonly config: PackConfig
  /** Enabled rules, ordered by file name and position. */
  readonly rules: readonly LoadedRule[]
  /** Shared conditions by name (json-rules-engine `setCondition`). */
  readonly conditions: Readonly<Record<string, TopLevelCondition>>
  /** Pattern vocabulary by id: the pack's own definitions over the built-in ten. */
  readonly patterns: ReadonlyMap<string, PatternDefinition>
  /** Warnings found while loading (the pack loaded anyway). */
  readonly warnings: readonly Issue[]
}

/** The files of a pack: path relative to the pack folder → JSON text (or an already parsed value). */
export type RulePackFiles = Readonly<Record<string, string | unknown>>

/** The result of validating a pack without loading it. */
export interface RulePackReport {
  readonly valid: boolean
  /** Errors and warnings, in file order. */
  readonly issues: readonly Issue[]
}

const PACK_FILE = 'pack.json'

/** Whether a file of a pack folder holds rules (not pack.json, schema.json or tests). */
export const isRuleFile = (path: string): boolean =>
  path.endsWith('.json') && path !== PACK_FILE && !/(^|\/)schema\.json$/.test(path) && !/(^|\/)tests\//.test(path)

const RuleShellSchema = RuleFileSchema.extend({
  conditions: z.record(z.string().min(1), z.unknown()).optional(),
  rules: z.array(
    RuleFileSchema.shape.rules.element.extend({ conditions: z.unknown() }),
  ),
})

const sourceOf = (file: string, content: unknown, issues: Issue[]): JsonSource | undefined => {
  if (typeof content !== 'string') return { value: content, locate: () => undefined }
  const parsed = parseJsonSource(content)
  issues.push(...jsonSourceIssues(file, parsed))
  return parsed.ok ? parsed.source : undefined
}

const patternVocabulary = (config: PackConfig): Map<string, PatternDefinition> => {
  const map = new Map<string, PatternDefinition>()
  for (const [id, label] of Object.entries(PATTERNS)) map.set(id, { id, zh: label.zh, en: label.en })
  for (const p of config.patterns) map.set(p.id, p)
  return map
}

const checkConfig = (config: PackConfig, file: string, src: JsonSource): Issue[] => {
  const issues: Issue[] = []
  const at = (pointer: string) => ({ file, pointer, ...src.locate(pointer) })
  const t = config.tiers
  if (!(t.red > t.orange && t.orange > t.yellow && t.yellow > t.blue)) {
    issues.push(makeIssue('tier-order', { detail: `red ${t.red}, orange ${t.orange}, yellow ${t.yellow}, blue ${t.blue}` }, at('/tiers')))
  }
  const w = config.weights
  if (w.scale + w.exposure + w.attention + w.stability <= 0) issues.push(makeIssue('weights-zero', {}, at('/weights')))
  const seen = new Set<string>()
  config.dispositionLadder.forEach((d, i) => {
    if (seen.has(d)) issues.push(makeIssue('duplicate-in-ladder', { disposition: d }, at(`/dispositionLadder/${i}`)))
    seen.add(d)
  })
  const patterns = new Set<string>()
  config.patterns.forEach((p, i) => {
    if (patterns.has(p.id)) issues.push(makeIssue('duplicate-pattern', { pattern: p.id }, at(`/patterns/${i}/id`)))
    patterns.add(p.id)
  })
  issues.push(...checkDatedFigures(config, at))
  return issues
}

/**
 * A bare fact condition where json-rules-engine wants a group: `Rule#setConditions` and `Engine#setCondition`
 * (7.3.1) both throw unless the root has `all`, `any`, `not` or `condition`, so a rule's conditions and a shared
 * condition must be one of those (a single fact is written `{ "all": [ … ] }`).
 */
const bareFactRoot = (tree: unknown, where: 'rule' | 'shared', location: IssueLocation): Issue[] =>
  typeof tree === 'object' && tree !== null && Object.hasOwn(tree, 'fact')
    ? [
        makeIssue(
          'invalid-condition',
          where === 'rule'
            ? { detail: '规则的顶层条件必须是 all、any、not 或 condition（单个条件请写成 { "all": [ … ] }）', detailEn: 'a rule’s top-level condition must be all, any, not or condition (wrap a single condition in { "all": [ … ] })' }
            : { detail: '共享条件的顶层必须是 all、any、not 或 condition，不能是单个事实条件（请写成 { "all": [ … ] }）', detailEn: 'a shared condition’s root must be all, any, not or condition, not a bare fact condition (wrap it in { "all": [ … ] })' },
          location,
        ),
      ]
    : []

/**
 * A checked tree as a typed condition. validateCondition and {@link bareFactRoot} refuse everything the schema
 * refuses, with sharper messages; should they ever miss a case, it is still reported where it is, never thrown.
 */
const typedCondition = (tree: unknown, location: Parameters<typeof zodToIssues>[1], issues: Issue[]): TopLevelCondition | undefined => {
  const parsed = TopLevelConditionSchema.safeParse(tree)
  if (parsed.success) return parsed.data
  issues.push(...zodToIssues(parsed.error, location))
  return undefined
}

/**
 * Validates a pack's files and reports every problem at once (errors and warnings, each with file,
 * JSON pointer, line and column, in Chinese and English). Never throws on bad content.
 */
export const validateRulePack = (files: RulePackFiles): RulePackReport => {
  const result = analyseRulePack(files)
  return { valid: result.pack !== undefined, issues: result.issues }
}

const analyseRulePack = (files: RulePackFiles): { pack?: RulePack; issues: Issue[] } => {
  const issues: Issue[] = []
  const paths = Object.keys(files).sort()
  if (!paths.includes(PACK_FILE)) issues.push(makeIssue('missing-pack-json', {}, { file: PACK_FILE }))
  const ruleFiles = paths.filter(isRuleFile)
  if (ruleFiles.length === 0) issues.push(makeIssue('no-rule-files', {}, {}))

  let config: PackConfig | undefined
  let configSource: JsonSource | undefined
  if (paths.includes(PACK_FILE)) {
    configSource = sourceOf(PACK_FILE, files[PACK_FILE], issues)
    if (configSource) {
      const parsed = PackConfigSchema.safeParse(configSource.value)
      if (parsed.success) {
        config = parsed.data
        issues.push(...checkConfig(config, PACK_FILE, configSource))
      } else issues.push(...zodToIssues(parsed.error, { file: PACK_FILE, locate: configSource.locate }))
    }
  }

  // First pass: shapes, ids and shared condition names, so references can be checked across files.
  const shells: { file: string; source: JsonSource; data: z.infer<typeof RuleShellSchema> }[] = []
  const conditionSites = new Map<string, string>()
  const ruleSites = new Map<string, string>()
  for (const file of ruleFiles) {
    const source = sourceOf(file, files[file], issues)
    if (!source) continue
    // zod's record (like any plain object) turns a "__proto__" key into a prototype: the condition would vanish.
    const raw = source.value
    if (typeof raw === 'object' && raw !== null && 'conditions' in raw && typeof raw.conditions === 'object' && raw.conditions !== null && Object.hasOwn(raw.conditions, '__proto__')) {
      const pointer = '/conditions/__proto__'
      issues.push(makeIssue('reserved-condition-name', { name: '__proto__' }, { file, pointer, ...source.locate(pointer) }))
    }
    const parsed = RuleShellSchema.safeParse(source.value)
    if (!parsed.success) {
      issues.push(...zodToIssues(parsed.error, { file, locate: source.locate }))
      continue
    }
    shells.push({ file, source, data: parsed.data })
    for (const name of Object.keys(parsed.data.conditions ?? {})) {
      const pointer = `/conditions/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`
      const first = conditionSites.get(name)
      if (first) issues.push(makeIssue('duplicate-condition-name', { name, first }, { file, pointer, ...source.locate(pointer) }))
      else conditionSites.set(name, `${file}#${pointer}`)
    }
    parsed.data.rules.forEach((rule, i) => {
      const pointer = `/rules/${i}/id`
      const first = ruleSites.get(rule.id)
      if (first) issues.push(makeIssue('duplicate-rule-id', { id: rule.id, first }, { file, pointer, ...source.locate(pointer) }))
      else ruleSites.set(rule.id, `${file}#/rules/${i}`)
    })
  }

  // Second pass: every condition tree, event and reference.
  const sharedNames = new Set(conditionSites.keys())
  const regexCache: ConditionContext['regexCache'] = new Map()
  const vocabulary = config ? patternVocabulary(config) : new Map<string, PatternDefinition>(Object.entries(PATTERNS).map(([id, l]) => [id, { id, zh: l.zh }]))
  const conditions: Record<string, TopLevelCondition> = {}
  const rules: LoadedRule[] = []
  for (const { file, source, data } of shells) {
    const ctx: ConditionContext = { file, locate: source.locate, sharedConditions: sharedNames, regexCache, factDefinition: (name) => datedFactDefinition(config, name) }
    for (const [name, tree] of Object.entries(data.conditions ?? {})) {
      const pointer = `/conditions/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`
      const found = [...validateCondition(tree, pointer, ctx), ...bareFactRoot(tree, 'shared', { file, pointer, ...source.locate(pointer) })]
      issues.push(...found)
      if (!found.some((i) => i.severity === 'error')) {
        const typed = typedCondition(tree, { file, base: pointer, locate: source.locate }, issues)
        if (typed) conditions[name] = typed
      }
    }
    data.rules.forEach((shell, i) => {
      const pointer = `/rules/${i}`
      const at = (p: string) => ({ file, pointer: p, ...source.locate(p) })
      const found = [...validateCondition(shell.conditions, `${pointer}/conditions`, ctx), ...bareFactRoot(shell.conditions, 'rule', at(`${pointer}/conditions`))]
      issues.push(...found)
      issues.push(...checkRuleNamePlaceholders(shell.name, config, at(`${pointer}/name`)))
      const { event } = shell
      if (event.type === 'pattern' && !vocabulary.has(event.params.pattern)) {
        issues.push(makeIssue('unknown-pattern', { pattern: event.params.pattern }, at(`${pointer}/event/params/pattern`), 'warning'))
      }
      if (event.type === 'disposition' && config && !config.dispositionLadder.includes(event.params.disposition)) {
        issues.push(makeIssue('disposition-not-in-ladder', { disposition: event.params.disposition }, at(`${pointer}/event/params/disposition`)))
      }
      if (!found.some((x) => x.severity === 'error') && shell.enabled !== false) {
        const typed = typedCondition(shell.conditions, { file, base: `${pointer}/conditions`, locate: source.locate }, issues)
        if (typed) rules.push({ ...shell, conditions: typed, file, pointer })
      }
    })
  }

  // Shared conditions must not reference themselves, directly or through others, nor nest too deeply.
  const locateIn = new Map(shells.map((s) => [s.file, s.source.locate]))
  const placed = (file: string, tree: unknown, pointer: string): PlacedTree => ({ tree, pointer, at: (p) => ({ file, pointer: p, ...locateIn.get(file)?.(p) }) })
  const shared = new Map<string, PlacedTree>()
  for (const name of sharedNames) {
    const [file, pointer] = conditionSites.get(name)!.split('#') as [string, string]
    if (conditions[name]) shared.set(name, placed(file, conditions[name], pointer))
  }
  issues.push(...checkConditionGraph(shared, rules.map((r) => placed(r.file, r.conditions, `${r.pointer}/conditions`))))

  if (!config || issues.some((i) => i.severity === 'error')) return { issues }
  const hashed = { config, files: Object.fromEntries(shells.map((s) => [s.file, { ...s.data, $schema: undefined }])) }
  const pack: RulePack = {
    name: config.name,
    version: config.version,
    hash: contentHash({ ...hashed, config: { ...config, $schema: undefined } }),
    config,
    rules,
    conditions,
    patterns: vocabulary,
    warnings: issues.filter((i) => i.severity === 'warning'),
  }
  return { pack, issues }
}

/**
 * Loads a rule pack from its files (browser-safe: give it the folder's JSON texts by relative path).
 * An invalid pack never half-loads: it throws with every problem at once.
 *
 * @throws {ChufeiError} `INVALID_RULE_PACK`, whose `issues` name file, pointer, line and reason
 * @example
 * ```ts
 * const pack = parseRulePack({ 'pack.json': packText, 'scale.json': scaleText })
 * const scorer = createScorer(pack)
 * ```
 */
export const parseRulePack = (files: RulePackFiles): RulePack => {
  const { pack, issues } = analyseRulePack(files)
  if (pack) return pack
  const errors = issues.filter((i) => i.severity === 'error').length
  throw new ChufeiError('INVALID_RULE_PACK', `规则包无效：${errors} 个错误 / invalid rule pack: ${errors} error(s)`, { issues })
}

/** {@link parseRulePack} without throwing: `{ success, data | error }`. */
export const safeParseRulePack = (files: RulePackFiles): SafeResult<RulePack> => {
  try {
    return { success: true, data: parseRulePack(files) }
  } catch (error) {
    if (error instanceof ChufeiError) return { success: false, error }
    throw error
  }
}
