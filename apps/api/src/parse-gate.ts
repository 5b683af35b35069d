import { apiFailure } from './errors'

/*
 * How many batch uploads are read at once (同时解析的上传数). Reading a sheet is where an upload costs
 * memory (an XLSX holds its shared strings, up to their budget), so a few are read at a time, a bounded
 * number wait their turn, and the rest are told at once to come back later: 503 BUSY with Retry-After.
 * A flood of hostile uploads then costs a bounded amount of memory and never starves other requests.
 * Rule packs sent to `/v1/rules/validate` and stored packs validated again take the same turns: each is
 * validated in a worker thread, and a pack, too, can be made to take long.
 */

/** Options of {@link createParseGate}. */
export interface ParseGateOptions {
  /** Uploads read at once. Default {@link DEFAULT_PARSE_GATE}. */
  readonly concurrent: number
  /** Uploads that may wait for a turn; past this, 503. */
  readonly queue: number
}

/** Two uploads read at once (one per core of the 2-core reference machine), eight waiting. */
export const DEFAULT_PARSE_GATE: Readonly<ParseGateOptions> = { concurrent: 2, queue: 8 }

/** Seconds a client is told to wait (Retry-After) when the queue is full. */
export const BUSY_RETRY_AFTER_SECONDS = 2

/** The gate the batch route passes through. */
export interface ParseGate {
  /**
   * Waits for a turn and returns its release (call it once, when the upload is read or abandoned).
   *
   * @throws the 503 `BUSY` response when every turn is taken and the queue is full
   */
  enter(): Promise<() => void>
  /** Uploads being read and waiting, for tests and logs. */
  readonly reading: number
  readonly waiting: number
}

/** Creates a gate; `concurrent` must be at least 1, `queue` at least 0. */
export const createParseGate = (options: ParseGateOptions = DEFAULT_PARSE_GATE): ParseGate => {
  const concurrent = Math.max(1, options.concurrent)
  const queue = Math.max(0, options.queue)
  const waiters: Array<() => void> = []
  let reading = 0

  const turn = (): (() => void) => {
    let released = false
    return () => {
      if (released) return
      released = true
      const next = waiters.shift()
      // The turn passes straight to the next in line, so `reading` never drops below what is running.
      if (next) next()
      else reading--
    }
  }

  return {
    get reading() {
      return reading
    },
    get waiting() {
      return waiters.length
    },
    async enter() {
      if (reading < concurrent) {
        reading++
        return turn()
      }
      if (waiters.length >= queue) {
        throw apiFailure({
          code: 'BUSY',
          message: `服务器正忙：已有 ${reading} 个上传在读取、${waiters.length} 个在排队，请 ${BUSY_RETRY_AFTER_SECONDS} 秒后重试`,
          messageEn: `Server busy: ${reading} uploads being read and ${waiters.length} waiting; retry in ${BUSY_RETRY_AFTER_SECONDS} s`,
          details: { reading, waiting: waiters.length, retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS },
          headers: { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) },
        })
      }
      await new Promise<void>((resolve) => waiters.push(resolve))
      return turn()
    },
  }
}
