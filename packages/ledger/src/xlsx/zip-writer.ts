import type { Writable } from 'node:stream'
import { crc32, deflateRawSync } from 'node:zlib'
import { writeChunk } from '../write-chunk'
import { ZIP_DEFLATE_LEVEL, createDeflateSink, type DeflatedPart } from './deflate-sink'

/*
 * A ZIP archive written front to back into one stream, for the XLSX ledger: an XLSX is a ZIP of XML parts,
 * and the worksheets are too large to hold (≈ 1.5–2 KB of XML per ledger row, gigabytes at 1,000,000 rows),
 * so a streamed entry is deflated as it is written and its CRC and sizes follow it in a data descriptor.
 * Nothing is ever seeked: the output may be a pipe or an HTTP response.
 *
 * ZIP64 is written only where a figure does not fit in 32 bits (as Go's archive/zip does): an entry of 4 GiB
 * or more gets a 64-bit data descriptor and a ZIP64 extra field in the central directory, and an archive
 * whose central directory starts past 4 GiB ends with the ZIP64 end records. A ledger's sheet stays well under
 * 4 GiB below Excel's 1,048,576 rows unless its cells are very long, so in practice every ledger is a plain
 * ZIP that every reader opens. Entries are at most 65,535 (a workbook has a dozen).
 *
 * An entry can also come deflated already (addDeflated): a sheet written to a compressed scratch file while
 * an earlier sheet streamed is copied in with its CRC and sizes in its local header.
 */

const U32 = 0xffffffff
const DESCRIPTOR_FLAG = 0x0008
const UTF8_FLAG = 0x0800
const DEFLATE = 8
const VERSION_ZIP64 = 45
const VERSION_PLAIN = 20

/** One entry as the central directory lists it. */
interface EntryRecord {
  readonly name: Buffer
  readonly flags: number
  readonly crc: number
  readonly compressed: number
  readonly size: number
  readonly offset: number
  readonly time: number
  readonly date: number
}

