import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ChufeiError } from '@chufei/core'
import { findUnit, importSweep, listSweeps, listUnits, type Actor, type Db, type Unit } from '@chufei/store'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { jsonResponse } from '../middleware/request-context'
import { errorResponse, json } from './_openapi'
import { currentScorer } from './_scorer'
import { parseInput, STORE_SECURITY, storeErrorResponses, type StoreContext, type StoreRoute } from './_store'
import { unitParam } from './_store-query'

/*
 * One-click sample data (导入示例数据) for a fresh installation: the repository's two bundled sweeps — 2024 Q1 as
 * a workbook, Q2 as CSV, the README's case-store demo — imported into a town, in date order, so a first look
 * at the console has cases, a trend and a report. The files are fixed names found beside the installation,
 * never a path from the request. Idempotent: a file imported before is reported as such (the store refuses
 * the same file twice), so a second click changes nothing.
 */

/** The bundled sample sweeps, oldest first: repository path and sweep date. */
export const SAMPLE_SWEEPS: ReadonlyArray<{ readonly path: string; readonly date: string }> = [
  { path: 'fixtures/sheets/sweep-2024q1.xlsx', date: '2024-03-31' },
  { path: 'fixtures/sweeps/2024q2.csv', date: '2024-06-30' },
]

/**
 * The repository folder holding the samples: the nearest folder above this module with every sample file
 * (the sources run from `apps/api/src/routes`, the build from `apps/api/dist`). `undefined` when the
 * installation has no samples (a package installed without the repository).
 */
export const findSamplesRoot = (from: string = dirname(fileURLToPath(import.meta.url))): string | undefined => {
  let dir = from
  for (let up = 0; up < 8; up++) {
    if (SAMPLE_SWEEPS.every((s) => existsSync(join(dir, s.path)))) return dir
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
  return undefined
}

const SamplesQuery = z.object({
  unit: unitParam.optional().meta({ description: 'The town to import into (id or name); default the token’s town, or the only town for the administrator' }),
})

const SampleOutcomeBody = z.object({
  fileName: z.string(),
  date: z.string(),
  status: z.enum(['imported', 'already']).meta({ description: 'imported now, or imported before (nothing changed)' }),
  sweepId: z.number().int().nullable().meta({ description: 'The sweep; null when it was imported before into a unit the token cannot read' }),
  counts: z.object({ read: z.number().int(), scored: z.number().int(), rejected: z.number().int(), skipped: z.number().int() }).nullable(),
  newCases: z.number().int().nullable(),
  linked: z.number().int().nullable(),
  listedOnly: z.number().int().nullable().meta({ description: 'Scored leads kept on the total list only (no case)' }),
  escalations: z.number().int().nullable(),
  resurfacing: z.number().int().nullable(),
})

const SamplesBody = z
  .object({ unit: z.object({ id: z.number().int(), name: z.string() }), sweeps: z.array(SampleOutcomeBody) })
  .meta({ id: 'SampleImport' })

/** The town the samples go to: the one asked for, the token's own, or the only town there is. */
const targetTown = async (db: Db, actor: Actor, asked: number | string | undefined): Promise<Unit> => {
  if (actor.role !== 'admin' && actor.role !== 'town-admin') {
    throw new ChufeiError('FORBIDDEN', '无权导入示例数据：只有镇处非办或本机管理员可以导入排查表')
  }
  let unit: Unit
  if (asked !== undefined) unit = await findUnit(db, actor, asked)
  else if (actor.unitId !== null) unit = await findUnit(db, actor, actor.unitId)
  else {
    const towns = (await listUnits(db, actor)).filter((u) => u.kind === 'town')
    if (towns.length !== 1) throw new ChufeiError('USAGE', towns.length === 0 ? '还没有镇：请先新建一个镇，再导入示例数据' : '有多个镇：请指明导入到哪个镇（unit）')
    unit = towns[0]!
  }
  if (unit.kind !== 'town') throw new ChufeiError('USAGE', `「${unit.name}」不是镇：示例排查表是全镇的，请导入到镇`)
  return unit
}

const importSamples = async (c: Parameters<StoreRoute['handle']>[0], s: StoreContext): Promise<Response> => {
  const q = parseInput(SamplesQuery, c.req.query(), { zh: '查询参数', en: 'query' })
  const town = await targetTown(s.db, s.actor, q.unit)
  const root = findSamplesRoot()
  if (root === undefined) throw new ChufeiError('NOT_FOUND', '本安装没有附带示例排查表（fixtures/），请从代码仓库运行 npm run serve')
  // The pack, not the scorer: a large sheet is then scored in a worker thread and this one keeps answering.
  const { pack } = currentScorer(s.rules)
  const sweeps: Array<z.infer<typeof SampleOutcomeBody>> = []
  // One turn of the parse gate for both files: reading and scoring them is what this costs.
  const leave = await s.gate.enter()
  try {
    for (const sample of SAMPLE_SWEEPS) {
      const fileName = sample.path.slice(sample.path.lastIndexOf('/') + 1)
      try {
        const o = await importSweep(s.db, s.actor, {
          bytes: new Uint8Array(await readFile(join(root, sample.path))),
          fileName,
          unit: town.id,
          date: sample.date,
          scorer: { pack },
          read: { xlsxLimits: s.xlsxLimits },
        })
        sweeps.push({
          fileName,
          date: sample.date,
          status: 'imported',
          sweepId: o.sweepId,
          counts: o.counts,
          newCases: o.newCases,
          linked: o.linked,
          listedOnly: o.listedOnly,
          escalations: o.escalations.length,
          resurfacing: o.resurfacing.length,
        })
      } catch (error) {
        if (!(error instanceof ChufeiError) || error.code !== 'CONFLICT') throw error
        // Imported before: name the sweep only when the token can read it.
        const earlier = error.data?.sweepId
        const visible = typeof earlier === 'number' && (await listSweeps(s.db, s.actor)).some((x) => x.id === earlier)
        sweeps.push({ fileName, date: sample.date, status: 'already', sweepId: visible ? earlier : null, counts: null, newCases: null, linked: null, listedOnly: null, escalations: null, resurfacing: null })
      }
    }
  } finally {
    leave()
  }
  const body = { unit: { id: town.id, name: town.name }, sweeps }
  return jsonResponse(c.get('requestId'), body, sweeps.some((x) => x.status === 'imported') ? 201 : 200)
}

/** The route of the sample data. */
export const SAMPLE_ROUTES: readonly StoreRoute[] = [
  {
    route: createRoute({
      method: 'post',
      path: '/v1/samples',
      summary: '导入示例数据 Import the bundled sample sweeps',
      description: `The repository's sample sweeps (${SAMPLE_SWEEPS.map((x) => `${x.path}, ${x.date}`).join('; ')}) imported into a town, oldest first, as POST /v1/sweeps would. A file imported before is \`already\` (nothing changes). A town office or the administrator only; no body.`,
      tags: ['store'],
      security: STORE_SECURITY,
      request: { query: SamplesQuery },
      responses: {
        200: { description: 'Every sample was imported before: nothing changed', content: json(SamplesBody) },
        201: { description: 'Imported (at least one file)', content: json(SamplesBody) },
        ...storeErrorResponses(),
        503: errorResponse('No valid rule pack (NOT_READY), or too many uploads being read (BUSY)'),
      },
    }),
    handle: importSamples,
  },
]
