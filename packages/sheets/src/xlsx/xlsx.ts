import { ChufeiError } from '@chufei/core'
import { describeCause, unreadableInput } from '../read-sheet-errors'
import type { ByteSource } from '../read-sheet-input'
import type { RawRow, RawSheetInfo } from '../read-sheet-types'
import { parseDateStyles, parseRelationships, parseSharedStrings, parseWorkbook, resolvePartName, type Relationship, type SheetState } from './xlsx-parts'
import { resolveXlsxLimits, XlsxLimitError, xlsxLimitError, type XlsxLimits } from './xlsx-limits'
import { readSheetRows, type SheetContext } from './xlsx-sheet'
import { readZipDirectory, readZipText, type ZipEntry } from './xlsx-zip'

/*
 * XLSX (Excel 2007+) worksheets as raw rows, read straight from the zip: the central directory finds the
 * parts, the workbook names the sheets in tab order, and the chosen worksheet is inflated and scanned as
 * a stream. This replaced exceljs's streaming reader, which took 60 µs per row and mis-decoded Chinese
 * text at zip chunk boundaries; cell values are read as it read them (see `xlsx-sheet.ts`).
 */

/** An XLSX worksheet as raw rows, with the name of the worksheet read. */
export interface XlsxRows {
  readonly rows: AsyncGenerator<RawRow>
  readonly info: RawSheetInfo
}

const OFFICE_DOCUMENT = 'officeDocument'
const DEFAULT_WORKBOOK = 'xl/workbook.xml'

const folderOf = (part: string): string => part.slice(0, part.lastIndexOf('/') + 1)
const relsOf = (part: string): string => `${folderOf(part)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`

/** A tab as the sheet chooser sees it: its name, whether it shows, and what kind of sheet it is. */
export interface XlsxSheetEntry {
  readonly name: string
  readonly state: SheetState
  /** `worksheet`, or `chartsheet`, `macrosheet` (Excel 4.0 macros), `dialogsheet`: sheets without cell data. */
  readonly kind: string
  /** The sheet part's size inflated and compressed, as the zip directory declares them (0 without a part). */
  readonly size: number
  readonly compressedSize: number
}

/** A workbook's tabs in tab order, and the sizes a reader may want to bound before it inflates anything. */
export interface XlsxDirectory {
  readonly sheets: XlsxSheetEntry[]
  /** The shared strings part's inflated size as declared (0 without one). */
  readonly sharedStringsSize: number
  /** The file's size in bytes. */
  readonly fileSize: number
}

/** The tabs of an XLSX workbook in tab order, with their parts' declared sizes; only the directory and workbook are read. */
export const readXlsxDirectory = async (source: ByteSource, overrides?: Partial<XlsxLimits>): Promise<XlsxDirectory> => {
  const limits = resolveXlsxLimits(overrides)
  try {
    const fileSize = await source.size()
    const entries = await readZipDirectory(source)
    refuseOtherZips(source.file, entries)
    // The workbook and its relationships are read whole: inflated no larger than the memory budget.
    const text = (name: string | undefined) => {
      const entry = name === undefined ? undefined : entries.get(name)
      return entry === undefined ? null : readZipText(source, entry, Math.min(limits.partBytes, limits.sharedStringsBytes))
    }
    const rootRels = text(relsOf(''))
    const workbookPart = (rootRels === null ? [] : await parseRelationships(rootRels, '')).find((r) => r.type === OFFICE_DOCUMENT)?.target ?? DEFAULT_WORKBOOK
    const workbookXml = text(workbookPart)
    if (workbookXml === null) return { sheets: [], sharedStringsSize: 0, fileSize }
    const workbook = await parseWorkbook(workbookXml)
    const linksXml = text(relsOf(workbookPart))
    const links = linksXml === null ? [] : await parseRelationships(linksXml, folderOf(workbookPart))
    const strings = entries.get(links.find((r) => r.type === 'sharedStrings')?.target ?? resolvePartName(folderOf(workbookPart), 'sharedStrings.xml'))
    const sheets = workbook.sheets.map((s) => {
      const link = links.find((r) => r.id === s.relationId)
      const part = link === undefined ? undefined : entries.get(link.target)
      return { name: s.name, state: s.state, kind: sheetKind(link?.type), size: part?.size ?? 0, compressedSize: part?.compressedSize ?? 0 }
    })
    return { sheets, sharedStringsSize: strings?.size ?? 0, fileSize }
  } catch (error) {
    throw corrupt(source.file, error)
  }
}

