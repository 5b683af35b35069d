import { fileURLToPath } from 'node:url'
import { isMainThread, parentPort, workerData, type Worker } from 'node:worker_threads'
import { ChufeiError } from '../errors'
import type { Issue, SafeResult } from '../errors'
import { safeParseRulePack } from '../rule-pack'
import type { RulePack, RulePackFiles } from '../rule-pack'
import { startModuleWorker } from './module-worker'

/*
 * A validation thread that stays (规则包校验线程): the server's packs — the rule editor's on every pause in typing,
 * `POST /v1/rules/validate`, stored versions — are validated one after another in one long-lived worker, so the
 * server's own thread never waits on a large or hostile pack, and each validation runs warm. A worker started per
 * pack (`safeParseRulePackOffThread`) pays its start and a cold compiler every time: about 0.75 s for the default
 * pack against 0.05 s warm, which the editor's feedback felt.
 */

const MARKER = 'chufei-pack-validator'

type Reply = { ok: true; pack: RulePack } | { ok: false; code: ChufeiError['code']; message: string; issues: readonly Issue[] }

if (!isMainThread && parentPort && (workerData as { marker?: string } | null)?.marker === MARKER) {
  const port = parentPort
  port.on('message', ({ id, files }: { id: number; files: RulePackFiles }) => {
    const parsed = safeParseRulePack(files)
    const reply: Reply = parsed.success ? { ok: true, pack: parsed.data } : { ok: false, code: parsed.error.code, message: parsed.error.message, issues: parsed.error.issues }
    port.postMessage({ id, reply })
  })
}

declare const __filename: string | undefined
const thisFile = (): string => (typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url))

/** Validates packs in a worker thread of its own, started on first use. */
export interface PackValidator {
  /** {@link safeParseRulePack} off the calling thread; in order of the calls. */
  validate(files: RulePackFiles): Promise<SafeResult<RulePack>>
  /** Stops the worker; a later `validate` starts another. */
  close(): Promise<void>
}

/**
 * Creates a validator. Its worker does not keep the process alive. If the worker dies while validating (a pack
 * that exhausts its memory), that validation fails with an Error and the next call starts a fresh worker; where no
 * worker can start at all, packs are validated in the calling thread.
 */
export const createPackValidator = (): PackValidator => {
  let worker: Worker | undefined
  let nextId = 0
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>()
  const start = (): Worker | undefined => {
    if (worker) return worker
    let w: Worker
    try {
      w = startModuleWorker(thisFile(), { marker: MARKER })
    } catch {
      return undefined
    }
    w.unref()
    w.on('message', ({ id, reply }: { id: number; reply: Reply }) => {
      pending.get(id)?.resolve(reply)
      pending.delete(id)
    })
    const fail = (error: Error) => {
      if (worker === w) worker = undefined
      for (const job of pending.values()) job.reject(error)
      pending.clear()
    }
    w.on('error', fail)
    w.on('exit', (code) => fail(new Error(`pack validation worker exited with code ${code}`)))
    worker = w
    return w
  }
  return {
    async validate(files) {
      const w = start()
      if (!w) return safeParseRulePack(files)
      const id = nextId++
      const reply = await new Promise<Reply>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        w.postMessage({ id, files })
      })
      if (reply.ok) return { success: true, data: reply.pack }
      return { success: false, error: new ChufeiError(reply.code, reply.message, { issues: reply.issues }) }
    },
    async close() {
      const w = worker
      worker = undefined
      if (w) await w.terminate()
    },
  }
}
