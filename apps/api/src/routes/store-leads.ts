import { ChufeiError, createScorer } from '@chufei/core'
import { getLead, leadPackFiles, OpenCaseSchema, openCaseForLead } from '@chufei/store'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { jsonResponse } from '../middleware/request-context'
import { ExplanationSchema } from '../schemas'
import { errorResponse, json } from './_openapi'
import { currentScorer } from './_scorer'
import { scoringPack } from './_scoring-pack'
import { parseInput, readJsonInput, STORE_SECURITY, storeErrorResponses, type StoreContext, type StoreRoute } from './_store'
import { CaseBody, packRef, StoredLeadBody } from './_store-schemas'

/*
 * A stored lead (入库线索) and why it scored as it did, condition by condition (逐条件解释), for the case page
 * (一事一策: "every point explained") and for the try page's "pick a stored lead".
 *
 * The explanation uses the pack that scored the lead when the server still has it (`scoringPack`: the pack
 * served, or a published version with the sweep's hash). Only when neither is at hand — the sweep was
 * scored by a rules/ folder since edited and never published — is it the pack being served, and the answer
 * says so (`samePack: false`), with whether the explanation still gives the stored tier and total, so no one
 * reads today's rules as the reason for last quarter's tier. The lead's "today" is its import's time, as it
 * was when it was scored.
 */

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) })

/** `GET /v1/leads/{id}/explanation`: the explanation and which pack gave it. */
export const LeadExplanationBody = z
  .object({
    lead: z.object({ id: z.number().int(), sweepId: z.number().int(), caseId: z.number().int().nullable(), line: z.number().int().nullable(), tier: z.string().nullable(), total: z.number().nullable() }),
    scoredWith: packRef.meta({ description: 'The pack the sweep was scored with' }),
    explainedWith: packRef.meta({ description: 'The pack this explanation comes from' }),
    samePack: z.boolean().meta({ description: 'true: the explanation comes from the very pack that scored the lead' }),
    matchesStored: z.boolean().meta({ description: 'The explanation gives the stored tier and total' }),
    explanation: ExplanationSchema,
  })
  .meta({ id: 'LeadExplanation' })

const explainStored = async (s: StoreContext, id: number) => {
  const lead = await getLead(s.db, s.actor, id)
  if (lead.status !== 'scored' || lead.input === null) {
    throw new ChufeiError('USAGE', `线索 ${id} 在导入时被退回（${String((lead.result['errors'] as { message?: string }[] | undefined)?.map((e) => e.message).join('；') ?? '读取失败')}），没有评分可解释：请改正排查表后重新导入`)
  }
  const pack = (await scoringPack(s, lead.sweep.pack.hash, () => leadPackFiles(s.db, s.actor, lead.id))) ?? currentScorer(s.rules).pack
  const scorer = createScorer(pack, { now: () => new Date(lead.sweep.importedAt) })
  const explanation = await scorer.explain(lead.input, lead.line === null ? {} : { line: lead.line })
  return {
    lead: { id: lead.id, sweepId: lead.sweep.id, caseId: lead.caseId, line: lead.line, tier: lead.tier, total: lead.total },
    scoredWith: lead.sweep.pack,
    explainedWith: { name: pack.name, version: pack.version, hash: pack.hash },
    samePack: pack.hash === lead.sweep.pack.hash,
    matchesStored: explanation.result.tier === lead.tier && explanation.result.total === lead.total,
    explanation,
  }
}

/** The stored-lead routes. */
export const LEAD_ROUTES: readonly StoreRoute[] = [
  {
    route: createRoute({
      method: 'get',
      path: '/v1/leads/{id}',
      summary: '入库线索 One stored lead',
      description: 'The lead as its sheet gave it (input), the result stored at import, and its sweep (date, file, pack). Only the token’s units’ leads; any other id is 404.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { params: IdParams },
      responses: { 200: { description: 'The lead', content: json(StoredLeadBody) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const { id } = parseInput(IdParams, c.req.param(), { zh: '地址参数', en: 'path' })
      return jsonResponse(c.get('requestId'), await getLead(s.db, s.actor, id))
    },
  },
  {
    route: createRoute({
      method: 'get',
      path: '/v1/leads/{id}/explanation',
      summary: '线索解释 Why a stored lead scored as it did',
      description: [
        'Every rule’s condition-level trace for the stored lead, from the pack that scored it when the server has it (the pack served, or a published version',
        'with the sweep’s pack hash), else from the pack served — then samePack is false. matchesStored says whether the explanation gives the stored tier and',
        'total. A lead without its own 排查日期 is dated by its import, as when it was scored. A row rejected at import has nothing to explain (400).',
      ].join(' '),
      tags: ['store'],
      security: STORE_SECURITY,
      request: { params: IdParams },
      responses: { 200: { description: 'The explanation', content: json(LeadExplanationBody) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const { id } = parseInput(IdParams, c.req.param(), { zh: '地址参数', en: 'path' })
      return jsonResponse(c.get('requestId'), await explainStored(s, id))
    },
  },
  {
    route: createRoute({
      method: 'post',
      path: '/v1/leads/{id}/case',
      summary: '人工立案 Open a case for a lead of the total list',
      description: [
        'A lead an import kept on the total list only (no key lead, no open case of its subject) taken into follow-up (一事一策) by hand, with a reason',
        '(kept as the case’s notes and in its history) and optionally a deadline (default today plus the days its disposition allows). A town office, or a',
        'village user on its own unit’s leads. 409 when the lead has a case or its subject has an open one (details.caseId names it); later sweeps link to it.',
      ].join(' '),
      tags: ['store'],
      security: STORE_SECURITY,
      request: { params: IdParams, body: { required: true, content: json(OpenCaseSchema.meta({ id: 'OpenCase' }), { reason: '村里反映该店开始收取“储值金”，需核查' }) } },
      responses: {
        201: { description: 'The case opened', content: json(CaseBody) },
        ...storeErrorResponses(),
        409: errorResponse('The lead has a case, or its subject has an open case (CONFLICT): details.caseId'),
      },
    }),
    handle: async (c, s) => {
      const { id } = parseInput(IdParams, c.req.param(), { zh: '地址参数', en: 'path' })
      const input = await readJsonInput(c, s, OpenCaseSchema)
      return jsonResponse(c.get('requestId'), await openCaseForLead(s.db, s.actor, id, input, { today: s.today() }), 201)
    },
  },
]
