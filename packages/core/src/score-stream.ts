import { rejectedResult, type Scorer } from './create-scorer'
import { ChufeiError } from './errors'
import type { LeadError, LeadWarning, Result } from './result'
import { TIER_IDS, type Tier } from './vocabulary'

/*
 * The one scoring stream (评分流): rows → leads → results, in input order. Whatever feeds it — the sheet
 * reader of @chufei/sheets, a JSON array, a store — gives one row per input record: a candidate lead, a row
 * its reader already rejected, or a row that needs no scoring (a header, a blank or footer row), which is
 * passed through untouched. Every candidate and every rejected row comes out as exactly one result in its
 * place, so nothing is lost and nothing needs to be put back. The CLI, the API batch route and the ledger
 * all score through here.
 */

/** A candidate lead (not yet validated: the scorer is the validator) with where it came from. */
export interface CandidateRow<L = unknown> {
  readonly kind: 'lead'
  readonly lead: L
  /** 1-based row in the source, carried into the result. */
  readonly line?: number
  /** What the reader noticed (e.g. an approximate number), listed before the scorer's own warnings. */
  readonly warnings?: readonly LeadWarning[]
}

/** A row its reader could not turn into a lead: it becomes a rejected result (docs/spec.md §4) in its place. */
export interface RejectedRow {
  readonly kind: 'rejected'
  readonly line?: number
  readonly id: string | null
  readonly errors: readonly LeadError[]
  readonly warnings?: readonly LeadWarning[]
}

/** Any row the stream passes through without scoring (its `kind` is neither `lead` nor `rejected`). */
export interface PassRow {
  readonly kind: string
}

/** What {@link scoreRows} reads. */
export type StreamRow = CandidateRow | RejectedRow | PassRow

/** The lead of a stream's candidate rows. */
type LeadOf<R> = R extends CandidateRow<infer L> ? L : never

/** One result row: `lead` is the candidate as read, null for a row its reader rejected. */
export interface ResultItem<L = unknown> {
  readonly kind: 'result'
  readonly result: Result
  readonly lead: L | null
}

/** What {@link scoreRows} yields for rows `R`: a result per candidate or rejected row, the rest as they came. */
export type StreamItem<R> = ResultItem<LeadOf<R>> | Exclude<R, { kind: 'lead' } | { kind: 'rejected' }>

/** Counts of a run (汇总): read = scored + rejected + skipped, where skipped rows have `kind: 'skipped'`. */
export interface StreamSummary {
  read: number
  scored: number
  rejected: number
  skipped: number
  readonly byTier: Record<Tier, number>
}

/** A summary with every count at zero, for {@link scoreRows} to fill. */
export const createStreamSummary = (): StreamSummary => ({
  read: 0,
  scored: 0,
  rejected: 0,
  skipped: 0,
  byTier: Object.fromEntries(TIER_IDS.map((t) => [t, 0])) as Record<Tier, number>,
})

/** The id of a candidate that may not be a valid lead, for its rejected result. */
const candidateId = (lead: unknown): string | null => {
  if (typeof lead !== 'object' || lead === null) return null
  const id = (lead as { id?: unknown }).id
  return typeof id === 'string' ? id : null
}

const isRejected = (row: StreamRow): row is RejectedRow => row.kind === 'rejected'
const isCandidate = (row: StreamRow): row is CandidateRow => row.kind === 'lead'

/** What the stream needs of a scorer; core's `Scorer` has it. */
export type RowScorer = Pick<Scorer, 'score' | 'scoreSync' | 'engineInfo'>

/**
 * The result of one row: a candidate scored, or — when the scorer finds it invalid (`INVALID_LEAD`) —
 * rejected with the reader's warnings kept; a rejected row its rejected result. Any other error is a bug
 * and is thrown. {@link scoreRows} applies this to every row; use it alone to score one row with two packs.
 */
export const scoreRow = async (scorer: RowScorer, row: CandidateRow | RejectedRow): Promise<Result> => {
  if (row.kind === 'rejected' || scorer.engineInfo.synchronous) return scoreRowSync(scorer, row)
  try {
    return await scorer.score(row.lead, contextOf(row))
  } catch (e) {
    return rejectedOnInvalid(e, row)
  }
}

/**
 * {@link scoreRow} without a promise, for a rejected row or a synchronous scorer (the compiled engine): the
 * stream calls it for every row, where an async call and its await were a promise and a microtask per row.
 */
const scoreRowSync = (scorer: RowScorer, row: CandidateRow | RejectedRow): Result => {
  if (row.kind === 'rejected') {
    return rejectedResult(row.errors, { ...(row.line === undefined ? {} : { line: row.line }), id: row.id, warnings: row.warnings ?? [] })
  }
  try {
    return scorer.scoreSync(row.lead, contextOf(row))
  } catch (e) {
    return rejectedOnInvalid(e, row)
  }
}

const contextOf = (row: CandidateRow) =>
  row.line === undefined ? { warnings: row.warnings ?? [] } : { line: row.line, warnings: row.warnings ?? [] }

/** An invalid candidate's rejected result; any other error is a bug and is thrown again. */
const rejectedOnInvalid = (e: unknown, row: CandidateRow): Result => {
  if (!(e instanceof ChufeiError) || e.code !== 'INVALID_LEAD') throw e
  return rejectedResult(e, { ...(row.line === undefined ? {} : { line: row.line }), id: candidateId(row.lead), warnings: row.warnings ?? [] })
}

const count = (summary: StreamSummary, result: Result): void => {
  summary.read += 1
  if (result.status === 'rejected') summary.rejected += 1
  else {
    summary.scored += 1
    summary.byTier[result.tier] += 1
  }
}

/**
 * Scores a stream of rows in input order: each candidate lead becomes its result (an invalid one a rejected
 * result, so the batch goes on and loses nothing), each rejected row its rejected result, and every other
 * row is yielded as it came. `summary`, when given, is counted as rows go by.
 *
 * @example
 * ```ts
 * const summary = createStreamSummary()
 * for await (const item of scoreRows(readSheet('sweep.csv'), scorer, summary)) {
 *   if (item.kind === 'result') console.log(JSON.stringify(item.result))
 * }
 * console.log(summary.scored, summary.rejected)
 * ```
 */
export async function* scoreRows<R extends StreamRow>(
  rows: AsyncIterable<R> | Iterable<R>,
  scorer: RowScorer,
  summary: StreamSummary = createStreamSummary(),
): AsyncGenerator<StreamItem<R>> {
  for await (const row of rows) {
    if (!isCandidate(row) && !isRejected(row)) {
      if (row.kind === 'skipped') {
        summary.read += 1
        summary.skipped += 1
      }
      yield row as StreamItem<R>
      continue
    }
    const result = row.kind === 'rejected' || scorer.engineInfo.synchronous ? scoreRowSync(scorer, row) : await scoreRow(scorer, row)
    count(summary, result)
    yield { kind: 'result', result, lead: isCandidate(row) ? (row.lead as LeadOf<R>) : null } as StreamItem<R>
  }
}
