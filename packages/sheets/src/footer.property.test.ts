import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isFooterRow } from './footer'
import type { Cell } from './types'
import { compact } from './values/_text'

const SIGNATURES = ['填表人:', '审核人:', '制表人:', '填报人:']

/** isFooterRow's test of a later cell before the 人 pre-check: the reference it must equal. */
const laterCellSignsReference = (cell: string): boolean =>
  cell.length < 1000 && (cell.includes(':') || cell.includes('：')) && SIGNATURES.some((p) => compact(cell).includes(p))

// Pieces of signatures with full-width forms and spaces of every kind between them.
const piece = fc.constantFrom('填', '表', '人', '审', '核', '制', '报', ':', '：', ' ', '\u3000', '\u00a0', '\u200b', '张三', 'ａ', '经查')
const text = fc.array(piece, { maxLength: 10 }).map((p) => p.join(''))

describe('isFooterRow (property)', () => {
  it('a later cell makes a footer exactly when the check without the 人 pre-check says so', () => {
    fc.assert(
      fc.property(text, (cell) => {
        const row: Cell[] = ['HX-001', cell]
        expect(isFooterRow(row)).toBe(laterCellSignsReference(cell))
      }),
      { numRuns: 3000 },
    )
  })
})
