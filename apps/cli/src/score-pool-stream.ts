import type { PoolItem, ScorerPool } from '@chufei/core/node'
import type { SheetEvent } from '@chufei/sheets'
import { leadContext, unscoredItem, type ScoreStreamItem } from './score-stream'

/*
 * Scoring across cores (多线程评分): the same stream as `scoreStream`, but the leads of each run of rows
 * go to a worker pool while the main thread reads on. Rows travel in chunks; a chunk's skipped and
 * reader-rejected rows stay here and are put back between its scored rows, so the output is in input
 * order exactly as `scoreStream` gives it. At most `inFlight` chunks are read ahead: memory stays flat.
 */

/** What the pooled stream needs of a pool; core's `ScorerPool` satisfies it. */
export type LeadPool = Pick<ScorerPool, 'scoreMany' | 'threads'>

/** Rows per chunk sent to the pool (one worker batch). */
export const POOL_CHUNK_ROWS = 256

/** Scores one chunk of events: leads through the pool (one batch), every other row as `scoreStream` does. */
const scoreChunk = async (events: readonly SheetEvent[], pool: LeadPool): Promise<ScoreStreamItem[]> => {
  const items: PoolItem[] = []
  for (const event of events)
    if (event.kind === 'lead') items.push({ lead: event.lead, line: event.line, warnings: event.warnings })
  const results = items.length > 0 ? await pool.scoreMany(items) : []
  let next = 0
  return events.map((event) =>
    event.kind === 'lead' ? { kind: 'result', lead: leadContext(event.lead), result: results[next++]! } : unscoredItem(event),
  )
}

/**
 * Scores sheet events through `pool`, yielding what `scoreStream` yields for them, in input order.
 * Leads the scorer refuses come back from the pool as rejected results, as they do in-process.
 */
export async function* scoreStreamPooled(
  events: AsyncIterable<SheetEvent>,
  pool: LeadPool,
  options: { chunkRows?: number; inFlight?: number } = {},
): AsyncGenerator<ScoreStreamItem> {
  const chunkRows = Math.max(1, options.chunkRows ?? POOL_CHUNK_ROWS)
  const inFlight = Math.max(1, options.inFlight ?? 2 * Math.max(1, pool.threads) + 1)
  const queue: Promise<ScoreStreamItem[]>[] = []
  let chunk: SheetEvent[] = []
  const dispatch = () => {
    const scored = scoreChunk(chunk, pool)
    // Awaited in order below; a failure is seen there, not reported as unhandled meanwhile.
    scored.catch(() => undefined)
    queue.push(scored)
    chunk = []
  }
  for await (const event of events) {
    chunk.push(event)
    if (chunk.length < chunkRows) continue
    dispatch()
    while (queue.length >= inFlight) yield* await queue.shift()!
  }
  if (chunk.length > 0) dispatch()
  while (queue.length > 0) yield* await queue.shift()!
}
