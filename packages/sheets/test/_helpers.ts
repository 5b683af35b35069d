import { fileURLToPath } from 'node:url'
import { ChufeiError } from '@chufei/core'
import { expect } from 'vitest'
import { readSheet } from '../src/read-sheet'
import type { ReadSheetOptions, SheetInput } from '../src/read-sheet-types'
import type { SheetEvent } from '../src/types'

/** Absolute path of a bundled fixture in fixtures/sheets. */
export const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../../fixtures/sheets/${name}`, import.meta.url))

/** Reads every event of a sheet. */
export const readAll = async (input: SheetInput, options?: ReadSheetOptions): Promise<SheetEvent[]> => {
  const events: SheetEvent[] = []
  for await (const event of readSheet(input, options)) events.push(event)
  return events
}

/** Splits bytes into chunks of `size`, as a stream would hand them over. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size)
}

/** Collects an async iterable. */
export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

/** Awaits `promise` and returns the ChufeiError it rejects with (fails the test otherwise). */
export const chufeiErrorOf = async (promise: Promise<unknown>): Promise<ChufeiError> => {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ChufeiError)
    return error as ChufeiError
  }
  throw new Error('expected a ChufeiError, but nothing was thrown')
}

/** UTF-16LE with a BOM, as Excel's "Unicode text" writes it. */
export const utf16le = (text: string): Uint8Array =>
  new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))

/** UTF-16BE with a BOM. */
export const utf16be = (text: string): Uint8Array => {
  const le = Buffer.from(text, 'utf16le')
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!]
  return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), le]))
}

/**
 * GB18030 bytes of `text`, from TextDecoder's own table (Node has no GB18030 encoder). Covers ASCII,
 * the two-byte GBK range and four-byte supplementary characters, which is all the tests use.
 */
export const gb18030 = (() => {
  const decoder = new TextDecoder('gb18030')
  let table: Map<string, number[]> | null = null
  const build = () => {
    const t = new Map<string, number[]>()
    for (let b1 = 0x81; b1 <= 0xfe; b1++)
      for (let b2 = 0x40; b2 <= 0xfe; b2++) {
        if (b2 === 0x7f) continue
        const ch = decoder.decode(new Uint8Array([b1, b2]))
        if (ch.length === 1 && ch !== '\ufffd' && !t.has(ch)) t.set(ch, [b1, b2])
      }
    return t
  }
  return (text: string): Uint8Array => {
    table ??= build()
    const bytes: number[] = []
    for (const ch of text) {
      const cp = ch.codePointAt(0)!
      if (cp < 0x80) bytes.push(cp)
      else if (table.has(ch)) bytes.push(...table.get(ch)!)
      else if (cp >= 0x10000) {
        const linear = 189_000 + cp - 0x10000
        bytes.push(
          0x81 + Math.floor(linear / 12600),
          0x30 + (Math.floor(linear / 1260) % 10),
          0x81 + (Math.floor(linear / 10) % 126),
          0x30 + (linear % 10),
        )
      } else throw new Error(`test encoder: no GB18030 code for U+${cp.toString(16)}`)
    }
    const out = Uint8Array.from(bytes)
    if (decoder.decode(out) !== text) throw new Error('test encoder: GB18030 round trip failed')
    return out
  }
})()

/** Drops undefined values and empty objects, so leads compare by their known fields only. */
export const prune = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    const p = prune(v)
    if (p === undefined || (typeof p === 'object' && p !== null && Object.keys(p).length === 0)) continue
    out[k] = p
  }
  return out
}
