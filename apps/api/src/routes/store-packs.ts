import { ChufeiError, createScorer, type RulePack } from '@chufei/core'
import { assertCanPublishPacks, getPackVersion, listPackVersions, publishPackVersion, rollbackPackVersion, type PackVersion, type PackVersionView } from '@chufei/store'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { jsonResponse } from '../middleware/request-context'
import { deriveVersion, filesVersion, withVersion } from '../pack-version-name'
import { errorResponse, json } from './_openapi'
import { packRef } from './_scorer'
import { parseInput, readJsonInput, STORE_SECURITY, storeErrorResponses, type StoreContext, type StoreRoute } from './_store'
import { PackFilesSchema, PacksBody, PublishedBody } from './_pack-schemas'

/*
 * Rule pack versions (规则包版本) over the store: the history, publishing the console's edited pack as a new
 * version, and rolling back to an earlier one. A pack is validated by the rule-pack loader in a worker thread
 * (as the server's reloads are), then recorded, then served AT ONCE: the holder swaps to it, so the next
 * `/v1/score` answers with the new version. Publishes, rollbacks and the folder's reloads take turns in the
 * holder, so an older pack can never replace a newer one.
 */

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) })

const PublishRequest = z
  .object({
    files: PackFilesSchema,
    reason: z.string().trim().min(1, '请写明发布原因').max(2000).meta({ description: 'Why (发布原因): required, kept in the history' }),
    version: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .regex(/^[\p{L}\p{N}._+-]+$/u, '只能用字母、数字和 . _ + -')
      .optional()
      .meta({ description: 'The version to publish as; default the edited pack.json’s when new, else <base>+<n>' }),
  })
  .strict()

const RollbackRequest = z.object({ reason: z.string().trim().min(1, '请写明回滚原因').max(2000) }).strict()

/** The version a stored row is, without its files. */
const view = (v: PackVersion): PackVersionView => {
  const { files: _files, ...rest } = v
  return rest
}

/** Validates `files` with the loader off the request thread; an invalid pack is 422 with every located issue. */
const validated = async (s: StoreContext, files: Readonly<Record<string, string>>): Promise<RulePack> => {
  const result = await s.validatePack(files)
  if (result.success) return result.data
  throw result.error
}

/** What the holder serves now, to record as what a publish replaced. */
const serving = (s: StoreContext) => {
  const scorer = s.rules.current()
  return scorer === undefined ? null : { version: scorer.pack.version, hash: scorer.pack.hash }
}

const sameFiles = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, unknown>> | undefined): boolean =>
  b !== undefined && Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => Object.hasOwn(b, k) && b[k] === a[k])

/** The pack served now with its files (the rules folder's, before anything is published), for the store to record first. */
const baseline = (s: StoreContext) => {
  const scorer = s.rules.current()
  const files = s.rules.files()
  if (scorer === undefined || files === undefined || !Object.values(files).every((v) => typeof v === 'string')) return {}
  return { baseline: { name: scorer.pack.name, version: scorer.pack.version, hash: scorer.pack.hash, files: files as Record<string, string> } }
}

const publish = async (c: Parameters<StoreRoute['handle']>[0], s: StoreContext): Promise<Response> => {
  // Refused before any work: validating a pack costs a worker thread.
  assertCanPublishPacks(s.actor)
  const body = await readJsonInput(c, s, PublishRequest)
  return s.rules.exclusive(async () => {
    // The served files sent back unedited: a derived version would make them "new" by their version alone.
    if (sameFiles(body.files, s.rules.files())) {
      throw new ChufeiError('CONFLICT', `规则包与正在使用的版本 ${s.rules.current()?.pack.version ?? ''} 完全相同，未发布：请先修改规则`)
    }
    const own = filesVersion(body.files)
    const taken = [...(await listPackVersions(s.db, s.actor, { limit: 1000 })).map((v) => v.version), ...(serving(s) === null ? [] : [serving(s)!.version])]
    const version = body.version ?? (own === undefined ? undefined : deriveVersion(own, taken))
    const files = version === undefined ? { ...body.files } : withVersion(body.files, version)
    const pack = await validated(s, files)
    const published = await publishPackVersion(s.db, s.actor, {
      name: pack.name,
      version: pack.version,
      hash: pack.hash,
      files,
      reason: body.reason,
      replaced: serving(s),
      ...baseline(s),
    })
    s.rules.replace(createScorer(pack), files)
    return jsonResponse(c.get('requestId'), { version: view(published), rulePack: packRef(s.rules.current()!), warnings: pack.warnings.length }, 201)
  })
}

