import type { Tier } from '@chufei/core'
import { DATE_FORMAT, TIER_FILLS } from '../xlsx-style'

/*
 * The ledger's cell styles (xl/styles.xml), a fixed table: the XLSX ledger uses ten looks, known in advance,
 * so each is a constant index into cellXfs instead of a style object per cell that a writer must look up
 * (exceljs's way, a good part of its time). The looks are those of xlsx-style.ts: the grey bold wrapped header,
 * the tier fills, the date format, the wrapped top-aligned text of 主要依据 and the 说明 sheet, bold headings.
 */

/** Index of each look in cellXfs (what a cell's `s` attribute says). */
export const STYLE = {
  /** Nothing: Calibri 11 from the theme. */
  plain: 0,
  /** Bold (the 统计 sheet's section headings, and the header row's row style). */
  bold: 1,
  /** The header row's cells: bold on grey, vertically centred, wrapped. */
  header: 2,
  /** Wrapped and aligned to the top (主要依据, the 说明 sheet's text). */
  wrapTop: 3,
  /** A date (yyyy-mm-dd). */
  date: 4,
  /** A date, wrapped and aligned to the top (the 说明 sheet's date). */
  dateWrapTop: 5,
  red: 6,
  orange: 7,
  yellow: 8,
  blue: 9,
} as const

/** A cell style index from {@link STYLE}. */
export type StyleId = (typeof STYLE)[keyof typeof STYLE]

/** The fill style of a tier's cell; none for 未达预警 or no tier, as `fillTier` leaves those cells alone. */
export const tierStyle = (tier: Tier | null | undefined): StyleId => (tier === null || tier === undefined || tier === 'none' ? STYLE.plain : STYLE[tier])

const DATE_FORMAT_ID = 164
const solid = (argb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/></patternFill></fill>`
const TIERS = ['red', 'orange', 'yellow', 'blue'] as const

// cellXfs in STYLE's order; fills: 0 none, 1 gray125 (both required by Excel), 2 header grey, 3… the tiers.
const XFS = [
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>',
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>',
  `<xf numFmtId="${DATE_FORMAT_ID}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
  `<xf numFmtId="${DATE_FORMAT_ID}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`,
  ...TIERS.map((_, i) => `<xf numFmtId="0" fontId="0" fillId="${3 + i}" borderId="0" xfId="0" applyFill="1"/>`),
]

/** xl/styles.xml. The default font is exceljs's (Calibri 11, theme colour and scheme); bold has only `<b/>`, as exceljs wrote it. */
export const STYLES_XML: string =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  `<numFmts count="1"><numFmt numFmtId="${DATE_FORMAT_ID}" formatCode="${DATE_FORMAT}"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/></font></fonts>' +
  `<fills count="${3 + TIERS.length}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
  solid('FFD9D9D9') +
  TIERS.map((t) => solid(TIER_FILLS[t])).join('') +
  '</fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="${XFS.length}">${XFS.join('')}</cellXfs>` +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  '</styleSheet>'
