import { fileURLToPath } from 'node:url'
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { ChufeiError } from '../errors'
import type { Issue, SafeResult } from '../errors'
import { safeParseRulePack } from '../rule-pack'
import type { RulePack, RulePackFiles } from '../rule-pack'
import { startModuleWorker } from './module-worker'

/*
 * Validating a pack (规则包校验) takes time that grows with the pack — every condition tree, every regex
 * compiled — and a server that validated a reload in its own thread would answer nothing meanwhile. This
 * validates in a worker thread: the server keeps serving the last good pack until the new one is ready.
 * The worker is this module, started with a marker in `workerData`; a validated pack is plain data and
 * crosses back by structured clone.
 */

const MARKER = 'chufei-validate-pack'

type Reply = { ok: true; pack: RulePack } | { ok: false; code: ChufeiError['code']; message: string; issues: readonly Issue[] }

if (!isMainThread && parentPort && (workerData as { marker?: string } | null)?.marker === MARKER) {
  const parsed = safeParseRulePack((workerData as { files: RulePackFiles }).files)
  const reply: Reply = parsed.success ? { ok: true, pack: parsed.data } : { ok: false, code: parsed.error.code, message: parsed.error.message, issues: parsed.error.issues }
  parentPort.postMessage(reply)
}

declare const __filename: string | undefined
const thisFile = (): string => (typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url))

/**
 * {@link safeParseRulePack} in a worker thread, so the calling thread stays free (one short-lived
 * worker per call). Where workers cannot start, it validates in this thread.
 */
export const safeParseRulePackOffThread = async (files: RulePackFiles): Promise<SafeResult<RulePack>> => {
  let reply: Reply
  try {
    reply = await new Promise<Reply>((resolve, reject) => {
      const worker = startModuleWorker(thisFile(), { marker: MARKER, files })
      worker.once('message', (m: Reply) => {
        resolve(m)
        void worker.terminate()
      })
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`validation worker exited with code ${code}`)))
    })
  } catch {
    return safeParseRulePack(files)
  }
  if (reply.ok) return { success: true, data: reply.pack }
  return { success: false, error: new ChufeiError(reply.code, reply.message, { issues: reply.issues }) }
}
