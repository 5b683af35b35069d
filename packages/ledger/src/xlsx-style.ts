import type { Tier } from '@chufei/core'
import type ExcelJS from 'exceljs'

/*
 * How an XLSX ledger looks, the same from `chufei score` and `chufei track`: a grey bold header row that
 * wraps, and the 预警等级 cell filled in its tier's colour so staff see the red ones first.
 */

/** Fill colour (ARGB) of the 预警等级 cell, by tier; 未达预警 has none. */
export const TIER_FILLS: Readonly<Record<Exclude<Tier, 'none'>, string>> = {
  red: 'FFFF4D4F',
  orange: 'FFFFA940',
  yellow: 'FFFFE58F',
  blue: 'FF91CAFF',
}

const HEADER_FILL = 'FFD9D9D9'

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } })

/** Styles a header row: bold, grey, wrapped and vertically centred. */
export const styleHeaderRow = (row: ExcelJS.Row): void => {
  row.font = { bold: true }
  row.eachCell((cell) => {
    cell.fill = solid(HEADER_FILL)
    cell.alignment = { vertical: 'middle', wrapText: true }
  })
}

/** Fills a cell in the colour of its tier; a cell without a tier, or 未达预警, is left as it is. */
export const fillTier = (cell: ExcelJS.Cell, tier: Tier | null | undefined): void => {
  if (tier !== null && tier !== undefined && tier !== 'none') cell.fill = solid(TIER_FILLS[tier])
}
