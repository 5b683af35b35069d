import { CASE_STATUSES, ROLES, UNIT_KINDS } from '@chufei/store'
import { z } from 'zod'

/*
 * The bodies of the store routes as zod schemas, named components of the OpenAPI document. They mirror the
 * store's views (CaseView, SweepView, …); the route tests parse real answers with them, so the document
 * cannot drift from what the API sends.
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: 'YYYY-MM-DD' })
const json = z.record(z.string(), z.unknown())

/** 单位: a town, or a village/department under it. */
export const UnitBody = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(UNIT_KINDS), parentId: z.number().int().nullable() }).meta({ id: 'Unit' })

/** 用户. */
export const UserBody = z
  .object({ id: z.number().int(), login: z.string(), displayName: z.string(), role: z.enum(ROLES), unitId: z.number().int().nullable() })
  .meta({ id: 'User' })

/** A token as issued: shown once. */
export const IssuedTokenBody = z
  .object({ token: z.string().meta({ description: 'cft_<id>_<secret>: shown once, only its hash is kept' }), tokenId: z.number().int(), user: UserBody })
  .meta({ id: 'IssuedToken' })

/** 案件: a subject under follow-up (一事一策). */
export const CaseBody = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    unit: z.string(),
    subject: z.object({
      id: z.number().int(),
      name: z.string(),
      creditCode: z.string().nullable(),
      controller: z.string().nullable(),
      places: z.record(z.string(), z.string()),
    }),
    tier: z.string(),
    total: z.number(),
    disposition: z.string(),
    measures: z.string(),
    deadline: date.nullable().meta({ description: '整改时限' }),
    status: z.enum(CASE_STATUSES),
    plan: z.string().meta({ description: '一事一策' }),
    notes: z.string(),
    escalated: z.boolean(),
    resurfacedFrom: z.number().int().nullable().meta({ description: 'The closed case this one resurfaces (卷土重来)' }),
    firstSweepId: z.number().int(),
    lastSweepId: z.number().int(),
    version: z.number().int().meta({ description: 'Give it back with PATCH; a stale one is 409' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Case' })

/** An overdue case. */
export const OverdueCaseBody = CaseBody.extend({ daysOverdue: z.number().int() }).meta({ id: 'OverdueCase' })

/** 事件: one change of a case. */
export const CaseEventBody = z
  .object({
    id: z.number().int(),
    caseId: z.number().int(),
    at: z.string(),
    kind: z.string(),
    userId: z.number().int().nullable(),
    user: z.string().nullable(),
    sweepId: z.number().int().nullable(),
    before: json.nullable(),
    after: json.nullable(),
  })
  .meta({ id: 'CaseEvent' })

/** A lead of a case, in one sweep. */
export const CaseLeadBody = z
  .object({
    id: z.number().int(),
    sweepId: z.number().int(),
    sweepDate: date,
    line: z.number().int().nullable(),
    leadRef: z.string().nullable(),
    tier: z.string().nullable(),
    total: z.number().nullable(),
    matchedBy: z.string().nullable(),
    result: json,
    input: json.nullable(),
  })
  .meta({ id: 'CaseLead' })

/** `GET /v1/cases/{id}`: the case, its leads across sweeps, its history. */
export const CaseDetailBody = z.object({ case: CaseBody, leads: z.array(CaseLeadBody), events: z.array(CaseEventBody) }).meta({ id: 'CaseDetail' })

/** A page of cases. */
export const CasePageBody = z
  .object({ items: z.array(CaseBody), limit: z.number().int(), offset: z.number().int(), more: z.boolean().meta({ description: 'Another page follows' }) })
  .meta({ id: 'CasePage' })

const counts = z.object({ read: z.number().int(), scored: z.number().int(), rejected: z.number().int(), skipped: z.number().int() })
/** A pack as results and sweeps name it. */
export const packRef = z.object({ name: z.string(), version: z.string(), hash: z.string() })

/** 排查批次. */
export const SweepBody = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    unit: z.string(),
    date,
    importedBy: z.string().nullable(),
    importedAt: z.string(),
    fileName: z.string(),
    sha256: z.string(),
    pack: packRef,
    counts,
  })
  .meta({ id: 'Sweep' })

// What every read of a stored lead gives (a sweep's list, one lead): its row, lead number, status, tier, total, case.
const leadRow = {
  line: z.number().int().nullable(),
  leadRef: z.string().nullable(),
  status: z.enum(['scored', 'rejected']),
  tier: z.string().nullable(),
  total: z.number().nullable(),
  caseId: z.number().int().nullable(),
}

/** One lead row of a sweep. */
export const SweepLeadBody = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    ...leadRow,
    matchedBy: z.string().nullable(),
    resurfacedFrom: z.number().int().nullable(),
    reason: z.string().nullable(),
    subject: z.string().nullable().meta({ description: 'The subject’s name as the sheet gave it' }),
  })
  .meta({ id: 'SweepLead' })

/** `GET /v1/leads/{id}`: one stored lead, as read and as scored, with its sweep. */
export const StoredLeadBody = z
  .object({
    id: z.number().int(),
    sweep: z.object({ id: z.number().int(), date, importedAt: z.string(), fileName: z.string(), pack: packRef }),
    unitId: z.number().int(),
    unit: z.string(),
    ...leadRow,
    subject: z.string().nullable(),
    input: z.record(z.string(), z.unknown()).nullable().meta({ description: 'The lead as read from its sheet (null when its row could not be read)' }),
    result: z.record(z.string(), z.unknown()).meta({ description: 'The result stored at import' }),
  })
  .meta({ id: 'StoredLead' })

/** `GET /v1/sweeps/{id}`: the sweep and its rejected rows with line and reason. */
export const SweepDetailBody = z.object({ sweep: SweepBody, rejected: z.array(SweepLeadBody) }).meta({ id: 'SweepDetail' })

/** `POST /v1/sweeps`: what the import did. */
export const ImportOutcomeBody = z
  .object({
    sweepId: z.number().int(),
    unit: z.object({ id: z.number().int(), name: z.string() }),
    date,
    fileName: z.string(),
    sha256: z.string(),
    pack: packRef,
    counts,
    newCases: z.number().int().meta({ description: 'Cases opened: key leads (yellow and above), leads whose rules ask for more than monitoring, and subjects whose case was closed (卷土重来)' }),
    linked: z.number().int().meta({ description: 'Leads linked to an open case of an earlier sweep' }),
    listedOnly: z.number().int().meta({ description: 'Scored leads kept on the sweep’s total list (总量风险清单) only: no open case, none opened' }),
    escalations: z.array(z.object({ caseId: z.number().int(), subject: z.string(), from: z.string(), to: z.string() })),
    resurfacing: z.array(
      z.object({
        caseId: z.number().int(),
        subject: z.string(),
        line: z.number().int().nullable(),
        earlierCaseId: z.number().int(),
        earlierUnit: z.string(),
        earlierStatus: z.string(),
        earlierSubject: z.string(),
        matchedBy: z.enum(['credit-code', 'name', 'controller']),
      }),
    ),
    rejected: z.array(z.object({ line: z.number().int().nullable(), leadRef: z.string().nullable(), reason: z.string() })),
  })
  .meta({ id: 'ImportOutcome' })

/** Open cases of a unit by tier. */
export const UnitOpenCasesBody = z
  .object({ unitId: z.number().int(), unit: z.string(), open: z.number().int(), byTier: z.record(z.string(), z.number().int()), overdue: z.number().int() })
  .meta({ id: 'UnitOpenCases' })
