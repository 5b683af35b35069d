import type { LoadedRule, RulePack, RulePackFiles, SafeResult } from '@chufei/core'
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../_env'
import { readJson } from '../body'
import { apiFailure, issueDetail } from '../errors'
import type { ParseGate } from '../parse-gate'
import type { RulePackHolder } from '../rule-pack-holder'
import { ValidateRequestSchema } from '../schemas'
import { commonResponses, json, Report, Rules, security, serveRoute, type RouteOptions } from './_openapi'
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
    ...(event.type === 'escalate' || event.type === 'cap' ? { tier: event.params.tier } : {}),
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

/** `GET /v1/rules`, as the options state it. */
export const rulesRoute = (options: RouteOptions) => {
  const common = commonResponses(options)
  return createRoute({
    method: 'get',
    path: '/v1/rules',
    summary: '规则列表 The loaded rule pack',
    description: 'Name, version, hash, pattern vocabulary and every enabled rule (id, name, and its dimension, pattern, tier or disposition).',
    tags: ['rules'],
    security: security(options),
    responses: { 200: { description: 'The pack', content: json(Rules) }, 503: common[503], 429: common[429] },
  })
}

/** `POST /v1/rules/validate`, as the options state it. */
export const validateRoute = (options: RouteOptions) =>
  createRoute({
    method: 'post',
    path: '/v1/rules/validate',
    summary: '规则包校验 Validate a rule pack',
    description: 'A pack as `{ "files": { "<relative path>": "<JSON text>" } }` → the loader’s report: valid or not, and every issue with file, JSON pointer, line and column. Does not change the pack being served. Validated in a worker thread, a few at a time with the batch uploads (503 `BUSY` with Retry-After when every turn is taken).',
    tags: ['rules'],
    security: security(options),
    request: { body: { required: true, content: json(ValidateRequestSchema) } },
    responses: { 200: { description: 'The report', content: json(Report) }, ...commonResponses(options) },
  })

/** `GET /v1/rules` (the pack being served) and `POST /v1/rules/validate` (check a pack without loading it). */
/**
 * How `POST /v1/rules/validate` validates: off the server's thread, a few packs at a time. Validation time
 * grows with the pack (every condition tree, every regex compiled for RE2), and a 1 MiB body is allowed: in the
 * request's own thread one hostile pack would stop every other request until it was done.
 */
export interface ValidateOptions {
  readonly gate: ParseGate
  readonly validatePack: (files: RulePackFiles) => Promise<SafeResult<RulePack>>
}

export const registerRulesRoutes = (app: OpenAPIHono<AppEnv>, rules: RulePackHolder, options: RouteOptions & ValidateOptions): void => {
  serveRoute(app, rulesRoute(options), (c) => {
    const scorer = currentScorer(rules)
    const { pack } = scorer
    return c.json({
      ...packRef(scorer),
      ...(pack.config.description === undefined ? {} : { description: pack.config.description }),
      patterns: [...pack.patterns.values()].map((p) => ({ id: p.id, zh: p.zh, ...(p.en === undefined ? {} : { en: p.en }) })),
      rules: pack.rules.map(ruleSummary),
    })
  })
  serveRoute(app, validateRoute(options), async (c) => {
    const files = packFiles(await readJson(c, options.limits.singleBytes))
    const leave = await options.gate.enter()
    let parsed: SafeResult<RulePack>
    try {
      parsed = await options.validatePack(files)
    } finally {
      leave()
    }
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
