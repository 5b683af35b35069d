import { createWriteStream, type WriteStream } from 'node:fs'
import { lstat, readdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { ChufeiError } from '@chufei/core'
import { liveTempFiles } from './live-temp-files'

export { removeLiveTempFiles, trackTempFile, untrackTempFile } from './live-temp-files'

/*
 * Atomic output (原子写入): a ledger is written to `.<name>.<pid>.tmp` in the target's folder and renamed
 * over the target only when complete. A failed or interrupted run therefore never leaves half a ledger
 * and never clobbers yesterday's ledger. Same folder, so the rename cannot cross file systems.
 */

/** A file being written atomically. */
export interface AtomicFile {
  /** Where the data goes until {@link AtomicFile.commit}. */
  readonly tempPath: string
  /** The final path. */
  readonly path: string
  readonly stream: WriteStream
  /** Flushes, closes and renames the temp file over the target. */
  commit(): Promise<void>
  /** Discards the temp file; the target is untouched. Safe to call more than once, and after commit. */
  abort(): Promise<void>
}

/** The temp path for a target: `.<name>.<pid>.tmp` beside it. */
export const tempPathFor = (path: string, pid: number = process.pid): string =>
  join(dirname(path), `.${basename(path)}.${pid}.tmp`)

const outputFailed = (path: string, cause: unknown): ChufeiError => {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new ChufeiError('OUTPUT_FAILED', `无法写入输出文件 ${path}：${reason}`, {
    cause,
    issues: [
      {
        code: 'output-failed',
        severity: 'error',
        file: path,
        message: `无法写入输出文件：${reason}`,
        messageEn: `cannot write the output file: ${reason}`,
      },
    ],
  })
}

/** Whether a process with this pid exists (EPERM: it does, owned by someone else). */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Removes temp files left in `path`'s folder by runs that were killed: `.<name>.<pid>.tmp` of this
 * target and the XLSX ledger's `.chufei-<problems|reasons|key>.<pid>.<stamp>.tmp` spools, when they are regular files and their pid is
 * no longer alive. Nothing else is ever touched; a file that cannot be checked or removed is left.
 */
export const removeStaleTempFiles = async (path: string): Promise<string[]> => {
  const dir = dirname(path)
  const ours = new RegExp(`^(?:\\.${escapeRegExp(basename(path))}\\.(\\d+)\\.tmp|\\.chufei-(?:problems|reasons|key)\\.(\\d+)\\.[0-9a-z]+\\.tmp)$`)
  const removed: string[] = []
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return removed
  }
  for (const name of names) {
    const match = ours.exec(name)
    if (match === null) continue
    const pid = Number(match[1] ?? match[2])
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue
    const file = join(dir, name)
    try {
      if (!(await lstat(file)).isFile()) continue
      await rm(file)
      removed.push(file)
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed
}

/**
 * Opens `path` for atomic writing. Rejects with `OUTPUT_FAILED` when the folder cannot be written.
 * The temp file is created exclusively (`wx`), so two runs never share one.
 */
export const createAtomicFile = async (path: string): Promise<AtomicFile> => {
  await removeStaleTempFiles(path)
  const tempPath = tempPathFor(path)
  const stream = createWriteStream(tempPath, { flags: 'wx' })
  liveTempFiles.add(tempPath)
  let streamError: unknown = null
  stream.on('error', (e) => {
    streamError ??= e
  })
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve())
      stream.once('error', reject)
    })
  } catch (e) {
    liveTempFiles.delete(tempPath)
    throw outputFailed(path, e)
  }
  let settled = false
  const abort = async (): Promise<void> => {
    if (settled) return
    settled = true
    stream.destroy()
    await new Promise<void>((resolve) => (stream.closed ? resolve() : stream.once('close', () => resolve())))
    await rm(tempPath, { force: true })
    liveTempFiles.delete(tempPath)
  }
  const commit = async (): Promise<void> => {
    if (settled) throw outputFailed(path, new Error('already closed'))
    try {
      if (streamError !== null) throw streamError
      // A writer may have ended the stream itself (exceljs pipes its zip into it); wait for the file to close.
      await new Promise<void>((resolve, reject) => {
        if (stream.closed) return resolve()
        stream.once('error', reject)
        stream.once('close', () => resolve())
        if (!stream.writableEnded) stream.end()
      })
      if (streamError !== null) throw streamError
      await rename(tempPath, path)
      settled = true
      liveTempFiles.delete(tempPath)
    } catch (e) {
      await abort()
      throw outputFailed(path, e)
    }
  }
  return { tempPath, path, stream, commit, abort }
}
