import type { Writable } from 'node:stream'
import type { LedgerWriter } from './ledger-writer'
import { writeChunk } from './write-chunk'

/*
 * JSONL and JSON: the SPEC §4 result per data row, exactly as the library returns it (rejected rows
 * included). JSON is streamed as an array, element by element — never built in memory.
 */

const noop = async () => {}

/** One result per line. */
export const createJsonlWriter = (out: Writable): LedgerWriter => ({
  header: noop,
  write: (item) => writeChunk(out, `${JSON.stringify(item.result)}\n`),
  end: noop,
  abort: noop,
})

/** A JSON array of results, streamed. */
export const createJsonWriter = (out: Writable): LedgerWriter => {
  let first = true
  return {
    header: noop,
    write: async (item) => {
      await writeChunk(out, `${first ? '[\n' : ',\n'}${JSON.stringify(item.result)}`)
      first = false
    },
    end: () => writeChunk(out, first ? '[]\n' : '\n]\n'),
    abort: noop,
  }
}
