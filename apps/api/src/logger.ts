/*
 * Structured logging: one JSON object per line. The API logs what happened to a request (method, path,
 * status, time, request id) and rule-pack events, never the contents of a lead.
 *
 * Lines are not written one by one: stderr to a pipe or file is a synchronous write, and a system
 * call per request was a measurable part of the cost of a small request. Lines logged in one turn of
 * the event loop are written together, in order, right after it (or at once past 64 KiB), and
 * whatever is pending is written when the process exits.
 */

/** One log entry; `msg` says what happened. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error'
  msg: string
  [key: string]: unknown
}

/** Where log entries go. Injected so tests can collect them. */
export type Logger = (entry: LogEntry) => void

const FLUSH_AT = 64 * 1024

/** Buffers that hold lines not yet written; all written on exit. */
const pending = new Set<() => void>()
let exitHookInstalled = false
const flushAll = () => {
  for (const flush of [...pending]) flush()
}

/**
 * Batches lines for `write`: each call of `write` gets one or more whole lines, in the order logged.
 * Returns the function that takes one line (ending in `\n`).
 */
export const createLineBatcher = (write: (text: string) => void): ((line: string) => void) => {
  let buffer = ''
  let scheduled = false
  const flush = () => {
    pending.delete(flush)
    scheduled = false
    if (buffer === '') return
    const text = buffer
    buffer = ''
    write(text)
  }
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.on('exit', flushAll)
  }
  return (line) => {
    buffer += line
    if (buffer.length >= FLUSH_AT) {
      flush()
      return
    }
    if (!scheduled) {
      scheduled = true
      pending.add(flush)
      setImmediate(flush)
    }
  }
}

/**
 * Writes each entry as one JSON line, with a timestamp, to a stream (stderr by default). `write` gets
 * one or more whole lines at a time, right after the current turn of the event loop.
 */
export const createJsonLogger = (write: (text: string) => void = (text) => process.stderr.write(text)): Logger => {
  const line = createLineBatcher(write)
  return (entry) => {
    line(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`)
  }
}

/** A logger that drops everything. */
export const silentLogger: Logger = () => {}
