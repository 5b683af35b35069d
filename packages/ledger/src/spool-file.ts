import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'
import { open, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createTextBuffer, type TextBuffer } from './write-chunk'

/*
 * A scratch file of JSON lines, for an XLSX sheet whose rows are known while an earlier sheet streams
 * (重点线索台账, 评分依据, 问题行): a ZIP holds one entry at a time, so a later sheet's rows would otherwise
 * wait in memory. Created on the first line, removed after reading or on abort.
 * Lines are gathered into 64 KiB writes (createTextBuffer): written one by one, the file system calls for
 * lines of a few hundred bytes cost ≈ 2 s of CPU per 100,000 ledger rows (round 10's profile).
 */

export interface SpoolFile<T> {
  /** Appends `value`; resolves to its place, for {@link SpoolFile.readAll}. */
  write(value: T): Promise<SpoolPlace>
  /** Every value written, in order; the file is removed afterwards. */
  drain(): AsyncGenerator<T>
  /**
   * The values at `places`, in the order given (e.g. sorted), read from the file by position — so a
   * sheet that must be sorted (重点线索台账) keeps only places in memory. The file is removed afterwards.
   */
  readAll(places: Iterable<SpoolPlace>): AsyncGenerator<T>
  /** Removes the file (after a failure). */
  remove(): Promise<void>
}

/** Where a value lies in a spool file: byte start and length. */
export interface SpoolPlace {
  readonly start: number
  readonly length: number
}

/** Told of each scratch file created and removed, so a program can delete what is left if it dies. */
export interface ScratchHooks {
  track(path: string): void
  untrack(path: string): void
}

const NO_HOOKS: ScratchHooks = { track: () => {}, untrack: () => {} }

/** Hooks that are told nothing. */
export const NO_SCRATCH_HOOKS: ScratchHooks = NO_HOOKS

/** A scratch file's path in `dir`: hidden, named for its kind and this process, so a leftover is recognisable. */
export const scratchPath = (dir: string, kind: string): string => join(dir, `.chufei-${kind}.${process.pid}.${Date.now().toString(36)}.tmp`)

export const createSpoolFile = <T>(dir: string, kind: string, hooks: ScratchHooks = NO_HOOKS): SpoolFile<T> => {
  const path = scratchPath(dir, kind)
  let stream: WriteStream | null = null
  let text: TextBuffer | null = null
  let size = 0

  const close = async () => {
    const s = stream
    if (s === null) return
    if (text !== null && !s.destroyed) await text.flush()
    text = null
    await new Promise<void>((resolve, reject) => {
      if (s.closed) return resolve()
      s.once('error', reject)
      s.once('close', () => resolve())
      if (!s.writableEnded) s.end()
      else if (s.destroyed) resolve()
    })
  }

  const remove = async () => {
    if (stream === null) return
    stream.destroy()
    text = null
    await close().catch(() => {})
    await rm(path, { force: true })
    hooks.untrack(path)
    stream = null
  }

  return {
    write: async (value) => {
      if (stream === null) {
        stream = createWriteStream(path, { flags: 'wx' })
        text = createTextBuffer(stream)
        hooks.track(path)
      }
      const line = `${JSON.stringify(value)}\n`
      const place = { start: size, length: Buffer.byteLength(line) }
      size += place.length
      await text?.write(line)
      return place
    },
    drain: async function* () {
      if (stream === null) return
      await close()
      const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
      for await (const text of lines) if (text !== '') yield JSON.parse(text) as T
      await remove()
    },
    readAll: async function* (places) {
      if (stream === null) return
      await close()
      const file = await open(path, 'r')
      try {
        let buffer = Buffer.alloc(64 * 1024)
        for (const { start, length } of places) {
          if (buffer.length < length) buffer = Buffer.alloc(length)
          const { bytesRead } = await file.read(buffer, 0, length, start)
          yield JSON.parse(buffer.toString('utf8', 0, bytesRead)) as T
        }
      } finally {
        await file.close()
      }
      await remove()
    },
    remove,
  }
}
