import { STRING_OVERHEAD_BYTES, XlsxLimitError } from './xlsx-limits'
import { cleanCellText, normalizeLineBreaks } from './xlsx-text'
import { attribute, decodeXmlText, scanXml, type XmlHandler } from './xlsx-xml'

/*
 * The small parts of a workbook a sheet reader needs besides the worksheet: the sheet list in tab order
 * (workbook.xml), where each part lives (the .rels files), which cell styles are dates (styles.xml) and
 * the shared strings (sharedStrings.xml). Dates and shared strings follow what exceljs 4.4 (the reader
 * this one replaced) made of them, so ledgers read the same.
 */

const handler = (partial: Partial<XmlHandler>): XmlHandler => ({
  open: () => {},
  close: () => {},
  text: () => {},
  wantText: false,
  stop: false,
  ...partial,
})

/** Whether a tab shows: `hidden` (unhide in Excel) or `veryHidden` (only VBA can show it). */
export type SheetState = 'visible' | 'hidden' | 'veryHidden'

/** One tab of the workbook. */
export interface WorkbookSheet {
  readonly name: string
  /** Relationship id of the sheet's part. */
  readonly relationId: string
  readonly state: SheetState
}

const stateOf = (value: string | undefined): SheetState =>
  value === 'hidden' ? 'hidden' : value === 'veryHidden' ? 'veryHidden' : 'visible'

/** The sheets in tab order, and whether serial dates count from 1904 (Mac Excel). */
export const parseWorkbook = async (xml: AsyncIterable<string>): Promise<{ sheets: WorkbookSheet[]; date1904: boolean }> => {
  const sheets: WorkbookSheet[] = []
  let date1904 = false
  await scanXml(
    xml,
    handler({
      open(name, attributes) {
        if (name === 'sheet') {
          // The relationship attribute's prefix is whatever the namespace was bound to, `r:` in practice.
          const relationId = attribute(attributes, 'r:id') ?? relationAttribute(attributes)
          sheets.push({ name: attribute(attributes, 'name') ?? '', relationId: relationId ?? '', state: stateOf(attribute(attributes, 'state')) })
        } else if (name === 'workbookPr') {
          // Only the attribute sets the system: Excel for Mac also writes `<x15:workbookPr …/>` (no
          // date1904) after the main element, and an xsd:boolean may be written `1` or `true`.
          const flag = attribute(attributes, 'date1904')
          if (flag !== undefined) date1904 = flag.trim() === '1' || flag.trim().toLowerCase() === 'true'
        }
      },
    }),
  )
  return { sheets, date1904 }
}

/** A `…:id` attribute with another prefix than `r:`. */
const relationAttribute = (attributes: string): string | undefined => {
  const at = attributes.indexOf(':id=')
  if (at < 0) return undefined
  let start = at
  while (start > 0 && attributes[start - 1] !== ' ' && attributes[start - 1] !== '\t' && attributes[start - 1] !== '\n') start--
  return attribute(attributes, attributes.slice(start, at + 3))
}

/** A relationship: its id, type (last path segment, e.g. `worksheet`) and the part it points at. */
export interface Relationship {
  readonly id: string
  readonly type: string
  readonly target: string
}

/** Resolves a relationship target against the folder of the part that declares it (`xl/`). */
export const resolvePartName = (folder: string, target: string): string => {
  const parts = target.startsWith('/') ? [] : folder.split('/').filter(Boolean)
  for (const piece of target.split('/')) {
    if (piece === '' || piece === '.') continue
    if (piece === '..') parts.pop()
    else parts.push(piece)
  }
  return parts.join('/')
}

/** The relationships of a .rels part, targets resolved against `folder`. */
export const parseRelationships = async (xml: AsyncIterable<string>, folder: string): Promise<Relationship[]> => {
  const relations: Relationship[] = []
  await scanXml(
    xml,
    handler({
      open(name, attributes) {
        if (name !== 'Relationship') return
        if (attribute(attributes, 'TargetMode') === 'External') return
        const type = attribute(attributes, 'Type') ?? ''
        relations.push({
          id: attribute(attributes, 'Id') ?? '',
          type: type.slice(type.lastIndexOf('/') + 1),
          target: resolvePartName(folder, attribute(attributes, 'Target') ?? ''),
        })
      },
    }),
  )
  return relations
}

