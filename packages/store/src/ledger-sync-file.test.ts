import { ChufeiError } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import type { LedgerSyncRow } from './ledger-sync'
import { ledgerFileBytes, readLedgerRows } from './ledger-sync-file'

/*
 * The ledger file (台账文件) on its own: what the writer puts in XLSX and CSV reads back through the reader with
 * the same cells (a formula still guarded: the plan takes the guard off), and an upload's row bound stops the
 * reader with the file named.
 */

const row = (caseId: number, patch: Partial<LedgerSyncRow> = {}): LedgerSyncRow => ({
  caseId,
  version: 2,
  unit: '芮集村',
  subject: `芮集村第${caseId}合作社`,
  creditCode: null,
  tier: 'red',
  total: 88,
  disposition: 'report-police',
  status: '处置中',
  measures: '约谈负责人, "责令"停止宣传',
  deadline: '2024-07-31',
  plan: '=HYPERLINK("x")',
  notes: '',
  ...patch,
})

describe('ledgerFileBytes and readLedgerRows', () => {
  for (const kind of ['xlsx', 'csv'] as const) {
    it(`${kind}: the editable cells and the identity read back as written`, async () => {
      const rows = [row(1), row(2, { deadline: null, status: '待核查' })]
      const back = await readLedgerRows({ bytes: await ledgerFileBytes(rows, kind), name: `台账.${kind}` }, `台账.${kind}`)
      expect(back.map((r) => [r.line, Number(r.cells.caseId), Number(r.cells.version), r.cells.status, r.cells.measures, r.cells.plan])).toEqual([
        [2, 1, 2, '处置中', '约谈负责人, "责令"停止宣传', "'=HYPERLINK(\"x\")"],
        [3, 2, 2, '待核查', '约谈负责人, "责令"停止宣传', "'=HYPERLINK(\"x\")"],
      ])
      // An empty 整改时限: no cell in XLSX, an empty field in CSV; the plan reads both as none.
      expect([null, '']).toContain(back[1]!.cells.deadline ?? null)
    })
  }

  it('stops at maxRows with the file named (an upload bound), and reads the same file whole without it', async () => {
    const bytes = await ledgerFileBytes([row(1), row(2), row(3)], 'csv')
    expect((await readLedgerRows({ bytes, name: 'a.csv' }, 'a.csv')).length).toBe(3)
    const error = await readLedgerRows({ bytes, name: 'a.csv' }, 'a.csv', { maxRows: 3 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChufeiError)
    expect((error as ChufeiError).code).toBe('UNREADABLE_INPUT')
    expect((error as ChufeiError).message).toBe('台账 a.csv 超过 3 行：请按单位分别导出、修改和回填')
  })
})