/** The tabs of an XLSX workbook in tab order. */
export const listXlsxSheets = async (source: ByteSource, overrides?: Partial<XlsxLimits>): Promise<XlsxSheetEntry[]> => (await readXlsxDirectory(source, overrides)).sheets

/** The kind of sheet a relationship type names: `xlMacrosheet`/`xlIntlMacrosheet` (Microsoft's) are macro sheets. */
const sheetKind = (type: string | undefined): string => {
  const t = (type ?? 'worksheet').toLowerCase()
  for (const kind of ['macrosheet', 'chartsheet', 'dialogsheet']) if (t.endsWith(kind)) return kind
  return t === 'worksheet' ? 'worksheet' : t
}

/** What a sheet that is not a worksheet is, for messages. */
const SHEET_KINDS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  macrosheet: ['宏表（Excel 4.0 宏表，不含排查数据）', 'a macro sheet (Excel 4.0 macros, no sheet data)'],
  chartsheet: ['图表工作表（只有图表，没有单元格）', 'a chart sheet (a chart, no cells)'],
  dialogsheet: ['对话框工作表（Excel 5.0 对话框，不含数据）', 'a dialog sheet (Excel 5.0 dialog, no data)'],
}

/**
 * Streams one worksheet of an XLSX workbook (the first in tab order, or `sheet`) as raw rows whose
 * `line` is the worksheet row number. Cells come as the user sees them: text (shared, inline, rich text
 * joined), numbers, booleans, error codes as text, date-formatted numbers as `Date`, a formula's cached
 * result. Rows Excel does not store (never touched) produce nothing.
 */
export const readXlsxRows = (source: ByteSource, options: { sheet?: string; limits?: Partial<XlsxLimits> }): XlsxRows => {
  const info: RawSheetInfo = {}
  const { file } = source
  const wanted = options.sheet?.trim()
  const limits = resolveXlsxLimits(options.limits)

  async function* rows(): AsyncGenerator<RawRow> {
    let names: string[] = []
    let worksheet: { entry: ZipEntry; context: SheetContext } | null = null
    try {
      const entries = await readZipDirectory(source)
      refuseOtherZips(file, entries)
      // Parts read whole into memory: inflated no larger than the memory budget.
      const text = (name: string | undefined) => {
        const entry = name === undefined ? undefined : entries.get(name)
        return entry === undefined ? null : readZipText(source, entry, Math.min(limits.partBytes, limits.sharedStringsBytes))
      }
      const relations = async (part: string): Promise<Relationship[]> => {
        const xml = text(relsOf(part))
        return xml === null ? [] : parseRelationships(xml, folderOf(part))
      }
      const workbookPart = (await relations('')).find((r) => r.type === OFFICE_DOCUMENT)?.target ?? DEFAULT_WORKBOOK
      const workbookXml = text(workbookPart)
      if (workbookXml !== null) {
        const workbook = await parseWorkbook(workbookXml)
        names = workbook.sheets.map((s) => s.name)
        const links = await relations(workbookPart)
        const target = wanted ?? (workbook.sheets.find((s) => s.state === 'visible') ?? workbook.sheets[0])?.name
        const sheet = target === undefined ? undefined : workbook.sheets.find((s) => s.name.trim() === target.trim())
        const link = sheet === undefined ? undefined : links.find((r) => r.id === sheet.relationId && r.type === 'worksheet')
        const entry = link === undefined ? undefined : entries.get(link.target)
        const kind = sheet === undefined ? undefined : sheetKind(links.find((r) => r.id === sheet.relationId)?.type)
        if (sheet !== undefined && kind !== undefined && kind !== 'worksheet' && Object.hasOwn(SHEET_KINDS, kind)) {
          const [zh, en] = SHEET_KINDS[kind]!
          throw unreadableInput(
            file,
            'not-a-worksheet',
            `“${sheet.name}”是${zh}，不能作为排查表读取；请指定数据工作表，现有工作表：${names.join('、')}`,
            `"${sheet.name}" is ${en} and cannot be read as a sheet; name a worksheet; the workbook has: ${names.join(', ')}`,
          )
        }
        if (sheet !== undefined && entry !== undefined) {
          const partOf = (type: string) => links.find((r) => r.type === type)?.target ?? resolvePartName(folderOf(workbookPart), `${type}.xml`)
          const stylesXml = text(partOf('styles'))
          const stringsPart = partOf('sharedStrings')
          const stringsEntry = entries.get(stringsPart)
          const stringsXml = stringsEntry === undefined ? null : readZipText(source, stringsEntry, limits.partBytes)
          const context: SheetContext = {
            dateStyles: stylesXml === null ? [] : await parseDateStyles(stylesXml),
            sharedStrings: stringsXml === null ? [] : await parseSharedStrings(stringsXml, stringsPart, limits.sharedStringsBytes),
            date1904: workbook.date1904,
          }
          info.sheet = sheet.name
          worksheet = { entry, context }
        }
      }
    } catch (error) {
      throw corrupt(file, error)
    }
    if (worksheet !== null) {
      const sheetRows = readSheetRows(readZipText(source, worksheet.entry, limits.partBytes), worksheet.context)
      for (;;) {
        let next: IteratorResult<RawRow>
        try {
          next = await sheetRows.next()
        } catch (error) {
          throw corrupt(file, error)
        }
        if (next.done) return
        yield next.value
      }
    }
    if (names.length === 0)
      throw unreadableInput(
        file,
        'no-worksheet',
        '不是有效的Excel工作簿：没有找到任何工作表',
        'not a valid Excel workbook: no worksheet found',
      )
    if (wanted === undefined)
      throw unreadableInput(
        file,
        'sheet-not-found',
        `找不到第一个工作表“${names[0]}”的数据（可能是图表工作表），请指定工作表；现有工作表：${names.join('、')}`,
        `the first sheet "${names[0]}" has no cell data (a chart sheet?); name a sheet; the workbook has: ${names.join(', ')}`,
      )
    throw unreadableInput(
      file,
      'sheet-not-found',
      `没有名为“${wanted}”的工作表；现有工作表：${names.join('、')}`,
      `no worksheet named "${wanted}"; the workbook has: ${names.join(', ')}`,
    )
  }

  return { rows: rows(), info }
}

