import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'
import { createScorer } from '../create-scorer'
import type { ScoreContext, Scorer } from '../create-scorer'
import { ChufeiError } from '../errors'
import type { LeadWarning, Result } from '../result'
import type { RulePack } from '../rule-pack'
import { loadRulePack } from './load-rule-pack'
import { startModuleWorker } from './_module-worker'

/*
 * Batch scoring across cores (多线程批量评分): worker threads, each with its own compiled scorer, score
 * batches of leads; results come back in input order. Memory stays flat on any input size because only
 * a bounded number of batches is in flight at a time and input is pulled only as results are taken.
 *
 * The worker is this very module, started with a marker in `workerData`, so it works from the built
 * package (ESM or CJS) without a separate entry file. From TypeScript sources (tests) workers start
 * through tsx; if workers cannot start at all, the pool scores in-process with the same API.
 */

/** One lead to score, with where it came from. */
export interface PoolItem {
  /** The lead (SPEC §1), as read; validated by the scorer. */
  readonly lead: unknown
  /** 1-based row number in the source sheet. */
  readonly line?: number
  /** Warnings from reading the row, listed before the scorer's own. */
  readonly warnings?: readonly LeadWarning[]
}

/** Options of {@link createScorerPool}. */
export interface ScorerPoolOptions {
  /** Worker threads (default: available cores − 1, at least 1). 0 scores in-process. */
  readonly threads?: number
  /** Leads per batch sent to a worker (default 256). */
  readonly batchSize?: number
  /** Batches in flight at most (default 4 per thread): bounds memory on any input size. */
  readonly maxInFlight?: number
  /** Engine of each worker's scorer (default `compiled`). */
  readonly engine?: 'compiled' | 'reference'
}

/** A pool of scorers for large inputs. Results are in input order; invalid leads become rejected results. */
export interface ScorerPool {
  readonly pack: RulePack
  /** Worker threads in use; 0 when scoring in-process. */
  readonly threads: number
  /** `workers`, or `in-process` when asked for 0 threads or when workers could not start (see `reason`). */
  readonly mode: 'workers' | 'in-process'
  /** Why the pool runs in-process although threads were asked for. */
  readonly reason?: string
  /** Scores a whole list; one result per item, in order. */
  scoreMany(items: readonly PoolItem[]): Promise<Result[]>
  /** Scores a stream of items, yielding results in input order with bounded memory. */
  scoreStream(items: Iterable<PoolItem> | AsyncIterable<PoolItem>): AsyncIterable<Result>
  /** As {@link ScorerPool.scoreStream}, but yields JSONL text (one chunk per batch, lines end in `\n`). */
  scoreStreamJsonl(items: Iterable<PoolItem> | AsyncIterable<PoolItem>): AsyncIterable<string>
  /** Stops the workers. The pool cannot be used afterwards. */
  close(): Promise<void>
}

type Format = 'results' | 'jsonl'
interface Job {
  readonly id: number
  readonly items: readonly PoolItem[]
  readonly format: Format
}
type Reply = { id: number; results: Result[] } | { id: number; jsonl: string } | { id: number; error: string }

const MARKER = 'chufei-scorer-pool'

/** Scores one batch with a scorer: the work of a worker, or of the pool in-process. */
const scoreBatch = async (scorer: Scorer, items: readonly PoolItem[]): Promise<Result[]> =>
  scorer.scoreMany(
    items.map((i) => i.lead),
    items.map((i): ScoreContext => ({ ...(i.line !== undefined ? { line: i.line } : {}), ...(i.warnings ? { warnings: i.warnings } : {}) })),
  )

const toJsonl = (results: readonly Result[]): string => {
  let text = ''
  for (const r of results) text += `${JSON.stringify(r)}\n`
  return text
}

// ---- worker side ----------------------------------------------------------------------------------
if (!isMainThread && parentPort && (workerData as { marker?: string } | null)?.marker === MARKER) {
  const port = parentPort
  const { pack, engine } = workerData as { pack: RulePack; engine: 'compiled' | 'reference' }
  const scorer = createScorer(pack, { engine })
  port.on('message', (job: Job) => {
    scoreBatch(scorer, job.items).then(
      (results) => port.postMessage(job.format === 'jsonl' ? { id: job.id, jsonl: toJsonl(results) } : { id: job.id, results }),
      (error: unknown) => port.postMessage({ id: job.id, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
    )
  })
  port.postMessage({ ready: true })
}

// ---- main side ------------------------------------------------------------------------------------
declare const __filename: string | undefined

/** This module's file, in the ESM build, the CJS build, or the TypeScript source. */
const thisFile = (): string => (typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url))

interface WorkerSlot {
  readonly worker: Worker
  pending: number
}

const startWorkers = async (pack: RulePack, threads: number, engine: 'compiled' | 'reference'): Promise<Worker[]> => {
  const file = thisFile()
  const workers = Array.from({ length: threads }, () => startModuleWorker(file, { marker: MARKER, pack, engine }))
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const onMessage = (m: unknown) => {
              if ((m as { ready?: boolean }).ready) {
                w.off('message', onMessage)
                w.off('error', reject)
                resolve()
              }
            }
            w.on('message', onMessage)
            w.once('error', reject)
            w.once('exit', (code) => reject(new Error(`worker exited with code ${code} before it was ready`)))
          }),
      ),
    )
  } catch (error) {
    await Promise.all(workers.map((w) => w.terminate()))
    throw error
  }
  return workers
}

