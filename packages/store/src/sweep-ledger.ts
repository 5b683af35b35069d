import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { createStreamSummary, type Lead, type Result } from '@chufei/core'
import { createLedgerContext, createLedgerWriter, leadContext, type Lang, type PackInfo } from '@chufei/ledger'
import type { SweepResults } from './sweep-results'

/*
 * A stored sweep's risk ledger (风险台账): its total list (总量风险清单 — every lead, with or without a case), the
 * key-lead sheet, the reasons, the statistics and the 说明 sheet, as `chufei score` writes them for the sheet — but
 * from the results stored at import, not scored again, so the ledger says what the sweep said on its day. Since
 * only key leads open cases, this is where the rest of a sweep's leads are read in Excel/WPS. A village gets its
 * own rows of a town-wide sweep.
 */

/** The formats a stored sweep's ledger is written in. */
export const SWEEP_LEDGER_FORMATS = ['xlsx', 'csv'] as const
export type SweepLedgerFormat = (typeof SWEEP_LEDGER_FORMATS)[number]

/** A written ledger and how many rows it holds. */
export interface SweepLedgerFile {
  readonly bytes: Uint8Array
  readonly rows: number
}

/**
 * Writes the ledger of a stored sweep. `pack` gives the labels, tiers and 说明: the pack that scored the sweep
 * when the caller has it (the scores are the stored ones whatever it is). Deadlines count from the sweep's date,
 * as they did at import, for leads without their own 排查日期.
 */
export const writeSweepLedger = async (results: SweepResults, pack: PackInfo, options: { format: SweepLedgerFormat; lang: Lang }): Promise<SweepLedgerFile> => {
  // The XLSX writer spools its later sheets to a scratch file, so a large sweep never sits in memory twice.
  const scratch = await mkdtemp(join(tmpdir(), 'chufei-sweep-ledger-'))
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve)
    out.on('error', reject)
  })
  const context = createLedgerContext(pack, { lang: options.lang, now: new Date(`${results.sweep.date}T00:00:00`) })
  const writer = createLedgerWriter({ format: options.format, out, context, scratchDir: scratch })
  const summary = createStreamSummary()
  let rows = 0
  try {
    for await (const page of results.pages()) {
      for (const stored of page) {
        const result = stored.result as Result
        rows += 1
        if (result.status === 'scored') {
          summary.scored += 1
          summary.byTier[result.tier] += 1
        } else summary.rejected += 1
        await writer.write({ result, lead: stored.input === null ? null : leadContext(stored.input as Lead) })
      }
    }
    // Rows the reader skipped (blank, footer) are known for the whole sweep only: counted when every row is readable.
    summary.skipped = rows === results.sweep.counts.scored + results.sweep.counts.rejected ? results.sweep.counts.skipped : 0
    summary.read = rows + summary.skipped
    await writer.end(summary)
    // The XLSX writer closes its stream; the text formats leave it open.
    if (options.format !== 'xlsx') out.end()
    await ended
    return { bytes: Buffer.concat(chunks), rows }
  } catch (error) {
    await writer.abort().catch(() => {})
    out.destroy()
    throw error
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}