/** The fix every unsupported spreadsheet format gets. */
const SAVE_AS_ZH = '请在 Excel 或 WPS 中另存为 .xlsx 后再导入'
const SAVE_AS_EN = 'open it in Excel or WPS and save it as .xlsx, then import that'

/**
 * Zips that are spreadsheets but not SpreadsheetML: Excel's binary .xlsb (`xl/workbook.bin`) and
 * OpenDocument .ods (`mimetype` + `content.xml`). No well-kept npm library reads them safely (SheetJS's
 * npm release, 0.18.5, is stale with published CVEs), so they get the fix instead of "corrupt".
 */
const refuseOtherZips = (file: string, entries: ReadonlyMap<string, ZipEntry>): void => {
  if (entries.has('xl/workbook.bin'))
    throw unreadableInput(file, 'unsupported-xlsb', `不支持 Excel 二进制工作簿（.xlsb）格式，${SAVE_AS_ZH}`, `Excel binary workbooks (.xlsb) are not supported; ${SAVE_AS_EN}`)
  if (entries.has('content.xml') && entries.has('mimetype') && !entries.has('[Content_Types].xml'))
    throw unreadableInput(file, 'unsupported-ods', `不支持 OpenDocument 表格（.ods，LibreOffice/WPS 导出）格式，${SAVE_AS_ZH}`, `OpenDocument spreadsheets (.ods) are not supported; ${SAVE_AS_EN}`)
}

/** A read failure as the located error a user can act on: file-system errors as they are, anything else as a corrupt workbook. */
const corrupt = (file: string, error: unknown): Error => {
  if (error instanceof ChufeiError) return error
  if (error instanceof XlsxLimitError) return xlsxLimitError(file, error)
  return unreadableInput(
    file,
    'corrupt-xlsx',
    `Excel文件已损坏或不是有效的.xlsx文件（${describeCause(error)}）`,
    `the Excel file is corrupt or not a valid .xlsx file (${describeCause(error)})`,
    {},
    error,
  )
}
