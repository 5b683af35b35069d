import { createWriteStream } from 'node:fs'
import { open, rm } from 'node:fs/promises'
import { NO_SCRATCH_HOOKS, scratchPath, type ScratchHooks } from '../spool-file'
import { createDeflateSink, type DeflatedPart } from './deflate-sink'
import { createSheetWriter, type SheetLayout, type SheetWriter } from './sheet-writer'

/*
 * A worksheet written while another one streams into the archive (评分依据 and 问题行 fill up as the 风险台账
 * rows go by): its rows are rendered and deflated at once into a scratch file, and the compressed bytes are
 * copied into the archive when its turn comes (WorkbookWriter.addDeflatedSheet). Before round 10 these rows were
 * spooled as JSON, read back and parsed at the end, then written; now each row is rendered once and nothing is
 * parsed, and the scratch file is the compressed sheet (≈ 1/8 of its XML).
 */

const COPY_CHUNK = 64 * 1024

/**
 * The file's bytes, read into `buffer` again and again. A read stream allocates a new 64 KiB buffer a read, and
 * the copy of a million-row 评分依据 (tens of MB deflated) left that much garbage outside V8's heap before a
 * collection came: the 1M-row XLSX ledger's peak RSS was ≈ 30 MB above the rest of its run in its last 0.3 s.
 * The ZIP writer takes each chunk out before it asks for the next (`ZipWriter.addDeflated`).
 */
async function* readInto(path: string, buffer: Buffer): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r')
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) return
      yield buffer.subarray(0, bytesRead)
    }
  } finally {
    await file.close()
  }
}

/** A sheet in a scratch file. */
export interface ScratchSheet {
  /** Write its rows here; `end` it before {@link ScratchSheet.part}. */
  readonly sheet: SheetWriter
  /** After the sheet has ended: its CRC and sizes, and its compressed bytes, read once. */
  part(): { readonly part: DeflatedPart; readonly data: AsyncIterable<Uint8Array> }
  /** Removes the scratch file (after its bytes were copied, or after a failure). */
  remove(): Promise<void>
}

/** Starts a sheet in a new scratch file in `dir`; `hooks` are told of the file, so a dying program can remove it. */
export const createScratchSheet = (dir: string, kind: string, layout: SheetLayout, hooks: ScratchHooks = NO_SCRATCH_HOOKS): ScratchSheet => {
  const path = scratchPath(dir, kind)
  const file = createWriteStream(path, { flags: 'wx' })
  hooks.track(path)
  const sink = createDeflateSink(file)
  let part: DeflatedPart | undefined
  // The sheet's end waits until its last compressed byte is in the file and the file is closed.
  const done = sink.result.then(
    (p) =>
      new Promise<void>((resolve, reject) => {
        part = p
        file.once('error', reject)
        file.end(() => resolve())
      }),
  )
  done.catch(() => {})
  let removed = false
  return {
    sheet: createSheetWriter(sink.stream, done, layout),
    part: () => {
      if (part === undefined) throw new Error(`scratch sheet ${kind}: read before it ended`)
      return { part, data: readInto(path, Buffer.allocUnsafe(COPY_CHUNK)) }
    },
    remove: async () => {
      if (removed) return
      removed = true
      sink.stream.destroy()
      // Removed only once closed: a file still being opened would otherwise appear after the `rm`.
      if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()).destroy())
      await rm(path, { force: true })
      hooks.untrack(path)
    },
  }
}