/** A ZIP archive being written. */
export interface ZipWriter {
  /** Adds a small entry whose bytes are all known (deflated at once; sizes in its local header). */
  addFile(name: string, data: string | Uint8Array): Promise<void>
  /**
   * Starts an entry whose bytes come as a stream: write to it (respecting its backpressure) and `end` it;
   * `done` resolves once its compressed bytes and descriptor are in the archive. One streamed entry at a time.
   */
  addStream(name: string): { readonly stream: Writable; readonly done: Promise<void> }
  /**
   * Adds an entry deflated beforehand (a sheet written to a scratch file): `data` is its compressed bytes. Each
   * chunk has been handed to `out`'s file (its write callback) before the next is taken, so a source may read
   * every chunk into one buffer.
   */
  addDeflated(name: string, part: DeflatedPart, data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void>
  /** Writes the central directory and ends `out`; resolves when `out` has finished. */
  finish(): Promise<void>
}

export interface ZipWriterOptions {
  /** Tests only: write every entry and the end records in their ZIP64 form, to prove that layout opens. */
  readonly forceZip64?: boolean
  /** The time stamped on entries (default: now). */
  readonly date?: Date
}

/** MS-DOS date and time of `d` (local time, as ZIP tools show it; 2-second resolution). */
const dosDateTime = (d: Date): { time: number; date: number } => ({
  time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
  date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
})

export const createZipWriter = (out: Writable, options: ZipWriterOptions = {}): ZipWriter => {
  const force = options.forceZip64 === true
  const { time, date } = dosDateTime(options.date ?? new Date())
  const entries: EntryRecord[] = []
  let offset = 0
  let busy = false

  const put = (bytes: Uint8Array): Promise<void> => {
    offset += bytes.length
    return writeChunk(out, bytes)
  }

  // Resolves once `out` has passed the bytes on (not just buffered them), so their buffer may be used again.
  const written = (bytes: Uint8Array): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (out.destroyed || out.writableEnded) return reject(new Error('output stream closed'))
      out.write(bytes, (error) => (error ? reject(error) : resolve()))
    })

  // A streamed entry's local header says "sizes follow" (zeros); with forceZip64 it also carries the ZIP64
  // extra field some readers look for before they trust a 64-bit descriptor.
  const localHeader = (name: Buffer, flags: number, crc: number, compressed: number, size: number, zip64: boolean): Buffer => {
    const extra = zip64 ? 20 : 0
    const b = Buffer.alloc(30 + name.length + extra)
    b.writeUInt32LE(0x04034b50, 0)
    b.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_PLAIN, 4)
    b.writeUInt16LE(flags, 6)
    b.writeUInt16LE(DEFLATE, 8)
    b.writeUInt16LE(time, 10)
    b.writeUInt16LE(date, 12)
    b.writeUInt32LE(crc, 14)
    b.writeUInt32LE(zip64 ? U32 : compressed, 18)
    b.writeUInt32LE(zip64 ? U32 : size, 22)
    b.writeUInt16LE(name.length, 26)
    b.writeUInt16LE(extra, 28)
    name.copy(b, 30)
    if (zip64) {
      const x = 30 + name.length
      b.writeUInt16LE(0x0001, x)
      b.writeUInt16LE(16, x + 2)
      b.writeBigUInt64LE(BigInt(size), x + 4)
      b.writeBigUInt64LE(BigInt(compressed), x + 12)
    }
    return b
  }

  const addFile = async (nameText: string, data: string | Uint8Array): Promise<void> => {
    if (busy) throw new Error(`zip: ${nameText} added while a streamed entry is open`)
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    const deflated = deflateRawSync(bytes, { level: ZIP_DEFLATE_LEVEL })
    const name = Buffer.from(nameText, 'utf8')
    const record: EntryRecord = { name, flags: UTF8_FLAG, crc: crc32(bytes), compressed: deflated.length, size: bytes.length, offset, time, date }
    entries.push(record)
    await put(localHeader(name, record.flags, record.crc, record.compressed, record.size, force))
    await put(deflated)
  }

  const addStream = (nameText: string): { stream: Writable; done: Promise<void> } => {
    if (busy) throw new Error(`zip: ${nameText} added while a streamed entry is open`)
    busy = true
    const name = Buffer.from(nameText, 'utf8')
    const start = offset
    const flags = UTF8_FLAG | DESCRIPTOR_FLAG
    const header = put(localHeader(name, flags, 0, 0, 0, force))
    // Compressed bytes go straight on to `out`, counted into the archive's offset.
    const sink = createDeflateSink(out, (bytes) => (offset += bytes))
    const done = Promise.all([header, sink.result]).then(async ([, { crc, size, compressed }]) => {
      const zip64 = force || size >= U32 || compressed >= U32
      // Signature, CRC, then compressed and uncompressed sizes (8 bytes each in ZIP64, else 4).
      const d = Buffer.alloc(zip64 ? 24 : 16)
      d.writeUInt32LE(0x08074b50, 0)
      d.writeUInt32LE(crc, 4)
      if (zip64) {
        d.writeBigUInt64LE(BigInt(compressed), 8)
        d.writeBigUInt64LE(BigInt(size), 16)
      } else {
        d.writeUInt32LE(compressed, 8)
        d.writeUInt32LE(size, 12)
      }
      entries.push({ name, flags, crc, compressed, size, offset: start, time, date })
      await put(d)
      busy = false
    })
    // Marked handled here: a failure also reaches the writer through the stream's error.
    done.catch(() => {})
    return { stream: sink.stream, done }
  }

  const addDeflated = async (nameText: string, part: DeflatedPart, data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void> => {
    if (busy) throw new Error(`zip: ${nameText} added while a streamed entry is open`)
    busy = true
    const name = Buffer.from(nameText, 'utf8')
    const zip64 = force || part.size >= U32 || part.compressed >= U32
    entries.push({ name, flags: UTF8_FLAG, crc: part.crc, compressed: part.compressed, size: part.size, offset, time, date })
    await put(localHeader(name, UTF8_FLAG, part.crc, part.compressed, part.size, zip64))
    let copied = 0
    for await (const chunk of data) {
      copied += chunk.length
      offset += chunk.length
      await written(chunk)
    }
    if (copied !== part.compressed) throw new Error(`zip: ${nameText} has ${copied} bytes, ${part.compressed} expected`)
    busy = false
  }

  const finish = async (): Promise<void> => {
    if (busy) throw new Error('zip: finished while a streamed entry is open')
    const directoryStart = offset
    for (const e of entries) {
      const big = force || e.size >= U32 || e.compressed >= U32 || e.offset >= U32
      const extra = big ? 28 : 0
      const b = Buffer.alloc(46 + e.name.length + extra)
      b.writeUInt32LE(0x02014b50, 0)
      b.writeUInt16LE((3 << 8) | (big ? VERSION_ZIP64 : VERSION_PLAIN), 4) // made by: Unix
      b.writeUInt16LE(big ? VERSION_ZIP64 : VERSION_PLAIN, 6)
      b.writeUInt16LE(e.flags, 8)
      b.writeUInt16LE(DEFLATE, 10)
      b.writeUInt16LE(e.time, 12)
      b.writeUInt16LE(e.date, 14)
      b.writeUInt32LE(e.crc, 16)
      b.writeUInt32LE(big ? U32 : e.compressed, 20)
      b.writeUInt32LE(big ? U32 : e.size, 24)
      b.writeUInt16LE(e.name.length, 28)
      b.writeUInt16LE(extra, 30)
      b.writeUInt32LE((0o100644 << 16) >>> 0, 38) // external attributes: a regular file, rw-r--r--
      b.writeUInt32LE(big ? U32 : e.offset, 42)
      e.name.copy(b, 46)
      if (big) {
        const x = 46 + e.name.length
        b.writeUInt16LE(0x0001, x)
        b.writeUInt16LE(24, x + 2)
        b.writeBigUInt64LE(BigInt(e.size), x + 4)
        b.writeBigUInt64LE(BigInt(e.compressed), x + 12)
        b.writeBigUInt64LE(BigInt(e.offset), x + 20)
      }
      await put(b)
    }
    const directorySize = offset - directoryStart
    const big = force || directoryStart >= U32 || entries.length > 0xfffe
    if (big) {
      const zip64End = offset
      const r = Buffer.alloc(56 + 20)
      r.writeUInt32LE(0x06064b50, 0)
      r.writeBigUInt64LE(44n, 4)
      r.writeUInt16LE((3 << 8) | VERSION_ZIP64, 12)
      r.writeUInt16LE(VERSION_ZIP64, 14)
      r.writeBigUInt64LE(BigInt(entries.length), 24)
      r.writeBigUInt64LE(BigInt(entries.length), 32)
      r.writeBigUInt64LE(BigInt(directorySize), 40)
      r.writeBigUInt64LE(BigInt(directoryStart), 48)
      r.writeUInt32LE(0x07064b50, 56) // ZIP64 end locator
      r.writeBigUInt64LE(BigInt(zip64End), 64)
      r.writeUInt32LE(1, 72)
      await put(r)
    }
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(big ? 0xffff : entries.length, 8)
    end.writeUInt16LE(big ? 0xffff : entries.length, 10)
    end.writeUInt32LE(big ? U32 : directorySize, 12)
    end.writeUInt32LE(big ? U32 : directoryStart, 16)
    await put(end)
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject)
      out.end(() => {
        out.off('error', reject)
        resolve()
      })
    })
  }

  return { addFile, addStream, addDeflated, finish }
}