/**
 * Built-in number formats that show dates or times: 14–22 and 45–47 everywhere, and in the Chinese,
 * Japanese and Korean locales 27–36 and 50–58 (zh-CN: 31 is `yyyy"年"m"月"d"日"`, 57 `yyyy"年"m"月"`…).
 * WPS and Excel in Chinese write these ids without a `<numFmt>`, since the format is built in.
 */
const BUILT_IN_DATE_FORMATS: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
])

/**
 * Whether a format code shows a date or time: a date/time letter (y m d h s, either case as LibreOffice
 * writes `YYYY-MM-DD`, and b for Buddhist years) outside quotes, brackets and escapes (`\d`, `_)`, `* `).
 */
export const isDateFormatCode = (code: string): boolean => {
  let inQuote = false
  let inBracket = false
  let escaped = false
  for (const ch of code) {
    if (escaped) escaped = false
    else if (inQuote) inQuote = ch !== '"'
    else if (inBracket) inBracket = ch !== ']'
    else if (ch === '"') inQuote = true
    else if (ch === '[') inBracket = true
    else if (ch === '\\' || ch === '_' || ch === '*') escaped = true
    else if ('ymdhsbYMDHS'.includes(ch)) return true
  }
  return false
}

/** For each cell style (`s` of a cell), whether its number format is a date. */
export const parseDateStyles = async (xml: AsyncIterable<string>): Promise<boolean[]> => {
  const custom = new Map<number, string>()
  const formatIds: number[] = []
  let inCellXfs = false
  await scanXml(
    xml,
    handler({
      open(name, attributes, selfClosing) {
        if (name === 'numFmt') custom.set(Number(attribute(attributes, 'numFmtId')), attribute(attributes, 'formatCode') ?? '')
        else if (name === 'cellXfs') inCellXfs = !selfClosing
        else if (name === 'xf' && inCellXfs) formatIds.push(Number(attribute(attributes, 'numFmtId') ?? 0))
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false
      },
    }),
  )
  return formatIds.map((id) => {
    if (!id) return false
    const code = custom.get(id)
    return code !== undefined ? isDateFormatCode(code) : BUILT_IN_DATE_FORMATS.has(id)
  })
}

/**
 * The shared strings, in order: each item's text runs joined (rich text reads as its plain text), the
 * phonetic guide (`rPh`) left out as Excel shows it. Throws {@link XlsxLimitError} as soon as what is
 * held (the strings so far and the one being read) would pass `maxBytes`.
 */
export const parseSharedStrings = async (xml: AsyncIterable<string>, part: string, maxBytes: number): Promise<string[]> => {
  const strings: string[] = []
  let item = ''
  let raw = ''
  let phonetic = 0
  let held = 0
  const push = (text: string) => {
    held += 2 * text.length + STRING_OVERHEAD_BYTES
    if (held > maxBytes) throw new XlsxLimitError('shared-strings', part, maxBytes)
    // A copy of its own: a slice of the part's text would keep the whole text chunk it came from alive,
    // and the strings would then hold the entire part in memory, whatever they add up to themselves.
    strings.push(text.length < 13 ? text : (` ${text}`).slice(1))
  }
  const h = handler({
    open(name, _attributes, selfClosing) {
      if (selfClosing) {
        if (name === 'si') push('')
        return
      }
      if (name === 'si') item = ''
      else if (name === 'rPh') phonetic++
      else if (name === 't' && phonetic === 0) {
        raw = ''
        h.wantText = true
      }
    },
    close(name) {
      if (name === 't' && h.wantText) {
        item += decodeXmlText(normalizeLineBreaks(raw)) // XML end-of-line handling: a literal CR LF is LF
        h.wantText = false
      } else if (name === 'rPh') phonetic--
      else if (name === 'si') push(cleanCellText(item))
    },
    text(piece) {
      raw += piece
      if (held + 2 * (item.length + raw.length) > maxBytes) throw new XlsxLimitError('shared-strings', part, maxBytes)
    },
  })
  await scanXml(xml, h)
  return strings
}
