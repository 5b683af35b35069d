import { safeParseRulePack, type LoadedRule, type RulePackFiles } from '@chufei/core'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../_env'
import type { BodyLimits } from '../app'
import { readJson } from '../body'
import { apiFailure, issueDetail } from '../errors'
import type { RulePackHolder } from '../rule-pack-holder'
import { currentScorer, packRef } from './_scorer'

/** At most this many files in a pack sent to `/v1/rules/validate`. */
export const MAX_PACK_FILES = 500

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** One rule as `GET /v1/rules` lists it. */
export const ruleSummary = (rule: LoadedRule) => {
  const { event } = rule
  return {
    id: rule.id,
    name: rule.name,
    ...(rule.description === undefined ? {} : { description: rule.description }),
    file: rule.file,
    type: event.type,
    ...(event.type === 'score' ? { dimension: event.params.dimension, points: event.params.points } : {}),
    ...(event.type === 'pattern' ? { pattern: event.params.pattern } : {}),
    ...(event.type === 'escalate' ? { tier: event.params.tier } : {}),
    ...(event.type === 'disposition' ? { disposition: event.params.disposition } : {}),
  }
}

const badFiles = (messageEn: string, message: string, details?: unknown) =>
  apiFailure({ code: 'USAGE', message, messageEn, details })

/** The `files` of a validate request as a prototype-free map, or a 400. */
const packFiles = (body: unknown): RulePackFiles => {
  const files =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).files : undefined
  if (typeof files !== 'object' || files === null || Array.isArray(files)) {
    throw badFiles('Expected { "files": { "<path>": "<JSON text>" } }', '请求体应为 { "files": { "文件路径": "JSON 文本" } }')
  }
  const entries = Object.entries(files)
  if (entries.length > MAX_PACK_FILES) {
    throw badFiles(`At most ${MAX_PACK_FILES} files`, `文件数不能超过 ${MAX_PACK_FILES} 个`, { maxFiles: MAX_PACK_FILES })
  }
  const map: Record<string, unknown> = Object.create(null)
  for (const [path, content] of entries) {
    const segments = path.split('/')
    if (path.length > 300 || segments.some((s) => s === '' || s === '.' || s === '..' || FORBIDDEN_KEYS.has(s))) {
      throw badFiles(`Bad file path: ${path.slice(0, 300)}`, `文件路径不合法：${path.slice(0, 300)}`, { path: path.slice(0, 300) })
    }
    map[path] = content
  }
  return map
}

/** `GET /v1/rules` (the pack being served) and `POST /v1/rules/validate` (check a pack without loading it). */
export const registerRulesRoutes = (app: OpenAPIHono<AppEnv>, rules: RulePackHolder, limits: BodyLimits): void => {
  app.get('/v1/rules', (c) => {
    const scorer = currentScorer(rules)
    const { pack } = scorer
    return c.json({
      ...packRef(scorer),
      ...(pack.config.description === undefined ? {} : { description: pack.config.description }),
      patterns: [...pack.patterns.values()].map((p) => ({ id: p.id, zh: p.zh, ...(p.en === undefined ? {} : { en: p.en }) })),
      rules: pack.rules.map(ruleSummary),
    })
  })
  app.post('/v1/rules/validate', async (c) => {
    const files = packFiles(await readJson(c, limits.singleBytes))
    const parsed = safeParseRulePack(files)
    if (parsed.success) {
      const pack = parsed.data
      return c.json({
        valid: true,
        issues: pack.warnings.map(issueDetail),
        rulePack: { name: pack.name, version: pack.version, hash: pack.hash, rules: pack.rules.length },
      })
    }
    if (parsed.error.code !== 'INVALID_RULE_PACK') throw parsed.error
    return c.json({ valid: false, issues: parsed.error.issues.map(issueDetail) })
  })
}
