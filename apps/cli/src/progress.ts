import { createReadStream } from 'node:fs'
import type { Writable } from 'node:stream'
import cliProgress from 'cli-progress'
import type { Messages } from './messages'

/*
 * The progress bar (进度条) on stderr, only for a person watching a terminal: rows, rows/s and, when the
 * number of rows can be estimated from the file, a percentage and ETA.
 */

export interface Progress {
  tick(): void
  stop(): void
}

const NO_PROGRESS: Progress = { tick: () => {}, stop: () => {} }

/**
 * Counts line breaks in a text sheet (CSV/TSV/JSONL) as an estimate of its rows, without reading it into
 * memory. GB18030 and UTF-16 never use byte 0x0A inside a character, so the count holds for them too.
 */
export const countLines = async (path: string): Promise<number> => {
  let n = 0
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n += 1
  }
  return n
}

/** Starts a progress bar on `stream`, or a silent one when `enabled` is false. */
export const startProgress = (options: { enabled: boolean; stream: Writable; total: number | null; messages: Messages }): Progress => {
  if (!options.enabled) return NO_PROGRESS
  const withTotal = options.total !== null && options.total > 0
  const bar = new cliProgress.SingleBar(
    {
      stream: options.stream as NodeJS.WritableStream,
      format: options.messages.progress(withTotal),
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: true,
      notTTYSchedule: 1000,
      fps: 8,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  )
  const started = performance.now()
  let value = 0
  bar.start(withTotal ? (options.total as number) : 1, 0, { speed: '0' })
  return {
    tick() {
      value += 1
      const seconds = (performance.now() - started) / 1000
      const speed = seconds > 0 ? Math.round(value / seconds) : 0
      // An estimated total can be exceeded (multi-line cells); grow it rather than show >100%.
      if (withTotal && value > bar.getTotal()) bar.setTotal(value)
      bar.update(value, { speed: String(speed) })
    },
    stop() {
      bar.stop()
    },
  }
}
