import { fileURLToPath } from 'node:url'
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { ChufeiError, createScorer, createStreamSummary, type ErrorCode, type Issue, type RulePack, type StreamSummary } from '@chufei/core'
import { startModuleWorker } from '@chufei/core/node'
import { prepareSweepRows, type PreparedRow, type SweepSource } from './_sweep-rows'

/*
 * Reading and scoring a sweep in a worker thread (工作线程) beside the writes. An embedded store (PGlite)
 * runs PostgreSQL in the importing thread, so the sheet's reading and scoring and the database's work would
 * otherwise take turns on one core; in two threads they overlap, and an API server's thread is not held by
 * the scoring of an upload. The worker is this module, started with a marker in `workerData`; it scores with
 * a scorer it makes from the pack (plain data, cloned) and posts batches of prepared rows, at most
 * IN_FLIGHT ahead of the linker, so a million-row sheet never piles up in memory.
 */

const MARKER = 'chufei-sweep-rows'
/** Batches the worker may post before the importing thread has taken them. */
const IN_FLIGHT = 4

interface WorkerInput {
  readonly marker: typeof MARKER
  readonly source: SweepSource
  readonly pack: RulePack
  readonly engine: 'compiled' | 'reference'
}

type Message =
  | { readonly kind: 'rows'; readonly rows: PreparedRow[] }
  | { readonly kind: 'done'; readonly summary: StreamSummary }
  | { readonly kind: 'error'; readonly code: ErrorCode; readonly message: string; readonly issues: readonly Issue[]; readonly data: Record<string, unknown> | undefined }

const runWorker = async (port: MessagePort, input: WorkerInput): Promise<void> => {
  let credit = IN_FLIGHT
  let wake: (() => void) | null = null
  port.on('message', () => {
    credit += 1
    wake?.()
    wake = null
  })
  const post = (message: Message) => port.postMessage(message)
  try {
    const summary = createStreamSummary()
    const scorer = createScorer(input.pack, { engine: input.engine })
    for await (const rows of prepareSweepRows(input.source, scorer, summary)) {
      if (credit === 0) await new Promise<void>((resolve) => (wake = resolve))
      credit -= 1
      // The batch's JSON is one buffer (every row's views share it): moved, not copied.
      port.postMessage({ kind: 'rows', rows } satisfies Message, rows[0] === undefined ? [] : [rows[0].input.buffer as ArrayBuffer])
    }
    post({ kind: 'done', summary })
  } catch (e) {
    // A bad sheet is the caller's error, with its code; anything else is a bug and says so.
    const error = e instanceof ChufeiError ? e : new ChufeiError('INTERNAL', `读取、评分排查表时出错：${e instanceof Error ? e.message : String(e)}`)
    post({ kind: 'error', code: error.code, message: error.message, issues: error.issues, data: error.data === undefined ? undefined : { ...error.data } })
  }
}

if (!isMainThread && parentPort && (workerData as { marker?: string } | null)?.marker === MARKER) {
  void runWorker(parentPort, workerData as WorkerInput)
}

// This module's own file, wherever the bundler put it (tsup's `__filename` shim names the chunk it lives in).
const thisFile = (): string => fileURLToPath(import.meta.url)

/**
 * {@link prepareSweepRows} in a worker thread with `createScorer(pack, { engine })`: the same batches in the
 * same order, and the same counts in `summary` once the last batch is taken. The worker ends when the caller
 * stops iterating, whether it finished, threw or gave up.
 * @throws {ChufeiError} what reading the sheet throws (`UNREADABLE_INPUT`…), with its code and message
 */
export async function* prepareSweepRowsOffThread(
  source: SweepSource,
  scoring: { readonly pack: RulePack; readonly engine: 'compiled' | 'reference' },
  summary: StreamSummary,
): AsyncGenerator<PreparedRow[]> {
  const input: WorkerInput = { marker: MARKER, source, pack: scoring.pack, engine: scoring.engine }
  const worker = startModuleWorker(thisFile(), input)
  const queue: Message[] = []
  let failure: Error | null = null
  let notify: (() => void) | null = null
  const wakeUp = () => {
    notify?.()
    notify = null
  }
  worker.on('message', (m: Message) => {
    queue.push(m)
    wakeUp()
  })
  worker.on('error', (e: Error) => {
    failure = e
    wakeUp()
  })
  worker.on('exit', (code) => {
    failure ??= new ChufeiError('INTERNAL', `评分工作线程意外退出（退出码 ${code}）`)
    wakeUp()
  })
  try {
    for (;;) {
      while (queue.length === 0 && failure === null) await new Promise<void>((resolve) => (notify = resolve))
      const m = queue.shift()
      if (m === undefined) throw failure!
      if (m.kind === 'error') throw new ChufeiError(m.code, m.message, { issues: m.issues, ...(m.data === undefined ? {} : { data: m.data }) })
      if (m.kind === 'done') {
        Object.assign(summary, { read: m.summary.read, scored: m.summary.scored, rejected: m.summary.rejected, skipped: m.summary.skipped })
        Object.assign(summary.byTier, m.summary.byTier)
        return
      }
      worker.postMessage('more')
      yield m.rows
    }
  } finally {
    worker.removeAllListeners()
    await worker.terminate()
  }
}
