import { fileURLToPath } from 'node:url'
import { createScorer, type Scorer } from '@chufei/core'
import { loadRulePack } from '@chufei/core/node'
import { createApp, type AppDeps, type ChufeiApp } from '../src/app'
import type { LogEntry } from '../src/logger'
import { createRulePackHolder } from '../src/rule-pack-holder'

/** The small pack the API tests use (not the default pack, so rule tuning cannot break these tests). */
export const FIXTURE_RULES = fileURLToPath(new URL('./fixtures/rules', import.meta.url))

let scorer: Promise<Scorer> | undefined
/** The fixture pack's scorer, loaded once. */
export const fixtureScorer = (): Promise<Scorer> => (scorer ??= loadRulePack(FIXTURE_RULES).then((p) => createScorer(p)))

/** An app over the fixture pack whose log lines are collected in `logs`. */
export const makeApp = async (
  deps: Partial<AppDeps> = {},
): Promise<{ app: ChufeiApp; logs: LogEntry[]; scorer: Scorer }> => {
  const logs: LogEntry[] = []
  const s = await fixtureScorer()
  const app = createApp({ rules: createRulePackHolder(s), logger: (e) => logs.push(e), ...deps })
  return { app, logs, scorer: s }
}

/** Request init for a JSON POST. */
export const postJson = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
})

/** A lead that fires several rules of the fixture pack (docs/spec.md §6, livestock custody). */
export const BIG_LEAD = {
  id: 'SQ-001',
  subject: { name: '某某牧业养殖合作社', kind: 'cooperative' },
  people: { total: 420, elderly: 260 },
  money: { raised: 18_000_000, outstanding: 9_000_000 },
  stability: { overdue: true },
  text: { description: '以牛羊托管代养名义吸收群众资金，现已逾期兑付。' },
}

/** A body stream sent in chunks without Content-Length (chunked transfer). */
export const chunkedBody = (chunks: number, chunkBytes: number): ReadableStream<Uint8Array> => {
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= chunks) return controller.close()
      sent++
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20))
    },
  })
}

/** Parses an NDJSON body into its lines' values. */
export const ndjson = async (res: Response): Promise<unknown[]> =>
  (await res.text())
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown)

/**
 * A request body of which only the first 10 bytes arrive until `release()` is called: a request still in
 * flight, for shutdown tests. `sent` resolves once those 10 bytes have gone to the socket (the client
 * asks for more), so the connection is open and the request started.
 */
export const halfSentBody = (
  value: unknown,
): { body: ReadableStream<Uint8Array>; release: () => void; sent: Promise<void> } => {
  const text = new TextEncoder().encode(JSON.stringify(value))
  let release!: () => void
  const released = new Promise<void>((r) => (release = r))
  let markSent!: () => void
  const sent = new Promise<void>((r) => (markSent = r))
  let pulls = 0
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        pulls++
        if (pulls === 1) {
          controller.enqueue(text.slice(0, 10))
          return
        }
        markSent()
        await released
        controller.enqueue(text.slice(10))
        controller.close()
      },
    },
    { highWaterMark: 0 },
  )
  return { body, release, sent }
}

/**
 * Resolves once the server at `url` has answered a request on a new connection: a connection opened
 * before it (a request in flight) has been accepted by then, since the backlog is accepted in order.
 */
export const serverCaughtUp = async (url: string): Promise<void> => {
  const res = await fetch(`${url}/healthz`, { headers: { connection: 'close' } })
  await res.arrayBuffer()
}
