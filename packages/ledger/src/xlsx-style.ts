import type { Tier } from '@chufei/core'
import type ExcelJS from 'exceljs'
import { isIsoDate } from './record'

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

/** The number format of the ledger's date cells (整改时限, 排查日期, the 说明 sheet's date). */
export const DATE_FORMAT = 'yyyy-mm-dd'

/**
 * A YYYY-MM-DD text as the value of an Excel date cell (UTC midnight, which exceljs writes as the serial of
 * that day); anything else is returned as it is, so a date staff typed as free text is kept, not lost.
 */
export const excelDate = <T>(value: T): T | Date => {
  if (typeof value !== 'string' || !isIsoDate(value)) return value
  return new Date(Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10))))
}

/** Gives every Date cell of a row the ledger's date format. */
export const formatDateCells = (row: ExcelJS.Row): void => {
  row.eachCell((cell) => {
    if (cell.value instanceof Date) cell.numFmt = DATE_FORMAT
  })
}