/**
 * Creates a pool of scorers for a rule-pack folder or a loaded pack.
 *
 * @example
 * ```ts
 * const pool = await createScorerPool('rules', { threads: 2 })
 * for await (const line of pool.scoreStreamJsonl(rows)) out.write(line)
 * await pool.close()
 * ```
 */
export const createScorerPool = async (source: string | RulePack, options: ScorerPoolOptions = {}): Promise<ScorerPool> => {
  const pack = typeof source === 'string' ? await loadRulePack(source) : source
  const engine = options.engine ?? 'compiled'
  const requested = options.threads ?? Math.max(1, availableParallelism() - 1)
  const batchSize = Math.max(1, options.batchSize ?? 256)
  if (!Number.isInteger(requested) || requested < 0) throw new ChufeiError('USAGE', `线程数必须是非负整数 / threads must be a whole number ≥ 0: ${requested}`)
  const local = createScorer(pack, { engine })

  let slots: WorkerSlot[] = []
  let reason: string | undefined
  if (requested > 0) {
    try {
      slots = (await startWorkers(pack, requested, engine)).map((worker) => ({ worker, pending: 0 }))
    } catch (error) {
      reason = `工作线程无法启动，改为单线程评分 / workers could not start, scoring in-process: ${error instanceof Error ? error.message : String(error)}`
    }
  }
  const maxInFlight = Math.max(1, options.maxInFlight ?? 4 * Math.max(1, slots.length))

  let nextId = 0
  let closed = false
  const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void; slot: WorkerSlot }>()
  for (const slot of slots) {
    slot.worker.on('message', (reply: Reply) => {
      const w = waiting.get(reply.id)
      if (!w) return
      waiting.delete(reply.id)
      slot.pending--
      w.resolve(reply)
    })
    slot.worker.on('error', (error) => {
      for (const [id, w] of waiting) {
        if (w.slot !== slot) continue
        waiting.delete(id)
        w.reject(new ChufeiError('INTERNAL', `评分线程出错 / a scoring worker failed: ${error.message}`, { cause: error }))
      }
    })
  }

  const run = async (items: readonly PoolItem[], format: Format): Promise<Result[] | string> => {
    if (closed) throw new ChufeiError('USAGE', '评分池已关闭 / the scorer pool is closed')
    if (slots.length === 0) {
      const results = await scoreBatch(local, items)
      return format === 'jsonl' ? toJsonl(results) : results
    }
    const slot = slots.reduce((a, b) => (b.pending < a.pending ? b : a))
    const id = nextId++
    slot.pending++
    const reply = await new Promise<Reply>((resolve, reject) => {
      waiting.set(id, { resolve, reject, slot })
      slot.worker.postMessage({ id, items, format } satisfies Job)
    })
    if ('error' in reply) throw new ChufeiError('INTERNAL', `评分线程出错 / a scoring worker failed: ${reply.error}`)
    return 'jsonl' in reply ? reply.jsonl : reply.results
  }

  /** Batches the input, keeps at most `maxInFlight` batches running, and yields their outputs in order. */
  async function* ordered<T extends Result[] | string>(items: Iterable<PoolItem> | AsyncIterable<PoolItem>, format: Format): AsyncGenerator<T> {
    const inFlight: Promise<T>[] = []
    let batch: PoolItem[] = []
    const dispatch = () => {
      const p = run(batch, format) as Promise<T>
      // Settled in order below; a rejection is observed there, not left unhandled meanwhile.
      p.catch(() => undefined)
      inFlight.push(p)
      batch = []
    }
    for await (const item of items) {
      batch.push(item)
      if (batch.length < batchSize) continue
      dispatch()
      while (inFlight.length >= maxInFlight) yield await inFlight.shift()!
    }
    if (batch.length > 0) dispatch()
    while (inFlight.length > 0) yield await inFlight.shift()!
  }

  return {
    pack,
    threads: slots.length,
    mode: slots.length > 0 ? 'workers' : 'in-process',
    ...(reason ? { reason } : {}),
    async scoreMany(items) {
      const out: Result[] = []
      for await (const results of ordered<Result[]>(items, 'results')) for (const r of results) out.push(r)
      return out
    },
    async *scoreStream(items) {
      for await (const results of ordered<Result[]>(items, 'results')) yield* results
    },
    scoreStreamJsonl: (items) => ordered<string>(items, 'jsonl'),
    async close() {
      closed = true
      await Promise.all(slots.map((s) => s.worker.terminate()))
    },
  }
}
