import { constants, deflateRawSync } from 'node:zlib'
import { collectBytes } from './xlsx/xlsx-table'
import type { ScratchSheet } from './xlsx/scratch-sheet'
import { createWorkbookWriter } from './xlsx/workbook-writer'

/*
 * Hostile ledgers for the reader's bounds, built in the test with chufei's own workbook writer, never committed:
 * a workbook with a small real 风险台账 and a worksheet given as already-deflated bytes — a zip bomb (one flushed
 * deflate block repeated, so a file of a few hundred KB inflates to hundreds of MiB) whose size the zip directory
 * declares truly or not. Test-only.
 */

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'

/** A ledger row of the bomb sheet: an id and a tier, nothing else (the cheapest row a reader keeps). */
export const TINY_ROW = '<row><c t="inlineStr"><is><t>Q-1</t></is></c><c t="inlineStr"><is><t>红色预警</t></is></c></row>'

/** A worksheet part of `block` × `repeat` rows after a ledger header; `declared` is the size the directory gives. */
export interface BombSheet {
  readonly block: string
  readonly repeat: number
  /** 'true': the inflated size; a number: that many bytes (a lie). */
  readonly declared: 'true' | number
}

const bombPart = (bomb: BombSheet): ScratchSheet => {
  const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c t="inlineStr"><is><t>线索编号</t></is></c><c t="inlineStr"><is><t>预警等级</t></is></c></row>`
  const tail = '</sheetData></worksheet>'
  const flushed = (text: string) => deflateRawSync(Buffer.from(text, 'utf8'), { finishFlush: constants.Z_FULL_FLUSH, level: 9 })
  const middle = flushed(bomb.block)
  const pieces = [flushed(head), ...Array.from({ length: bomb.repeat }, () => middle), deflateRawSync(Buffer.from(tail, 'utf8'))]
  const size = Buffer.byteLength(head) + Buffer.byteLength(bomb.block) * bomb.repeat + Buffer.byteLength(tail)
  const compressed = pieces.reduce((n, p) => n + p.length, 0)
  const part = { crc: 0, size: bomb.declared === 'true' ? size : bomb.declared, compressed }
  return {
    sheet: undefined as never,
    part: () => ({
      part,
      data: (async function* () {
        yield* pieces
      })(),
    }),
    remove: async () => {},
  }
}

/** A ledger workbook: 风险台账 with `leads` rows, then the worksheet `extra` fills (a bomb, or a big real sheet). */
export const ledgerWith = (leads: number, extra: { name: string; bomb: BombSheet } | { name: string; rows: Iterable<string[]> }): Promise<Uint8Array> =>
  collectBytes(async (out) => {
    const wb = createWorkbookWriter(out)
    const main = wb.addSheet('风险台账', { headers: ['线索编号', '主体名称', '预警等级'], widths: [14, 30, 10] })
    for (let i = 1; i <= leads; i++) await main.row([`SQ-${i}`, `主体${i}`, '红色预警'])
    await main.end()
    if ('bomb' in extra) await wb.addDeflatedSheet(extra.name, bombPart(extra.bomb))
    else {
      const sheet = wb.addSheet(extra.name, { headers: ['附注'], widths: [60] })
      for (const row of extra.rows) await sheet.row(row)
      await sheet.end()
    }
    await wb.finish()
  })

/** About 1 MiB of `unit` repeated. */
export const mebibyteOf = (unit: string): string => unit.repeat(Math.floor((1024 * 1024) / Buffer.byteLength(unit)))