const rollback = async (c: Parameters<StoreRoute['handle']>[0], s: StoreContext): Promise<Response> => {
  assertCanPublishPacks(s.actor)
  const { id } = parseInput(IdParams, c.req.param(), { zh: '地址参数', en: 'path' })
  const body = await readJsonInput(c, s, RollbackRequest)
  return s.rules.exclusive(async () => {
    const target = await getPackVersion(s.db, s.actor, id)
    // Published under an earlier release, it must still validate under this one before it is served.
    const pack = await validated(s, target.files)
    if (pack.hash !== target.hash) throw new ChufeiError('CONFLICT', `第 ${id} 号版本的规则在本程序版本下的校验结果已不同（哈希变了），请重新编辑后发布`)
    const published = await rollbackPackVersion(s.db, s.actor, id, { reason: body.reason, replaced: serving(s) })
    s.rules.replace(createScorer(pack), target.files)
    return jsonResponse(c.get('requestId'), { version: view(published), rulePack: packRef(s.rules.current()!), warnings: pack.warnings.length }, 201)
  })
}

/** The routes of rule pack versions. */
export const PACK_ROUTES: readonly StoreRoute[] = [
  {
    route: createRoute({
      method: 'get',
      path: '/v1/packs',
      summary: '规则包版本 Pack history',
      description:
        'The pack being served and the published versions, newest first: who, when, why, version, hash, what each replaced, and which are rollbacks. The newest published version is the one served; while none is published the server serves its rules folder. Town offices, the administrator and read-only users; not village or department users (403).',
      tags: ['store'],
      security: STORE_SECURITY,
      responses: { 200: { description: 'History', content: json(PacksBody) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const versions = await listPackVersions(s.db, s.actor)
      const scorer = s.rules.current()
      return jsonResponse(c.get('requestId'), { serving: scorer === undefined ? null : packRef(scorer), versions })
    },
  },
  {
    route: createRoute({
      method: 'post',
      path: '/v1/packs',
      summary: '发布规则包 Publish a pack version',
      description: [
        'The edited pack (every file, path → JSON text) with the reason, and optionally the version. Validated by the rule-pack loader in a worker thread;',
        'an invalid pack is 422 with every issue located (file, pointer, line, column). On success the pack is recorded and served at once:',
        '`/v1/score` and `/v1/rules` answer with the new version from the next request. Without `version`, the edited pack.json’s version is used when',
        'it is new, else `<base>+<n>` (2024.2.0 → 2024.2.0+1). A town office or the administrator only; the same pack as the one served, or a version',
        'string already used for other files, is 409.',
      ].join(' '),
      tags: ['store'],
      security: STORE_SECURITY,
      request: { body: { required: true, content: json(PublishRequest) } },
      responses: {
        201: { description: 'Published and served', content: json(PublishedBody) },
        ...storeErrorResponses(),
        409: errorResponse('The pack being served already (CONFLICT), or the version string is taken'),
        422: errorResponse('The pack does not validate (INVALID_RULE_PACK); details lists each issue with file, pointer, line and column'),
      },
    }),
    handle: publish,
  },
  {
    route: createRoute({
      method: 'post',
      path: '/v1/packs/{id}/rollback',
      summary: '回滚规则包 Roll back to a version',
      description:
        'Publishes version {id}’s files again as a new version row (with the reason; the history keeps every row) and serves it at once. A town office or the administrator only; 409 when that pack is the one served.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { params: IdParams, body: { required: true, content: json(RollbackRequest) } },
      responses: {
        201: { description: 'Rolled back and served', content: json(PublishedBody) },
        ...storeErrorResponses(),
        409: errorResponse('That pack is the one served already (CONFLICT)'),
        422: errorResponse('The version no longer validates under this release (INVALID_RULE_PACK)'),
      },
    }),
    handle: rollback,
  },
]
