import { Writable } from 'node:stream'
import { crc32, createDeflateRaw } from 'node:zlib'

/*
 * A writable that deflates what it is given into `target` (a ZIP archive, or a scratch file holding a sheet
 * until its turn in the archive) and counts what a ZIP entry records of it: the CRC-32 and the sizes before
 * and after. Backpressure holds end to end: a write waits while deflate is full, and deflate, piped, waits
 * while `target` is.
 */

/** Deflate level 1 (fastest): on a 100,000-row ledger sheet (131 MB of XML) 0.33 s of CPU for 16.0 MB, against 0.87 s for 12.0 MB at level 6 (zlib's default, what exceljs used). */
export const ZIP_DEFLATE_LEVEL = 1

/** What a ZIP entry records of its data. */
export interface DeflatedPart {
  readonly crc: number
  /** Bytes before deflate. */
  readonly size: number
  /** Bytes after deflate. */
  readonly compressed: number
}

/** A deflating writable and, once it has ended and its last byte is in `target`, what it wrote. */
export interface DeflateSink {
  readonly stream: Writable
  readonly result: Promise<DeflatedPart>
}

/**
 * Deflates into `target` (never ended here). `onCompressed` is told of each compressed chunk as it goes to
 * `target`, for a caller that counts the archive's offset.
 */
export const createDeflateSink = (target: Writable, onCompressed?: (bytes: number) => void): DeflateSink => {
  const deflate = createDeflateRaw({ level: ZIP_DEFLATE_LEVEL, chunkSize: 64 * 1024 })
  let crc = 0
  let size = 0
  let compressed = 0
  deflate.on('data', (chunk: Buffer) => {
    compressed += chunk.length
    onCompressed?.(chunk.length)
  })
  deflate.pipe(target, { end: false })

  let settle: { resolve: (part: DeflatedPart) => void; reject: (e: unknown) => void } | undefined
  const result = new Promise<DeflatedPart>((resolve, reject) => (settle = { resolve, reject }))
  // Marked handled here: a failure also reaches the writer through `stream`'s error.
  result.catch(() => {})

  const stream = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      crc = crc32(chunk, crc)
      size += chunk.length
      if (deflate.write(chunk)) callback()
      else deflate.once('drain', () => callback())
    },
    final(callback) {
      deflate.once('end', () => {
        deflate.unpipe(target)
        callback()
        settle?.resolve({ crc: crc >>> 0, size, compressed })
      })
      deflate.end()
    },
    destroy(error, callback) {
      deflate.destroy()
      settle?.reject(error ?? new Error('deflate stream destroyed'))
      callback(error)
    },
  })
  deflate.once('error', (e) => stream.destroy(e))
  return { stream, result }
}
