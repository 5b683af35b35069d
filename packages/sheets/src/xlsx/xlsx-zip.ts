import { createInflateRaw } from 'node:zlib'
import type { ByteSource } from '../read-sheet-input'
import { XlsxLimitError } from './xlsx-limits'

/*
 * The zip container of an .xlsx (压缩包), read through its central directory: the directory at the end
 * of the file says where every part is, so a part is found whatever order the writer (Excel, WPS,
 * exceljs) put the parts in, and only the parts needed are inflated — the worksheet as a stream.
 */

/** One part (file) inside the zip. */
export interface ZipEntry {
  readonly name: string
  /** 0 stored, 8 deflated. */
  readonly method: number
  readonly compressedSize: number
  readonly size: number
  /** Offset of the entry's local header. */
  readonly headerOffset: number
}

/** A structural problem of the zip; the reader reports it as a corrupt workbook. */
export class ZipFormatError extends Error {}

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50
/** The end record (22 bytes) may be followed by a comment of up to 65,535 bytes. */
const END_SEARCH = 22 + 0xffff
/** Bytes read at a time from a compressed part. */
const READ_SIZE = 256 * 1024
/**
 * Compressed bytes given to the inflater at a time. One write inflates whole before backpressure can act,
 * and deflate reaches 1:1032, so this bounds what one write can make: 16 KiB → at most about 16 MiB.
 */
const INFLATE_WRITE_SIZE = 16 * 1024

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** Reads the central directory: every part's name, method, sizes and where it starts. */
export const readZipDirectory = async (source: ByteSource): Promise<Map<string, ZipEntry>> => {
  const size = await source.size()
  const tailStart = Math.max(0, size - END_SEARCH)
  const tail = await source.readAt(tailStart, size - tailStart)
  const tv = view(tail)
  let end = -1
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i
      break
    }
  }
  if (end < 0) throw new ZipFormatError('not a zip file (no central directory)')
  const count = tv.getUint16(end + 10, true)
  const directorySize = tv.getUint32(end + 12, true)
  const directoryOffset = tv.getUint32(end + 16, true)
  if (directoryOffset === 0xffffffff || count === 0xffff) throw new ZipFormatError('zip64 archives are not supported')
  if (directoryOffset + directorySize > size) throw new ZipFormatError('the central directory lies beyond the end of the file')
  const directory = await source.readAt(directoryOffset, directorySize)
  const dv = view(directory)
  const entries = new Map<string, ZipEntry>()
  const decoder = new TextDecoder('utf-8')
  let at = 0
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || dv.getUint32(at, true) !== DIRECTORY_ENTRY) throw new ZipFormatError('damaged central directory')
    const nameLength = dv.getUint16(at + 28, true)
    const extraLength = dv.getUint16(at + 30, true)
    const commentLength = dv.getUint16(at + 32, true)
    if (at + 46 + nameLength > directory.length) throw new ZipFormatError('damaged central directory')
    // Part names of an .xlsx are ASCII; UTF-8 (flag bit 11 or not) reads them either way.
    const name = decoder.decode(directory.subarray(at + 46, at + 46 + nameLength))
    entries.set(name, {
      name,
      method: dv.getUint16(at + 10, true),
      compressedSize: dv.getUint32(at + 20, true),
      size: dv.getUint32(at + 24, true),
      headerOffset: dv.getUint32(at + 42, true),
    })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** The raw (still compressed) bytes of a part, in pieces. */
async function* compressedBytes(source: ByteSource, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const header = await source.readAt(entry.headerOffset, 30)
  if (header.length < 30 || view(header).getUint32(0, true) !== LOCAL_HEADER) throw new ZipFormatError(`damaged part ${entry.name}`)
  const hv = view(header)
  let position = entry.headerOffset + 30 + hv.getUint16(26, true) + hv.getUint16(28, true)
  let left = entry.compressedSize
  while (left > 0) {
    const piece = await source.readAt(position, Math.min(READ_SIZE, left))
    if (piece.length === 0) throw new ZipFormatError(`part ${entry.name} is cut short`)
    position += piece.length
    left -= piece.length
    yield piece
  }
}

/** Resolves when a writable stream drains or closes (whichever comes first), leaving no listener behind. */
const drained = (stream: NodeJS.WritableStream & NodeJS.EventEmitter): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done)
      stream.off('close', done)
      resolve()
    }
    stream.on('drain', done)
    stream.on('close', done)
  })

/**
 * A part's content, inflated, in pieces as they come: memory stays at a few pieces whatever the part's
 * size. Stops (and stops reading the file) when the caller stops, and with {@link XlsxLimitError} as
 * soon as more than `maxBytes` have come out — counted, never taken from the directory, which can lie.
 */
export async function* readZipEntry(source: ByteSource, entry: ZipEntry, maxBytes: number): AsyncGenerator<Uint8Array> {
  const tooLarge = () => new XlsxLimitError('part', entry.name, maxBytes)
  if (entry.method === 0) {
    let stored = 0
    for await (const piece of compressedBytes(source, entry)) {
      stored += piece.length
      if (stored > maxBytes) throw tooLarge()
      yield piece
    }
    return
  }
  if (entry.method !== 8) throw new ZipFormatError(`part ${entry.name} uses an unsupported compression method (${entry.method})`)
  const inflate = createInflateRaw()
  let failed: unknown = null
  const feed = (async () => {
    try {
      for await (const piece of compressedBytes(source, entry)) {
        for (let at = 0; at < piece.length; at += INFLATE_WRITE_SIZE) {
          if (inflate.destroyed) return
          if (!inflate.write(piece.subarray(at, at + INFLATE_WRITE_SIZE))) await drained(inflate)
        }
      }
      inflate.end()
    } catch (error) {
      failed = error
      inflate.destroy(error as Error)
    }
  })()
  let total = 0
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length
      if (total > maxBytes) throw tooLarge()
      yield chunk
    }
  } catch (error) {
    throw failed ?? error
  } finally {
    inflate.destroy()
    await feed
  }
  if (failed !== null) throw failed
}

/** Text of a part, decoded as UTF-8 across piece boundaries (a character cut in two stays whole). */
export async function* readZipText(source: ByteSource, entry: ZipEntry, maxBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8')
  for await (const piece of readZipEntry(source, entry, maxBytes)) {
    const text = decoder.decode(piece, { stream: true })
    if (text !== '') yield text
  }
  const rest = decoder.decode()
  if (rest !== '') yield rest
}
