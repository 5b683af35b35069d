import type { Writable } from 'node:stream'
import type { LedgerWriter } from './ledger-writer'
import { createTextBuffer } from './write-chunk'

/*
 * JSONL and JSON: the docs/spec.md §4 result per data row, exactly as the library returns it (rejected rows
 * included). JSON is streamed as an array, element by element — never built in memory.
 */

const noop = async () => {}

/** One result per line. */
export const createJsonlWriter = (out: Writable): LedgerWriter => {
  const text = createTextBuffer(out)
  return {
    header: noop,
    write: (item) => text.write(`${JSON.stringify(item.result)}\n`),
    end: () => text.flush(),
    abort: noop,
  }
}

/** A JSON array of results, streamed. */
export const createJsonWriter = (out: Writable): LedgerWriter => {
  const text = createTextBuffer(out)
  let first = true
  return {
    header: noop,
    write: (item) => {
      const piece = `${first ? '[\n' : ',\n'}${JSON.stringify(item.result)}`
      first = false
      return text.write(piece)
    },
    end: async () => {
      await text.write(first ? '[]\n' : '\n]\n')
      await text.flush()
    },
    abort: noop,
  }
}
