import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { Readable } from 'node:stream'
import { describeCause, unreadableInput, usageError } from './read-sheet-errors'
import type { SheetInput } from './read-sheet-types'

/** Size of the chunks the readers pull: large enough to be fast, small enough to keep memory flat. */
export const CHUNK_SIZE = 64 * 1024

/** One input (a path or uploaded bytes) that can be read from the start more than once. */
export interface ByteSource {
  /** Name used in messages: the path as given, or the upload's name. */
  readonly file: string
  /** Lower-case extension without the dot (`csv`, `xlsx`), or `''`. */
  readonly extension: string
  /** The first `n` bytes (fewer when the input is shorter). */
  head(n: number): Promise<Uint8Array>
  /** The whole input, chunk by chunk. */
  chunks(): AsyncGenerator<Uint8Array>
  /** The whole input as a Node stream. */
  stream(): Readable
  /** The input's length in bytes. */
  size(): Promise<number>
  /** `length` bytes from `position` (fewer at the end of the input): random access for zip files. */
  readAt(position: number, length: number): Promise<Uint8Array>
}

const UPLOAD_NAME = '上传文件'

/** Turns a file-system error into the located `UNREADABLE_INPUT` a user can act on. */
export const fileError = (file: string, error: unknown): Error => {
  const code = (error as NodeJS.ErrnoException | null)?.code
  switch (code) {
    case 'ENOENT':
      return unreadableInput(file, 'file-not-found', '文件不存在', 'file not found', {}, error)
    case 'EISDIR':
      return unreadableInput(file, 'is-directory', '这是一个文件夹，不是文件', 'is a directory, not a file', {}, error)
    case 'EACCES':
    case 'EPERM':
      return unreadableInput(file, 'permission-denied', '没有读取该文件的权限', 'permission denied', {}, error)
    default:
      return unreadableInput(
        file,
        'read-failed',
        `无法读取文件：${describeCause(error)}`,
        `cannot read the file: ${describeCause(error)}`,
        {},
        error,
      )
  }
}

const fromPath = (path: string): ByteSource => ({
  file: path,
  extension: extname(path).slice(1).toLowerCase(),
  async head(n) {
    let handle
    try {
      handle = await open(path, 'r')
      const buffer = new Uint8Array(n)
      const { bytesRead } = await handle.read(buffer, 0, n, 0)
      return buffer.subarray(0, bytesRead)
    } catch (error) {
      throw fileError(path, error)
    } finally {
      await handle?.close()
    }
  },
  async *chunks() {
    const stream = createReadStream(path, { highWaterMark: CHUNK_SIZE })
    try {
      for await (const chunk of stream) yield chunk as Buffer
    } catch (error) {
      throw fileError(path, error)
    } finally {
      stream.destroy()
    }
  },
  stream() {
    return createReadStream(path, { highWaterMark: CHUNK_SIZE })
  },
  async size() {
    try {
      return (await stat(path)).size
    } catch (error) {
      throw fileError(path, error)
    }
  },
  async readAt(position, length) {
    let handle
    try {
      handle = await open(path, 'r')
      const buffer = new Uint8Array(length)
      const { bytesRead } = await handle.read(buffer, 0, length, position)
      return buffer.subarray(0, bytesRead)
    } catch (error) {
      throw fileError(path, error)
    } finally {
      await handle?.close()
    }
  },
})

const fromBytes = (bytes: Uint8Array, name: string | undefined): ByteSource => ({
  file: name ?? UPLOAD_NAME,
  extension: name === undefined ? '' : extname(basename(name)).slice(1).toLowerCase(),
  async head(n) {
    return bytes.subarray(0, n)
  },
  async *chunks() {
    for (let start = 0; start < bytes.length; start += CHUNK_SIZE) yield bytes.subarray(start, start + CHUNK_SIZE)
  },
  stream() {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return Readable.from(
      (function* () {
        for (let start = 0; start < buffer.length; start += CHUNK_SIZE) yield buffer.subarray(start, start + CHUNK_SIZE)
      })(),
      { objectMode: false },
    )
  },
  async size() {
    return bytes.length
  },
  async readAt(position, length) {
    return bytes.subarray(position, position + length)
  },
})

/** Opens a {@link SheetInput} for reading; nothing is read until a method is called. */
export const openByteSource = (input: SheetInput): ByteSource => {
  if (typeof input === 'string') return fromPath(input)
  if (input !== null && typeof input === 'object' && input.bytes instanceof Uint8Array)
    return fromBytes(input.bytes, input.name)
  throw usageError(
    'readSheet 的输入应为文件路径或 { bytes: Uint8Array, name?: string }',
    'readSheet input must be a file path or { bytes: Uint8Array, name?: string }',
    'invalid-input',
  )
}
