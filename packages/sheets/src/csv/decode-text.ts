import { unreadableInput, usageError } from '../read-sheet-errors'
import {
  chooseAsciiCompatibleEncoding,
  detectBom,
  detectBomlessUtf16,
  firstInvalidUtf8,
  firstNonAscii,
  normaliseEncoding,
} from './detect-encoding'

/** Bytes looked at before trusting a BOM-less, non-UTF-16 guess; also the UTF-8 validation sample. */
const SAMPLE_SIZE = 64 * 1024

/** Text decoded from a byte stream, with the encoding that was detected (or given). */
export interface DecodedText {
  /** The text, chunk by chunk, BOM removed. */
  readonly chunks: AsyncGenerator<string>
  /** The encoding in use; `utf-8` while only ASCII has been seen (both candidates agree on it). */
  readonly encoding: string
}

const concat = (parts: readonly Uint8Array[], size: number): Uint8Array => {
  if (parts.length === 1) return parts[0]!
  const out = new Uint8Array(size)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

const asciiDecoder = new TextDecoder('utf-8')

const countNewlines = (text: string): number => {
  let n = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++
  return n
}

/**
 * Decodes `bytes` as text, detecting the encoding unless `encoding` is given. BOMs and UTF-16 are
 * recognised from the first 64 KiB; otherwise ASCII passes through undecided (it reads the same in UTF-8
 * and GB18030) until the first non-ASCII byte, and the 64 KiB from there decide: strict UTF-8 or GB18030.
 * Memory stays bounded by the sample size whatever the input length.
 *
 * Auto-detected UTF-8 is decoded strictly: an invalid byte later in the file is an `UNREADABLE_INPUT`
 * error naming the line, rather than silently replaced text in a ledger.
 */
export const decodeText = (bytes: AsyncIterable<Uint8Array>, options: { file: string; encoding?: string }): DecodedText => {
  let encoding = 'utf-8'
  let forced: string | null = null
  if (options.encoding !== undefined) {
    forced = normaliseEncoding(options.encoding)
    if (forced === null)
      throw usageError(`不支持的编码“${options.encoding}”`, `unsupported encoding "${options.encoding}"`, 'unknown-encoding')
    encoding = forced
  }
  const { file } = options

  async function* chunks(): AsyncGenerator<string> {
    const iterator = bytes[Symbol.asyncIterator]()
    let decoder: TextDecoder | null = null
    let decodedBytes = 0
    let newlines = 0
    const emit = (text: string): string => {
      newlines += countNewlines(text)
      return text
    }
    const decodeWith = (chunk: Uint8Array, final: boolean): string => {
      try {
        const text = decoder!.decode(chunk, { stream: !final })
        decodedBytes += chunk.length
        return emit(text)
      } catch (error) {
        // Say where: count the line breaks of this chunk up to the first byte that is not UTF-8.
        // (The first bytes may finish a character the previous chunk started.)
        let from = 0
        while (from < 3 && from < chunk.length && (chunk[from]! & 0xc0) === 0x80) from++
        const found = firstInvalidUtf8(chunk.subarray(from))
        const bad = found < 0 ? -1 : found + from
        for (let k = 0; k < (bad < 0 ? 0 : bad); k++) if (chunk[k] === 0x0a) newlines++
        decodedBytes += bad < 0 ? 0 : bad
        throw unreadableInput(
          file,
          'invalid-utf8',
          `按UTF-8解码失败（约第${newlines + 1}行、第${decodedBytes + 1}字节之后有无效字节）；如文件是GBK编码，请指定编码 gb18030`,
          `invalid UTF-8 near line ${newlines + 1} (after byte ${decodedBytes + 1}); if the file is GBK, pass encoding gb18030`,
          { line: newlines + 1 },
          error,
        )
      }
    }

    try {
      // Gather the sample: enough bytes to read a BOM and judge UTF-16.
      const head: Uint8Array[] = []
      let headSize = 0
      let ended = false
      while (headSize < SAMPLE_SIZE) {
        const next = await iterator.next()
        if (next.done) {
          ended = true
          break
        }
        head.push(next.value)
        headSize += next.value.length
      }
      const sample = concat(head, headSize)
      if (forced !== null) decoder = new TextDecoder(forced)
      else {
        const bom = detectBom(sample)
        const utf16 = bom ? null : detectBomlessUtf16(sample)
        const found = bom?.encoding ?? utf16
        if (found) {
          encoding = found
          // UTF-8 from a BOM is decoded strictly like detected UTF-8; UTF-16 tolerates lone surrogates.
          decoder = new TextDecoder(found, { fatal: found === 'utf-8' })
        }
      }

      // Undecided: pass ASCII through, collect from the first non-ASCII byte until the sample is big enough.
      let pending: Uint8Array[] = []
      let pendingSize = 0
      const decide = (final: boolean): string => {
        const undecided = concat(pending, pendingSize)
        encoding = chooseAsciiCompatibleEncoding(undecided.subarray(0, SAMPLE_SIZE), final && undecided.length <= SAMPLE_SIZE)
        decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' })
        pending = []
        pendingSize = 0
        return decodeWith(undecided, final)
      }
      const feed = (chunk: Uint8Array): string => {
        if (decoder) return decodeWith(chunk, false)
        if (pendingSize === 0) {
          const at = firstNonAscii(chunk)
          if (at === -1) {
            decodedBytes += chunk.length
            return emit(asciiDecoder.decode(chunk))
          }
          const ascii = at > 0 ? emit(asciiDecoder.decode(chunk.subarray(0, at))) : ''
          decodedBytes += at
          pending.push(chunk.subarray(at))
          pendingSize += chunk.length - at
          return pendingSize >= SAMPLE_SIZE ? ascii + decide(false) : ascii
        }
        pending.push(chunk)
        pendingSize += chunk.length
        return pendingSize >= SAMPLE_SIZE ? decide(false) : ''
      }

      const first = feed(sample)
      if (first) yield first
      while (!ended) {
        const next = await iterator.next()
        if (next.done) break
        const text = feed(next.value)
        if (text) yield text
      }
      const last = decoder === null ? (pendingSize > 0 ? decide(true) : '') : decodeWith(new Uint8Array(0), true)
      if (last) yield last
    } finally {
      await iterator.return?.()
    }
  }

  return {
    chunks: chunks(),
    get encoding() {
      return encoding
    },
  }
}
