import { ChufeiError } from '@chufei/core'
import { describeCause, unreadableInput } from './read-sheet-errors'
import type { ByteSource } from './read-sheet-input'
import type { RawRow, RawSheetInfo } from './read-sheet-types'
import { parseDateStyles, parseRelationships, parseSharedStrings, parseWorkbook, resolvePartName, type Relationship } from './xlsx-parts'
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
        const target = wanted ?? workbook.sheets[0]?.name
        const sheet = target === undefined ? undefined : workbook.sheets.find((s) => s.name.trim() === target.trim())
        const link = sheet === undefined ? undefined : links.find((r) => r.id === sheet.relationId && r.type === 'worksheet')
        const entry = link === undefined ? undefined : entries.get(link.target)
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
