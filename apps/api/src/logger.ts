/*
 * Structured logging: one JSON object per line. The API logs what happened to a request (method, path,
 * status, time, request id) and rule-pack events, never the contents of a lead.
 */

/** One log entry; `msg` says what happened. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error'
  msg: string
  [key: string]: unknown
}

/** Where log entries go. Injected so tests can collect them. */
export type Logger = (entry: LogEntry) => void

/** Writes each entry as one JSON line, with a timestamp, to a stream (stderr by default). */
export const createJsonLogger =
  (write: (line: string) => void = (line) => process.stderr.write(line)): Logger =>
  (entry) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`)
  }

/** A logger that drops everything. */
export const silentLogger: Logger = () => {}
