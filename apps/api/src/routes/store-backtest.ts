import { ChufeiError, createScorer, scoreRow, type Result } from '@chufei/core'
import { diffBacktest, type BacktestPackInfo, type BacktestPair } from '@chufei/core/analyst'
import { sweepPackFiles, sweepResults } from '@chufei/store'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { jsonResponse } from '../middleware/request-context'
import { errorResponse, json } from './_openapi'
import { readJsonInput, STORE_SECURITY, storeErrorResponses, type StoreContext, type StoreRoute } from './_store'
import { BacktestBody, PackFilesSchema } from './_pack-schemas'
import { scoringPack } from './_scoring-pack'

/*
 * The backtest of an edited pack on a stored sweep (存量批次回测): every lead of the sweep the token may read is
 * scored again with the edited pack and compared with the result stored at import, by core's diffBacktest —
 * the comparison `chufei diff` prints — so the console shows the same matrix, moved leads and rules as the CLI.
 *
 * Bounded: a sweep's leads are bounded by the import's body limit (CHUFEI_BATCH_BYTES, 32 MiB by default),
 * and a backtest reads at most MAX_BACKTEST_LEADS of them, a page of 1000 at a time, keeping of each result
 * only what the comparison reads; it takes a turn of the upload parse gate (a few at once, then 503 BUSY),
 * and yields to other requests between pages. The answer lists the first MAX_MOVED_LISTED moved leads.
 */

/** Most leads one backtest re-scores: far above a village's or a town's sweep, bounded for memory. */
export const MAX_BACKTEST_LEADS = 50_000
/** Most moved leads the answer lists (all are counted). */
export const MAX_MOVED_LISTED = 500

const BacktestRequest = z
  .object({
    files: PackFilesSchema,
    sweepId: z.number().int().positive().max(2 ** 31 - 1).meta({ description: 'A stored sweep the token can read (GET /v1/sweeps)' }),
  })
  .strict()

/** Only what diffBacktest reads: a sweep's results hold warnings and assignments it does not need. */
const slim = (r: Result): Result =>
  r.status === 'scored'
    ? ({ status: 'scored', id: r.id, line: r.line, total: r.total, tier: r.tier, disposition: r.disposition, patterns: r.patterns, scores: r.scores, reasons: r.reasons } as Result)
    : ({ status: 'rejected', id: r.id, line: r.line, errors: r.errors } as Result)

/**
 * The pack a sweep was scored with: itself when the server has it (served, or published with its hash), else
 * its reference and the rules its results name — then a rule that never fired on the sweep reads as added.
 */
const basePack = (ref: { name: string; version: string; hash: string }, known: BacktestPackInfo | undefined, names: ReadonlyMap<string, string>): BacktestPackInfo =>
  known ?? { ...ref, rules: [...names].map(([id, name]) => ({ id, name })) }

const subjectOf = (input: unknown): string | undefined => {
  const name = (input as { subject?: { name?: unknown } } | null)?.subject?.name
  return typeof name === 'string' ? name : undefined
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

const backtest = async (c: Parameters<StoreRoute['handle']>[0], s: StoreContext): Promise<Response> => {
  const body = await readJsonInput(c, s, BacktestRequest)
  // Read access first: a sweep the token cannot read is 404 before any work.
  const stored = await sweepResults(s.db, s.actor, body.sweepId)
  if (stored.leads > MAX_BACKTEST_LEADS) {
    throw new ChufeiError('USAGE', `该批次有 ${stored.leads} 条线索，回测一次至多 ${MAX_BACKTEST_LEADS} 条：请用 chufei diff 对原表回测`)
  }
  const validated = await s.validatePack(body.files)
  if (!validated.success) throw validated.error
  const pack = validated.data
  // A lead without its own 排查日期 is dated by the clock: score it as of its import, as the stored result was.
  const head = createScorer(pack, { now: () => new Date(stored.sweep.importedAt) })
  // Before taking a turn of the gate: finding a published base pack may take one itself.
  const known = await scoringPack(s, stored.sweep.pack.hash, () => sweepPackFiles(s.db, s.actor, body.sweepId))
  const leave = await s.gate.enter()
  try {
    const pairs: BacktestPair[] = []
    const names = new Map<string, string>()
    for await (const page of stored.pages()) {
      for (const row of page) {
        const before = slim(row.result)
        if (before.status === 'scored') for (const r of before.reasons) names.set(r.rule, r.label)
        // A row its reader rejected has no lead; the pack does not change what a valid lead is.
        const after = before.status === 'scored' && row.input !== null ? slim(await scoreRow(head, { kind: 'lead', lead: row.input, ...(row.line === null ? {} : { line: row.line }) })) : before
        const subject = subjectOf(row.input)
        pairs.push({ base: before, head: after, ...(subject === undefined ? {} : { subject }) })
      }
      await nextTurn()
    }
    const diff = diffBacktest(pairs, basePack(stored.sweep.pack, known, names), pack)
    const { sweep } = stored
    return jsonResponse(c.get('requestId'), {
      sweep: { id: sweep.id, unit: sweep.unit, date: sweep.date, fileName: sweep.fileName },
      ...diff,
      moved: diff.moved.slice(0, MAX_MOVED_LISTED),
      movedCount: diff.moved.length,
    })
  } finally {
    leave()
  }
}

/** The backtest route. */
export const BACKTEST_ROUTES: readonly StoreRoute[] = [
  {
    route: createRoute({
      method: 'post',
      path: '/v1/backtest',
      summary: '回测 Backtest an edited pack on a stored sweep',
      description: [
        'The edited pack (path → JSON text) and a stored sweep the token can read: each of the sweep’s leads the token may read is scored again with the',
        'edited pack and compared with the result stored at import — the tier transition matrix (before × after over red/orange/yellow/blue/none),',
        `disposition changes, the moved leads (first ${MAX_MOVED_LISTED}; movedCount counts all) with the rules that moved them, and each rule’s hits before`,
        `and after. The same comparison as \`chufei diff\`. Nothing is stored or served. At most ${MAX_BACKTEST_LEADS} leads; a few backtests and uploads run at once,`,
        'the rest wait or get 503 BUSY.',
      ].join(' '),
      tags: ['store'],
      security: STORE_SECURITY,
      request: { body: { required: true, content: json(BacktestRequest) } },
      responses: {
        200: { description: 'The comparison', content: json(BacktestBody) },
        ...storeErrorResponses(),
        422: errorResponse('The edited pack does not validate (INVALID_RULE_PACK); details lists each issue with file, pointer, line and column'),
        503: errorResponse('Too many uploads and backtests at once (BUSY; see Retry-After)'),
      },
    }),
    handle: backtest,
  },
]
